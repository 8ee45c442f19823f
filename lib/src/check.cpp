#include "tactful/check.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <re2/set.h>
#include <unicode/unistr.h>

#include "compiled.hpp"
#include "email.hpp"
#include "score.hpp"
#include "text.hpp"

namespace tactful {
namespace detail {
namespace {

}  // namespace

// Batch checking: the expression of every pattern rule, and the gates of
// the whole-text rules that have them (entities), in one RE2::Set per scope,
// so one pass over a text says which of them can match at all, and only those
// run. Compiling it costs tens of milliseconds, once. A rule whose expression
// the set cannot take, or should not (counted repetition above kMaxRepeat
// would multiply the set's states), runs on every text instead.
class PatternIndex {
 public:
  explicit PatternIndex(const CompiledRules& c) {
    build(c, c.reply, reply_);
    build(c, c.customer, customer_);
  }
  // The pattern and whole-text rules of `scope` that must run on `text`, in
  // the order the scope lists them (patterns, then whole-text rules).
  void candidates(const Scope& scope, bool customer, std::string_view text, std::vector<std::uint32_t>& out) const {
    const Part& p = customer ? customer_ : reply_;
    out.clear();
    std::vector<int> hit;
    RE2::Set::ErrorInfo info{};
    const bool all = !p.set || (!p.set->Match(re2::StringPiece(text.data(), text.size()), &hit, &info) &&
                                info.kind != RE2::Set::kNoError);  // no set, or it gave up: run them all
    std::vector<bool> run(scope.patterns.size() + scope.always.size(), all);
    for (std::size_t i = 0; i < run.size(); ++i) run[i] = run[i] || !p.indexed[i];
    for (int h : hit) run[p.slot_of[static_cast<std::size_t>(h)]] = true;
    for (std::size_t i = 0; i < scope.patterns.size(); ++i) {
      if (run[i]) out.push_back(scope.patterns[i]);
    }
    for (std::size_t i = 0; i < scope.always.size(); ++i) {
      if (run[scope.patterns.size() + i]) out.push_back(scope.always[i]);
    }
  }

 private:
  // Slots: scope.patterns, then scope.always.
  struct Part {
    std::unique_ptr<RE2::Set> set;
    std::vector<std::size_t> slot_of;  // set entry -> slot
    std::vector<bool> indexed;         // per slot: gated by the set
  };
  static void build(const CompiledRules& c, const Scope& scope, Part& part) {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(std::int64_t{256} << 20);
    auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
    std::vector<std::uint32_t> slots(scope.patterns);
    slots.insert(slots.end(), scope.always.begin(), scope.always.end());
    part.indexed.assign(slots.size(), false);
    std::vector<const LazyRegex*> gates;
    for (std::size_t slot = 0; slot < slots.size(); ++slot) {
      gates.clear();
      c.rule(slots[slot]).gates(gates);
      const bool indexable = !gates.empty() && std::none_of(gates.begin(), gates.end(), [](const LazyRegex* re) {
        return !large_repeat(re->pattern()).empty();
      });
      if (!indexable) continue;  // runs on every text
      bool added = true;
      for (const LazyRegex* re : gates) {
        const std::string p = re->case_sensitive() ? "(?:" + re->pattern() + ")" : "(?i:" + re->pattern() + ")";
        if (set->Add(p, nullptr) < 0) {
          added = false;
          break;
        }
        part.slot_of.push_back(slot);
      }
      // An expression the set refused: the rule runs on every text. Its
      // entries already added stay in the set, still mapped to this slot.
      part.indexed[slot] = added;
    }
    if (!part.slot_of.empty() && set->Compile()) {
      part.set = std::move(set);
    } else {
      part.indexed.assign(slots.size(), false);
    }
  }
  Part reply_, customer_;
};

namespace {

// Phase 1 over one text: one walk of the phrase index finds every phrase
// rule's matches; pattern rules run only when the batch index says they match,
// or else when one of their literals is there.
void run_scope(const CompiledRules& c, const Scope& scope, const Text& text, std::vector<Hit>& hits,
               const PatternIndex* patterns, bool customer) {
  std::vector<std::pair<std::uint32_t, PhraseMatch>> found;
  for (const PhraseIndex& index : scope.phrases) index.match(text.tokens(), found);
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    if (x.second.first != y.second.first) return x.second.first < y.second.first;
    return x.second.last > y.second.last;
  });
  std::vector<PhraseMatch> matches;
  for (std::size_t i = 0; i < found.size();) {
    const std::uint32_t rule = found[i].first;
    matches.clear();
    for (; i < found.size() && found[i].first == rule; ++i) matches.push_back(found[i].second);
    c.rule(rule).on_phrases(text, matches, rule, hits);
  }
  if (patterns) {
    std::vector<std::uint32_t> run;
    patterns->candidates(scope, customer, text.norm(), run);
    for (std::uint32_t r : run) c.rule(r).find(text, r, hits);
    return;
  }
  // A single check: each pattern rule runs the patterns its literals allow.
  for (std::uint32_t r : scope.patterns) c.rule(r).find_one_off(text, r, hits);
  for (std::uint32_t r : scope.always) c.rule(r).find_one_off(text, r, hits);
}

// Whether the reply uses the customer's name: the full name or any part of it.
bool uses_name(const Text& reply, std::string_view name) {
  auto folded = [](std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))).foldCase();
  };
  const icu::UnicodeString text = folded(reply.norm());
  auto find = [&](const icu::UnicodeString& n) {
    if (n.length() < 2) return false;
    for (int32_t at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
      const bool left = at == 0 || !is_word_char(static_cast<char32_t>(text.char32At(at - 1)));
      const int32_t end = at + n.length();
      const bool right = end >= text.length() || !is_word_char(static_cast<char32_t>(text.char32At(end)));
      if (left && right) return true;
    }
    return false;
  };
  std::string_view trimmed = name;
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  if (trimmed.empty()) return false;
  if (find(folded(trimmed))) return true;
  // Any part of the name: "Maria" or "Ms Lopez" for "Maria Lopez".
  for (std::size_t at = 0; at < trimmed.size();) {
    std::size_t end = trimmed.find(' ', at);
    if (end == std::string_view::npos) end = trimmed.size();
    if (end - at >= 2 && end - at < trimmed.size() && find(folded(trimmed.substr(at, end - at)))) return true;
    at = end + 1;
  }
  return false;
}

Result<void> check_size(std::string_view bytes, std::size_t max, const char* what) {
  if (bytes.size() <= max) return {};
  Error e;
  e.code = ErrorCode::input_too_large;
  e.message = fmt::format("the {} is {} bytes; the limit is {} bytes", what, bytes.size(), max);
  return tl::unexpected(e);
}

}  // namespace
}  // namespace detail

Checker::Checker(RuleSet rules, CheckOptions options) : rules_(std::move(rules)), options_(options) {
  if (options_.batch) patterns_ = std::make_shared<const detail::PatternIndex>(rules_.compiled());
}
Checker::~Checker() = default;
Checker::Checker(const Checker&) = default;
Checker& Checker::operator=(const Checker&) = default;

Result<Report> Checker::check(const Draft& draft) const {
  using namespace detail;
  if (auto r = check_size(draft.text, options_.max_bytes, "draft"); !r) return tl::unexpected(r.error());
  if (auto r = validate_input(draft.text); !r) return tl::unexpected(r.error());
  if (!draft.context.empty()) {
    auto fail = [](Error e) {
      e.file = "context";
      e.message = "customer message: " + e.message;
      return tl::unexpected(std::move(e));
    };
    if (auto r = check_size(draft.context, options_.max_bytes, "customer message"); !r) return fail(r.error());
    if (auto r = validate_input(draft.context); !r && r.error().code != ErrorCode::empty_input) {
      return fail(r.error());
    }
  }
  const CompiledRules& c = rules_.compiled();

  // Quoted history and the signature are not the agent's words: blank them
  // (same length, so every offset still points into the draft as given).
  const EmailParts email = split_email(draft.text);
  std::string masked;
  std::string_view own = draft.text;
  if (!email.hidden.empty()) {
    masked.assign(draft.text);
    for (const Range& r : email.hidden) {
      for (std::size_t i = r.begin; i < r.end; ++i) {
        if (masked[i] != '\n') masked[i] = ' ';
      }
    }
    own = masked;
    // The draft is valid UTF-8 already and masking keeps whole lines: only
    // blankness is in question.
    if (is_blank(own)) {
      Error e;
      e.code = ErrorCode::empty_input;
      e.message = "the draft has no words of its own outside quoted history and signature";
      return tl::unexpected(e);
    }
  }
  const std::string_view context = draft.context.empty() ? std::string_view(email.quoted) : draft.context;

  Text reply(own);
  Analysis a;
  a.reply = &reply;
  run_scope(c, c.reply, reply, a.hits, patterns_.get(), false);
  std::stable_sort(a.hits.begin(), a.hits.end(), [](const Hit& x, const Hit& y) { return x.range.begin < y.range.begin; });
  // Signals first from rules without `unless_signals`; then the hits of
  // rules whose `unless_signals` the reply shows are dropped ("We can't
  // refund it. I can swap it for store credit." is not a bare refusal).
  auto set_signals = [&](bool conditional) {
    for (const Hit& h : a.hits) {
      if (c.infos[h.rule].unless_signals.empty() == conditional) continue;
      if (const auto s = c.signal_of(h.rule)) a.signals.set(static_cast<std::size_t>(*s));
    }
  };
  set_signals(false);
  std::erase_if(a.hits, [&](const Hit& h) {
    const auto& unless = c.infos[h.rule].unless_signals;
    return std::any_of(unless.begin(), unless.end(), [&](Signal s) { return a.signals.test(static_cast<std::size_t>(s)); });
  });
  set_signals(true);

  Report report;
  report.source = draft.source;
  std::unique_ptr<Text> customer;
  if (!context.empty()) {
    customer = std::make_unique<Text>(context);
    a.customer = customer.get();
    std::vector<Hit> hits;
    run_scope(c, c.customer, *customer, hits, patterns_.get(), true);
    std::vector<bool> seen(c.rules.size());
    for (const Hit& h : hits) {
      a.facts.insert(c.infos[h.rule].fact);
      const std::size_t begin = customer->to_original(h.range.begin);
      const std::size_t length = customer->to_original(h.range.end) - begin;
      if (const std::string_view kind = c.rule(h.rule).entity(); !kind.empty()) {
        std::string text(context.substr(begin, length));
        const bool dup = std::any_of(report.customer_entities.begin(), report.customer_entities.end(),
                                     [&](const Entity& e) { return e.kind == kind && e.text == text; });
        if (!dup) report.customer_entities.push_back({std::string(kind), std::move(text), begin, length});
      }
      if (seen[h.rule]) continue;
      seen[h.rule] = true;
      report.evidence.push_back({c.infos[h.rule].id, true, begin, length, c.infos[h.rule].fact});
    }
    std::stable_sort(report.customer_entities.begin(), report.customer_entities.end(),
                     [](const Entity& x, const Entity& y) { return x.offset < y.offset; });
  }
  // The customer's name: given, or the first name they signed with.
  if (!draft.customer_name.empty()) {
    report.customer_name = std::string(draft.customer_name);
  } else {
    for (const Entity& e : report.customer_entities) {
      if (e.kind == "name") {
        report.customer_name = e.text;
        break;
      }
    }
  }
  if (!report.customer_name.empty()) {
    a.customer_name = report.customer_name;
    a.facts.insert("name.known");
    if (uses_name(reply, report.customer_name)) a.signals.set(static_cast<std::size_t>(Signal::name));
  }

  // Phase 2: policies, in stages; what a stage signals, later stages see.
  std::vector<Hit> judged;
  for (std::uint32_t p : c.policies) {
    const std::size_t before = judged.size();
    c.rule(p).judge(a, c, p, judged);
    for (std::size_t i = before; i < judged.size(); ++i) {
      if (const auto s = c.signal_of(judged[i].rule)) {
        a.signals.set(static_cast<std::size_t>(*s));
      }
    }
  }

  // Greeting the customer by someone else's name is not using their name.
  for (const Hit& h : judged) {
    if (c.infos[h.rule].kind == "address") a.signals.reset(static_cast<std::size_t>(Signal::name));
  }

  std::vector<bool> evidenced(c.rules.size());
  auto emit = [&](const Hit& h) {
    const RuleInfo& info = c.infos[h.rule];
    const std::size_t begin = reply.to_original(h.range.begin);
    const std::size_t end = std::max(begin, reply.to_original(h.range.end));
    if (!evidenced[h.rule]) {  // the first place each rule fired is evidence enough
      evidenced[h.rule] = true;
      const auto signal = c.signal_of(h.rule);
      report.evidence.push_back({info.id, false, begin, end - begin, signal ? std::string(name(*signal)) : std::string()});
    }
    if (!info.report) return;
    Finding f;
    f.rule = info.id;
    f.habit = info.habit;
    f.severity = info.severity;
    f.message = info.message;
    f.span.offset = begin;
    f.span.length = end - begin;
    f.text = std::string(draft.text.substr(begin, end - begin));
    if (!h.suggestion.empty()) {
      f.suggestion = h.suggestion;
    } else if (!info.suggest.empty()) {
      f.suggestion = info.suggest;
    }
    report.findings.push_back(std::move(f));
  };
  for (const Hit& h : a.hits) {
    if (!c.rule(h.rule).counts_only()) emit(h);
  }
  for (const Hit& h : judged) emit(h);

  auto& fs = report.findings;
  std::sort(fs.begin(), fs.end(), [](const Finding& x, const Finding& y) {
    if (x.span.offset != y.span.offset) return x.span.offset < y.span.offset;
    if (x.severity != y.severity) return x.severity > y.severity;
    return x.rule < y.rule;
  });
  fs.erase(std::unique(fs.begin(), fs.end(),
                       [](const Finding& x, const Finding& y) {
                         return x.rule == y.rule && x.span.offset == y.span.offset && x.span.length == y.span.length;
                       }),
           fs.end());
  LineMap lines(draft.text);
  for (Finding& f : fs) lines.locate(f.span);

  report.signals = a.signals;
  report.customer_facts.assign(a.facts.begin(), a.facts.end());
  score(report);
  return report;
}

}  // namespace tactful
