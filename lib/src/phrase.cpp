#include "phrase.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "text.hpp"
#include "tokens.hpp"

namespace tactful::detail {
namespace {

// A phrase may expand to at most this many token sequences.
constexpr std::size_t kMaxForms = 4096;

bool is_vowel(char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Simple English inflections of a word marked with '~'.
std::vector<std::string> inflect(const std::string& w) {
  std::vector<std::string> out{w};
  if (w.size() < 2) return out;
  const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(w.back())));
  const char prev = static_cast<char>(std::tolower(static_cast<unsigned char>(w[w.size() - 2])));
  const std::string stem = w.substr(0, w.size() - 1);
  if (last == 'e') {
    // agree -> agreeing, but apologise -> apologising
    out.insert(out.end(), {w + "s", w + "d", prev == 'e' ? w + "ing" : stem + "ing"});
  } else if (last == 'y' && !is_vowel(prev)) {
    out.insert(out.end(), {stem + "ies", stem + "ied", w + "ing"});
  } else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 's' || prev == 'c'))) {
    out.insert(out.end(), {w + "es", w + "ed", w + "ing"});
  } else {
    out.insert(out.end(), {w + "s", w + "ed", w + "ing"});
    // stop -> stopped: a short word ending consonant-vowel-consonant doubles.
    if (w.size() >= 3 && !is_vowel(last) && is_vowel(prev) && !is_vowel(w[w.size() - 3]) &&
        std::string_view("wxy").find(last) == std::string_view::npos) {
      out.insert(out.end(), {w + last + "ed", w + last + "ing"});
    }
  }
  return out;
}

// British and American spellings of -ise/-ize words match each other.
void add_ize_variants(std::vector<std::string>& forms) {
  static const std::array<std::string_view, 8> kEndings = {"e", "ed", "es", "ing", "ation", "ations", "er", "ers"};
  const std::size_t n = forms.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string l = lower(forms[i]);
    for (std::string_view end : kEndings) {
      for (std::string_view from : {"is", "iz"}) {
        std::string suffix = std::string(from) + std::string(end);
        if (l.size() > suffix.size() + 2 && l.ends_with(suffix)) {
          std::string v = forms[i];
          v[v.size() - suffix.size() + 1] = from == "is" ? 'z' : 's';
          forms.push_back(v);
        }
      }
    }
  }
}

// Splits on white space outside braces.
tl::expected<std::vector<std::string>, std::string> split_slots(std::string_view p) {
  std::vector<std::string> toks;
  std::string cur;
  int depth = 0;
  for (char c : p) {
    if (c == '{') {
      if (depth++ > 0) return tl::unexpected<std::string>("nested '{' is not supported");
    } else if (c == '}') {
      if (--depth < 0) return tl::unexpected<std::string>("'}' without '{'");
    }
    if (depth == 0 && std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) toks.push_back(std::move(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (depth != 0) return tl::unexpected<std::string>("unclosed '{'");
  if (!cur.empty()) toks.push_back(std::move(cur));
  return toks;
}

std::vector<std::string> split_bars(std::string_view body) {
  std::vector<std::string> out;
  for (std::size_t b = 0;;) {
    const std::size_t bar = body.find('|', b);
    out.emplace_back(body.substr(b, bar == std::string_view::npos ? bar : bar - b));
    if (bar == std::string_view::npos) break;
    b = bar + 1;
  }
  return out;
}

struct Slot {
  std::vector<std::string> forms;  // each a run of words
  bool optional = false;
};

tl::expected<std::vector<std::string>, std::string> expand_strings(std::string_view phrase);

// One word of a phrase: inline groups ("apologi{s|z}e") and '~' expanded.
tl::expected<Slot, std::string> word_slot(std::string_view tok) {
  Slot slot;
  if (tok.front() == '{' && tok.back() == '}' && tok.find('{', 1) == std::string_view::npos) {
    for (const std::string& alt : split_bars(tok.substr(1, tok.size() - 2))) {
      if (alt.find_first_not_of(" \t") == std::string::npos) {
        slot.optional = true;
        continue;
      }
      auto sub = expand_strings(alt);
      if (!sub) return tl::unexpected(sub.error());
      slot.forms.insert(slot.forms.end(), sub->begin(), sub->end());
    }
    if (slot.forms.empty()) return tl::unexpected<std::string>("a {group} needs at least one non-empty alternative");
    return slot;
  }
  bool inflected = false;
  if (tok.size() > 1 && tok.back() == '~') {
    inflected = true;
    tok.remove_suffix(1);
  }
  if (tok.find_first_of("}|~") != std::string_view::npos && tok.find('{') == std::string_view::npos) {
    return tl::unexpected<std::string>("stray '}', '|' or '~' in a word");
  }
  std::vector<std::string> forms{""};
  for (std::size_t i = 0; i < tok.size();) {
    const std::size_t open = std::min(tok.find('{', i), tok.size());
    for (auto& f : forms) f.append(tok.substr(i, open - i));
    if (open == tok.size()) break;
    if (inflected) return tl::unexpected<std::string>("'~' cannot follow a word with {alternatives}");
    const std::size_t close = tok.find('}', open);
    if (close == std::string_view::npos) return tl::unexpected<std::string>("unclosed '{'");
    std::vector<std::string> next;
    for (const auto& f : forms) {
      for (const auto& alt : split_bars(tok.substr(open + 1, close - open - 1))) next.push_back(f + alt);
    }
    forms = std::move(next);
    i = close + 1;
  }
  if (inflected) forms = inflect(forms.front());
  add_ize_variants(forms);
  slot.forms = std::move(forms);
  return slot;
}

// The phrase as plain strings of words, before contractions.
tl::expected<std::vector<std::string>, std::string> expand_strings(std::string_view phrase) {
  auto toks = split_slots(phrase);
  if (!toks) return tl::unexpected(toks.error());
  if (toks->empty()) return tl::unexpected<std::string>("empty phrase");
  std::vector<std::string> out{""};
  bool required = false;
  for (const auto& tok : *toks) {
    auto slot = word_slot(tok);
    if (!slot) return tl::unexpected(slot.error());
    required |= !slot->optional;
    std::vector<std::string> next;
    for (const auto& prefix : out) {
      if (slot->optional) next.push_back(prefix);
      for (const auto& f : slot->forms) next.push_back(prefix.empty() ? f : prefix + " " + f);
    }
    if (next.size() > kMaxForms) return tl::unexpected<std::string>("the phrase expands to too many forms");
    out = std::move(next);
  }
  if (!required) return tl::unexpected<std::string>("every part of the phrase is optional");
  return out;
}

}  // namespace

tl::expected<std::vector<Sequence>, std::string> expand_phrase(std::string_view raw) {
  auto strings = expand_strings(fold_quotes(raw));
  if (!strings) return tl::unexpected(strings.error());
  // Contractions need no forms of their own: tokens read them in the long form.
  std::set<Sequence> all;
  for (const auto& s : *strings) {
    Sequence toks = token_keys(s);
    if (toks.empty()) return tl::unexpected<std::string>("the phrase has no words");
    for (auto& t : toks) {
      if (t == "*") t = kWildcard;
    }
    if (toks.front() == kWildcard || toks.back() == kWildcard) {
      return tl::unexpected<std::string>("'*' (any word) must stand between words");
    }
    all.insert(std::move(toks));
  }
  return std::vector<Sequence>(all.begin(), all.end());
}

}  // namespace tactful::detail
