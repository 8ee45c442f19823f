// kind: echo — the reply names what the customer wrote about: it shares
// salient terms with the customer's message (docs/rules.md).
//
// A term is a word of at least three letters that is not in the rule's
// `ignore` list, compared after light stemming ("refunds" = "refund"). Words in
// handles (@name), hashtags and links do not count. The rule fires when the
// reply shares `min_terms` terms with the message, or one strong term: a
// number or code ("4411", "iOS11"), or a name capitalised mid-sentence
// ("AirPods") in either text. Terms in sentences that are instructions
// (opening with a verb from `instructions`: "Restart the router") restate
// the agent's fix, not the customer's problem, and do not count.
#include <algorithm>
#include <deque>
#include <cctype>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

// Light stemming: "refunds", "refunded", "refunding" -> "refund"; a final
// "e" goes too, so "exchange" and "exchanged" meet at "exchang".
std::string_view stem(std::string_view w) {
  for (std::string_view suffix : {"'s", "ing", "ed", "es", "s"}) {
    if (w.size() >= suffix.size() + 3 && w.ends_with(suffix)) {
      w.remove_suffix(suffix.size());
      break;
    }
  }
  if (w.size() > 3 && w.back() == 'e') w.remove_suffix(1);
  return w;
}

bool has_digit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Byte ranges of links, which carry no words of the customer's.
std::vector<Range> links(std::string_view s) {
  std::vector<Range> out;
  for (std::size_t at = s.find("http"); at != std::string_view::npos; at = s.find("http", at + 1)) {
    if (s.compare(at, 7, "http://") != 0 && s.compare(at, 8, "https://") != 0) continue;
    std::size_t end = at;
    while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
    out.push_back({at, end});
    at = end;
  }
  return out;
}

struct Term {
  std::string_view stem;  // into the text's keys, or the terms' arena
  Range range;
  bool strong = false;
  bool addressed = false;  // its sentence speaks to the customer ("your", "you", "sorry")
};

class EchoRule final : public Rule {
 public:
  EchoRule(WordSet ignore, WordSet instructions, std::vector<std::vector<std::string>> requests, WordSet addressed,
           std::vector<Signal> hostile, std::size_t min_terms)
      : ignore_(std::move(ignore)),
        instructions_(std::move(instructions)),
        requests_(std::move(requests)),
        addressed_(std::move(addressed)),
        hostile_(std::move(hostile)),
        min_terms_(min_terms) {}

  bool is_policy() const override { return true; }
  int stage() const override { return 0; }  // before the policies that read its signal

  void judge(const Analysis& a, const CompiledRules&, std::uint32_t self, std::vector<Hit>& out) const override {
    if (!a.customer) return;
    std::deque<std::string> arena;  // stems that are not slices of a key ("£20")
    std::vector<Term> theirs = terms(*a.customer, false, arena);
    if (theirs.empty()) return;
    // The customer's stems, sorted, a strong one before its weak twins.
    std::sort(theirs.begin(), theirs.end(), [](const Term& x, const Term& y) {
      return x.stem != y.stem ? x.stem < y.stem : x.strong > y.strong;
    });
    auto find = [&](std::string_view stem) -> const Term* {
      auto it = std::lower_bound(theirs.begin(), theirs.end(), stem,
                                 [](const Term& t, std::string_view v) { return t.stem < v; });
      return it != theirs.end() && it->stem == stem ? &*it : nullptr;
    };
    // A reply that blames or brushes the customer off names their problem
    // only where it speaks to them ("the claim for your MRI"); a bare policy
    // line ("These charges can't be removed") does not show listening.
    const bool hostile = std::any_of(hostile_.begin(), hostile_.end(),
                                     [&](Signal s) { return a.signals.test(static_cast<std::size_t>(s)); });
    std::vector<std::string_view> shared;
    std::optional<Range> first;
    bool strong_hit = false;
    const std::vector<Term> ours = terms(*a.reply, true, arena);
    for (const Term& t : ours) {
      const Term* mine = find(t.stem);
      if (!mine || (hostile && !t.addressed)) continue;
      if (!first) first = t.range;
      shared.push_back(t.stem);
      strong_hit |= t.strong || mine->strong;
    }
    std::sort(shared.begin(), shared.end());
    shared.erase(std::unique(shared.begin(), shared.end()), shared.end());
    if (first && (strong_hit || shared.size() >= min_terms_)) out.push_back({self, *first, {}});
  }

 private:
  // The terms of a text. In the reply, the terms of instruction, request and
  // advice sentences do not count: they restate the agent's fix or ask for
  // details ("Could you DM us your Android version?"), not the customer's
  // problem.
  std::vector<Term> terms(const Text& text, bool reply, std::deque<std::string>& arena) const {
    std::vector<Term> out;
    const auto& toks = text.tokens();
    const std::string_view s = text.norm();
    const auto skip = links(s);
    std::size_t i = 0;
    while (i < toks.size()) {
      // One sentence: up to a full stop, "!", "?" or a line break.
      std::size_t end = i;
      while (end < toks.size()) {
        const std::string_view key = toks.key(toks[end]);
        if (end > i && s.substr(toks[end - 1].end, toks[end].begin - toks[end - 1].end).find('\n') != std::string_view::npos) break;
        ++end;
        if (!toks[end - 1].word() && (key == "." || key == "!" || key == "?")) break;
      }
      if (!reply || !skipped(toks, i, end)) collect(toks, s, skip, i, end, out, arena);
      i = end;
    }
    return out;
  }

  static bool after_mark(const Tokens& toks, std::size_t i) {
    return i > 0 && !toks[i - 1].word() && toks[i - 1].end == toks[i].begin &&
           (toks.key(toks[i - 1]) == "@" || toks.key(toks[i - 1]) == "#");
  }

  // Is the sentence toks[b, e) an instruction ("Restart the router",
  // "Canceling the download...") or a request or advice ("Could you...",
  // "We'd suggest...")?
  bool skipped(const Tokens& toks, std::size_t b, std::size_t e) const {
    std::size_t first = b;  // the first word, after handles and "Please"
    while (first < e && (!toks[first].word() || after_mark(toks, first) || toks.key(toks[first]) == "please")) ++first;
    if (first < e && is_instruction(toks.key(toks[first]))) return true;
    for (std::size_t k = b; k < e; ++k) {
      if (!toks[k].word()) continue;
      for (const auto& phrase : requests_) {
        if (k + phrase.size() > e) continue;
        std::size_t n = 0;
        while (n < phrase.size() && toks.key(toks[k + n]) == phrase[n]) ++n;
        if (n == phrase.size()) return true;
      }
    }
    return false;
  }

  // An instruction verb, or its -ing form ("cancel", "canceling", "unplugging").
  bool is_instruction(std::string_view w) const {
    if (instructions_.contains(w)) return true;
    if (w.size() < 6 || !w.ends_with("ing")) return false;
    std::string base(w.substr(0, w.size() - 3));
    if (instructions_.contains(base)) return true;
    if (instructions_.contains(base + "e")) return true;
    return base.size() >= 2 && base[base.size() - 1] == base[base.size() - 2] &&
           instructions_.contains(std::string_view(base).substr(0, base.size() - 1));
  }

  void collect(const Tokens& toks, std::string_view s, const std::vector<Range>& skip, std::size_t b,
               std::size_t e, std::vector<Term>& out, std::deque<std::string>& arena) const {
    bool addressed = false;
    for (std::size_t i = b; i < e && !addressed; ++i) addressed = toks[i].word() && addressed_.contains(toks.key(toks[i]));
    bool sentence_start = true;
    for (std::size_t i = b; i < e; ++i) {
      const Token& t = toks[i];
      if (!t.word()) continue;
      const std::string_view key = toks.key(t);
      const bool mark = after_mark(toks, i);
      const bool in_link = std::any_of(skip.begin(), skip.end(), [&](Range r) { return t.begin >= r.begin && t.begin < r.end; });
      const bool was_start = sentence_start;
      sentence_start = was_start && mark;  // a handle before the first word keeps the start open
      if (mark || in_link) continue;
      if (i + 1 < toks.size() && toks[i + 1].begin == t.begin) continue;  // a contraction: function words
      if (i > 0 && toks[i - 1].begin == t.begin) continue;
      const bool digits = has_digit(key);
      if ((key.size() < 3 && !(digits && key.size() >= 2)) || ignore_.contains(key)) continue;
      const unsigned char c0 = static_cast<unsigned char>(s[t.begin]);
      const bool capital = !was_start && c0 >= 'A' && c0 <= 'Z' && key.size() >= 3;
      std::string_view term = stem(key);
      if (digits) {
        // An amount keeps its unit: "£20" is not "20%" nor "20 minutes".
        std::string_view unit, percent;
        if (t.begin > 0 && i > b && !toks[i - 1].word() && toks[i - 1].end == t.begin) {
          const std::string_view u = toks.key(toks[i - 1]);
          if (u == "$" || u == "\xC2\xA3" || u == "\xE2\x82\xAC" || u == "\xC2\xA5") unit = u;
        }
        if (i + 1 < e && !toks[i + 1].word() && toks[i + 1].begin == t.end && toks.key(toks[i + 1]) == "%") percent = "%";
        if (!unit.empty() || !percent.empty()) term = arena.emplace_back(std::string(unit) + std::string(term) + std::string(percent));
      }
      out.push_back({term, {t.begin, t.end}, digits || capital, addressed});
    }
  }

  WordSet ignore_;
  WordSet instructions_;
  std::vector<std::vector<std::string>> requests_;
  WordSet addressed_;
  std::vector<Signal> hostile_;
  std::size_t min_terms_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_echo_rule(const RuleReader& r) {
  auto ignore = r.words("ignore", false);
  if (!ignore) return tl::unexpected(ignore.error());
  auto min = r.number("min_terms");
  if (!min) return tl::unexpected(min.error());
  const double n = min->value_or(2);
  if (n < 1) return r.error(r.param("min_terms"), "'min_terms' must be at least 1");
  auto instructions = r.words("instructions", false);
  if (!instructions) return tl::unexpected(instructions.error());
  auto requests = r.strings("requests", false);
  if (!requests) return tl::unexpected(requests.error());
  std::vector<std::vector<std::string>> phrases;
  for (const auto& phrase : *requests) {
    // Words as the tokenizer keys them: folded, contractions in long form.
    const Tokens toks(phrase);
    std::vector<std::string> words;
    for (const Token& t : toks.list()) words.emplace_back(toks.key(t));
    if (words.empty()) return r.error(r.param("requests"), fmt::format("request phrase '{}' has no words", phrase));
    phrases.push_back(std::move(words));
  }
  auto addressed = r.words("addressed", false);
  if (!addressed) return tl::unexpected(addressed.error());
  auto hostile_names = r.strings("hostile", false);
  if (!hostile_names) return tl::unexpected(hostile_names.error());
  std::vector<Signal> hostile;
  for (std::size_t i = 0; i < hostile_names->size(); ++i) {
    auto sig = parse_signal((*hostile_names)[i]);
    if (!sig) return r.error(r.param("hostile"), fmt::format("unknown signal '{}' in 'hostile'", (*hostile_names)[i]), i);
    hostile.push_back(*sig);
  }
  if (r.info().customer_scope) return r.error(nullptr, "an 'echo' rule compares the reply with the customer's message");
  return std::make_unique<EchoRule>(std::move(*ignore), std::move(*instructions), std::move(phrases),
                                    std::move(*addressed), std::move(hostile), static_cast<std::size_t>(n));
}

}  // namespace tactful::detail
