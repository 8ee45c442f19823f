#include "phrase.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include <re2/re2.h>

namespace tactful::detail {
namespace {

// Each line lists forms that match each other (lower case, single spaces).
const std::vector<std::vector<std::string_view>> kContractions = {
    {"i am", "i'm"},          {"you are", "you're"},     {"we are", "we're"},       {"they are", "they're"},
    {"it is", "it's"},        {"that is", "that's"},     {"there is", "there's"},   {"what is", "what's"},
    {"i will", "i'll"},       {"we will", "we'll"},      {"you will", "you'll"},    {"it will", "it'll"},
    {"i would", "i'd"},       {"we would", "we'd"},      {"you would", "you'd"},    {"i have", "i've"},
    {"we have", "we've"},     {"you have", "you've"},    {"do not", "don't"},       {"does not", "doesn't"},
    {"did not", "didn't"},    {"cannot", "can't", "can not"},                      {"will not", "won't"},
    {"would not", "wouldn't"}, {"should not", "shouldn't"}, {"could not", "couldn't"}, {"is not", "isn't"},
    {"are not", "aren't"},    {"was not", "wasn't"},     {"were not", "weren't"},   {"have not", "haven't"},
    {"has not", "hasn't"},    {"let us", "let's"},
};

struct Slot {
  std::string regex;
  bool optional = false;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_vowel(char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; }

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

std::string alternation(const std::vector<std::string>& alts) {
  if (alts.size() == 1) return alts.front();
  std::string out = "(?:";
  for (std::size_t i = 0; i < alts.size(); ++i) {
    if (i) out += '|';
    out += alts[i];
  }
  return out + ")";
}

// A word that may hold inline groups ("apologi{s|z}e"), escaped for RE2.
tl::expected<std::string, std::string> word_regex(std::string_view tok) {
  bool inflected = false;
  if (tok.size() > 1 && tok.back() == '~') {
    inflected = true;
    tok.remove_suffix(1);
  }
  if (tok.find('{') == std::string_view::npos) {
    if (tok.find_first_of("}|~") != std::string_view::npos) return tl::unexpected<std::string>("stray '}', '|' or '~' in a word");
    std::vector<std::string> forms = inflected ? inflect(std::string(tok)) : std::vector<std::string>{std::string(tok)};
    add_ize_variants(forms);
    std::vector<std::string> quoted;
    for (const auto& f : forms) quoted.push_back(RE2::QuoteMeta(f));
    std::sort(quoted.begin(), quoted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    quoted.erase(std::unique(quoted.begin(), quoted.end()), quoted.end());
    return alternation(quoted);
  }
  if (inflected) return tl::unexpected<std::string>("'~' cannot follow a word with {alternatives}");
  std::string out;
  std::size_t i = 0;
  while (i < tok.size()) {
    std::size_t open = tok.find('{', i);
    if (open == std::string_view::npos) open = tok.size();
    out += RE2::QuoteMeta(tok.substr(i, open - i));
    if (open == tok.size()) break;
    std::size_t close = tok.find('}', open);
    if (close == std::string_view::npos) return tl::unexpected<std::string>("unclosed '{'");
    std::vector<std::string> alts;
    std::string_view body = tok.substr(open + 1, close - open - 1);
    for (std::size_t b = 0;;) {
      std::size_t bar = body.find('|', b);
      alts.push_back(RE2::QuoteMeta(body.substr(b, bar == std::string_view::npos ? bar : bar - b)));
      if (bar == std::string_view::npos) break;
      b = bar + 1;
    }
    out += "(?:" + alternation(alts) + ")";
    i = close + 1;
  }
  return out;
}

// Splits on white space outside braces.
tl::expected<std::vector<std::string>, std::string> tokenize(std::string_view p) {
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

std::string words_regex(std::string_view form) {
  std::string out;
  for (std::size_t i = 0;;) {
    std::size_t sp = form.find(' ', i);
    out += RE2::QuoteMeta(form.substr(i, sp == std::string_view::npos ? sp : sp - i));
    if (sp == std::string_view::npos) break;
    out += "\\s+";
    i = sp + 1;
  }
  return out;
}

// The contraction forms that tokens[i...] start with, and how many tokens they cover.
const std::vector<std::string_view>* contraction_forms(const std::vector<std::string>& toks, std::size_t i,
                                                       std::size_t& words) {
  for (const auto& forms : kContractions) {
    for (std::string_view form : forms) {
      words = static_cast<std::size_t>(std::count(form.begin(), form.end(), ' ')) + 1;
      if (i + words > toks.size()) continue;
      std::string joined;
      for (std::size_t k = 0; k < words; ++k) {
        if (k) joined += ' ';
        joined += lower(toks[i + k]);
      }
      if (joined == form) return &forms;
    }
  }
  return nullptr;
}

// If tokens[i...] start a contraction, sets the slot and returns how many
// tokens it covers. Where two contractions overlap ("it will not": "it'll
// not" or "it won't"), the slot covers both and matches every spelling.
std::size_t contraction_at(const std::vector<std::string>& toks, std::size_t i, Slot& slot) {
  std::size_t n1 = 0;
  const auto* first = contraction_forms(toks, i, n1);
  if (!first) return 0;
  std::vector<std::string> alts;
  for (std::string_view f : *first) alts.push_back(words_regex(f));
  std::size_t n2 = 0;
  const auto* second = n1 > 1 ? contraction_forms(toks, i + n1 - 1, n2) : nullptr;
  if (!second || n2 < 2) {
    slot.regex = alternation(alts);
    return n1;
  }
  // tokens i .. i+n1-1 (first) overlap tokens i+n1-1 .. i+n1+n2-2 (second) in one word.
  auto join = [&](std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
      if (!out.empty()) out += ' ';
      out += lower(toks[k]);
    }
    return out;
  };
  const std::string head = join(i, i + n1 - 1), tail = join(i + n1, i + n1 + n2 - 1);
  std::vector<std::string> both;
  for (std::string_view f : *first) both.push_back(words_regex(std::string(f) + " " + tail));
  for (std::string_view f : *second) both.push_back(words_regex(head + " " + std::string(f)));
  std::sort(both.begin(), both.end());
  both.erase(std::unique(both.begin(), both.end()), both.end());
  slot.regex = alternation(both);
  return n1 + n2 - 1;
}

}  // namespace

std::string fold_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto at = [&](std::string_view x) { return s.compare(i, x.size(), x) == 0; };
    if (at("\u2018") || at("\u2019")) {
      out += '\'';
      i += 2;
    } else if (at("\u201C") || at("\u201D")) {
      out += '"';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

tl::expected<std::string, std::string> compile_phrase(std::string_view raw) {
  const std::string folded = fold_quotes(raw);
  auto toks = tokenize(folded);
  if (!toks) return tl::unexpected(toks.error());
  if (toks->empty()) return tl::unexpected<std::string>("empty phrase");

  std::vector<Slot> slots;
  for (std::size_t i = 0; i < toks->size();) {
    const std::string& tok = (*toks)[i];
    Slot slot;
    if (std::size_t n = contraction_at(*toks, i, slot)) {
      slots.push_back(std::move(slot));
      i += n;
      continue;
    }
    if (tok.front() == '{' && tok.back() == '}' && tok.find('{', 1) == std::string::npos) {
      // A slot of its own: alternatives are phrases; an empty one makes it optional.
      std::vector<std::string> alts;
      std::string_view body = std::string_view(tok).substr(1, tok.size() - 2);
      for (std::size_t b = 0;;) {
        std::size_t bar = body.find('|', b);
        std::string_view alt = body.substr(b, bar == std::string_view::npos ? bar : bar - b);
        if (alt.find_first_not_of(" \t") == std::string_view::npos) {
          slot.optional = true;
        } else {
          auto r = compile_phrase(alt);
          if (!r) return r;
          alts.push_back(*r);
        }
        if (bar == std::string_view::npos) break;
        b = bar + 1;
      }
      if (alts.empty()) return tl::unexpected<std::string>("a {group} needs at least one non-empty alternative");
      slot.regex = alternation(alts);
    } else {
      auto r = word_regex(tok);
      if (!r) return tl::unexpected(r.error());
      slot.regex = *r;
    }
    slots.push_back(std::move(slot));
    ++i;
  }

  std::string out;
  bool have_required = false;
  for (const Slot& s : slots) {
    if (s.optional) {
      out += have_required ? "(?:\\s+" + s.regex + ")?" : "(?:" + s.regex + "\\s+)?";
    } else {
      if (have_required) out += "\\s+";
      out += s.regex;
      have_required = true;
    }
  }
  if (!have_required) return tl::unexpected<std::string>("every part of the phrase is optional");
  return out;
}

}  // namespace tactful::detail
