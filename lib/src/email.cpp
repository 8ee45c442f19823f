#include "email.hpp"

#include <cctype>

namespace tactful::detail {
namespace {

struct Line {
  std::size_t begin, end;  // without the line break
  std::string_view text;
};

std::vector<Line> lines_of(std::string_view s) {
  std::vector<Line> out;
  for (std::size_t b = 0; b <= s.size();) {
    std::size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    std::size_t te = e;
    if (te > b && s[te - 1] == '\r') --te;
    out.push_back({b, te, s.substr(b, te - b)});
    if (e == s.size()) break;
    b = e + 1;
  }
  return out;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && starts_with_ci(s.substr(s.size() - suffix.size()), suffix);
}

// "On Mon, 2 Mar 2026, Dana <dana@example.com> wrote:" (and the French and German forms).
bool is_attribution(std::string_view t) {
  t = trim_right(trim_left(t));
  if (t.size() > 300) return false;
  return (starts_with_ci(t, "on ") && ends_with_ci(t, " wrote:")) ||
         (starts_with_ci(t, "le ") && (ends_with_ci(t, " a \u00E9crit :") || ends_with_ci(t, " a \u00E9crit:"))) ||
         (starts_with_ci(t, "am ") && ends_with_ci(t, " schrieb:"));
}

// "-----Original Message-----", "---------- Forwarded message ---------".
bool is_separator(std::string_view t) {
  t = trim_left(t);
  if (!t.starts_with("--")) return false;
  while (t.starts_with('-')) t.remove_prefix(1);
  t = trim_left(t);
  return starts_with_ci(t, "original message") || starts_with_ci(t, "forwarded message") ||
         starts_with_ci(t, "begin forwarded message");
}

bool is_header(std::string_view t) {
  t = trim_left(t);
  for (std::string_view h : {"from:", "sent:", "date:", "to:", "cc:", "subject:"}) {
    if (starts_with_ci(t, h)) return true;
  }
  return false;
}

// The first line of quoted history that runs to the end of the draft, or lines.size().
std::size_t history_start(const std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view t = lines[i].text;
    if (is_separator(t) || is_attribution(t)) return i;
    // "On Mon, 3 Mar 2026, Dana <dana@example.com>" wrapped onto a second line ending "wrote:".
    if (i + 1 < lines.size() && starts_with_ci(trim_left(t), "on ") && trim_left(lines[i + 1].text).ends_with("wrote:")) {
      return i;
    }
    // Outlook: From: ... then Sent:/Date: and To:/Subject: within a few lines.
    if (starts_with_ci(trim_left(t), "from:")) {
      bool sent = false, to = false;
      for (std::size_t j = i + 1; j < lines.size() && j <= i + 5; ++j) {
        const std::string_view u = trim_left(lines[j].text);
        sent |= starts_with_ci(u, "sent:") || starts_with_ci(u, "date:");
        to |= starts_with_ci(u, "to:") || starts_with_ci(u, "subject:");
      }
      if (sent && to) return i;
    }
  }
  return lines.size();
}

bool is_quote(std::string_view t) { return trim_left(t).starts_with('>'); }

}  // namespace

EmailParts split_email(std::string_view draft) {
  EmailParts parts;
  const auto lines = lines_of(draft);
  const std::size_t history = history_start(lines);
  // The signature: a "-- " line, or a legal disclaimer, before the history.
  std::size_t signature = history;
  for (std::size_t i = 0; i < history; ++i) {
    const std::string_view t = lines[i].text;
    if (t == "-- " || t == "--" || starts_with_ci(t, "this email and any attachments") ||
        starts_with_ci(t, "this e-mail and any attachments") || starts_with_ci(t, "confidentiality notice") ||
        starts_with_ci(t, "disclaimer:")) {
      signature = i;
      break;
    }
  }
  auto hide = [&](std::size_t from_line, std::size_t to_line) {  // [from, to) lines
    if (from_line >= to_line) return;
    const std::size_t b = lines[from_line].begin;
    const std::size_t e = to_line < lines.size() ? lines[to_line].begin : draft.size();
    if (!parts.hidden.empty() && parts.hidden.back().end >= b) {
      parts.hidden.back().end = std::max(parts.hidden.back().end, e);
    } else {
      parts.hidden.push_back({b, e});
    }
  };
  for (std::size_t i = 0; i < signature; ++i) {
    if (is_quote(lines[i].text)) hide(i, i + 1);
  }
  hide(signature, lines.size());
  // The customer's words: every quoted line, markers removed.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = trim_left(lines[i].text);
    if (!t.starts_with('>')) continue;
    while (t.starts_with('>')) t = trim_left(t.substr(1));
    parts.quoted.append(t);
    parts.quoted += '\n';
  }
  if (parts.quoted.find_first_not_of(" \n") == std::string::npos) {
    // History without "> " markers (Outlook, forwards): the lines after its headers.
    parts.quoted.clear();
    for (std::size_t i = history + (history < lines.size() ? 1 : 0); i < lines.size(); ++i) {
      const std::string_view t = lines[i].text;
      if (is_header(t)) continue;
      parts.quoted.append(t);
      parts.quoted += '\n';
    }
  }
  const std::size_t first = parts.quoted.find_first_not_of(" \n");
  if (first == std::string::npos) {
    parts.quoted.clear();
  } else {
    parts.quoted.erase(parts.quoted.find_last_not_of(" \n") + 1);
    parts.quoted.erase(0, first);
  }
  return parts;
}

}  // namespace tactful::detail
