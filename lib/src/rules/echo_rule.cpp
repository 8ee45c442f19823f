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
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

// Light stemming: "refunds", "refunded", "refunding" -> "refund"; a final
// "e" goes too, so "exchange" and "exchanged" meet at "exchang".
std::string stem(std::string_view w) {
  for (std::string_view suffix : {"'s", "ing", "ed", "es", "s"}) {
    if (w.size() >= suffix.size() + 3 && w.ends_with(suffix)) {
      w.remove_suffix(suffix.size());
      break;
    }
  }
  if (w.size() > 3 && w.back() == 'e') w.remove_suffix(1);
  return std::string(w);
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
  std::string stem;
  Range range;
  bool strong = false;
};

class EchoRule final : public Rule {
 public:
  EchoRule(std::set<std::string, std::less<>> ignore, std::set<std::string, std::less<>> instructions,
           std::size_t min_terms)
      : ignore_(std::move(ignore)), instructions_(std::move(instructions)), min_terms_(min_terms) {}

  bool is_policy() const override { return true; }
  int stage() const override { return 0; }  // before the policies that read its signal

  void judge(const Analysis& a, const CompiledRules&, std::uint32_t self, std::vector<Hit>& out) const override {
    if (!a.customer) return;
    const auto theirs = terms(*a.customer, false);
    if (theirs.empty()) return;
    std::set<std::string, std::less<>> strong, all;
    for (const Term& t : theirs) {
      all.insert(t.stem);
      if (t.strong) strong.insert(t.stem);
    }
    std::set<std::string, std::less<>> shared;
    std::optional<Range> first;
    bool strong_hit = false;
    for (const Term& t : terms(*a.reply, true)) {
      if (!all.contains(t.stem)) continue;
      if (!first) first = t.range;
      shared.insert(t.stem);
      strong_hit |= t.strong || strong.contains(t.stem);
    }
    if (first && (strong_hit || shared.size() >= min_terms_)) out.push_back({self, *first, {}});
  }

 private:
  // The terms of a text; with `reply`, not those of instruction sentences.
  std::vector<Term> terms(const Text& text, bool reply) const {
    std::vector<Term> out;
    const auto& toks = text.tokens();
    const std::string_view s = text.norm();
    const auto skip = links(s);
    bool sentence_start = true;
    bool instruction = false;  // the current sentence opens with an instruction verb
    for (std::size_t i = 0; i < toks.size(); ++i) {
      const Token& t = toks[i];
      const std::string_view key = toks.key(t);
      if (!t.word()) {
        if (key == "." || key == "!" || key == "?") {
          sentence_start = true;
          instruction = false;
        }
        continue;
      }
      if (i > 0 && s.substr(toks[i - 1].end, t.begin - toks[i - 1].end).find('\n') != std::string_view::npos) {
        sentence_start = true;
        instruction = false;
      }
      if (sentence_start && reply && key != "please" && !(i > 0 && toks.key(toks[i - 1]) == "@")) {
        instruction = instructions_.contains(key);
      }
      const bool after_mark = i > 0 && !toks[i - 1].word() && toks[i - 1].end == t.begin &&
                              (toks.key(toks[i - 1]) == "@" || toks.key(toks[i - 1]) == "#");
      const bool in_link = std::any_of(skip.begin(), skip.end(), [&](Range r) { return t.begin >= r.begin && t.begin < r.end; });
      const bool was_start = sentence_start;
      // A handle or "Please" before the first word keeps the sentence start open.
      sentence_start = was_start && (after_mark || (reply && key == "please"));
      if (after_mark || in_link || instruction) continue;
      if (i + 1 < toks.size() && toks[i + 1].begin == t.begin) continue;  // a contraction: function words
      if (i > 0 && toks[i - 1].begin == t.begin) continue;
      const bool digits = has_digit(key);
      if ((key.size() < 3 && !(digits && key.size() >= 2)) || ignore_.contains(key)) continue;
      std::string st = stem(key);
      const unsigned char c0 = static_cast<unsigned char>(s[t.begin]);
      const bool capital = !was_start && c0 >= 'A' && c0 <= 'Z' && key.size() >= 3;
      out.push_back({std::move(st), {t.begin, t.end}, digits || capital});
    }
    return out;
  }

  std::set<std::string, std::less<>> ignore_;
  std::set<std::string, std::less<>> instructions_;
  std::size_t min_terms_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_echo_rule(const RuleReader& r) {
  auto ignore = r.strings("ignore", false);
  if (!ignore) return tl::unexpected(ignore.error());
  auto min = r.number("min_terms");
  if (!min) return tl::unexpected(min.error());
  const double n = min->value_or(2);
  if (n < 1) return r.error(r.param("min_terms"), "'min_terms' must be at least 1");
  auto folded = [](const std::vector<std::string>& list) {
    std::set<std::string, std::less<>> words;
    for (const auto& w : list) {
      std::string f;
      fold_into(w, f);
      words.insert(std::move(f));
    }
    return words;
  };
  auto instructions = r.strings("instructions", false);
  if (!instructions) return tl::unexpected(instructions.error());
  if (r.info().customer_scope) return r.error(nullptr, "an 'echo' rule compares the reply with the customer's message");
  return std::make_unique<EchoRule>(folded(*ignore), folded(*instructions), static_cast<std::size_t>(n));
}

}  // namespace tactful::detail
