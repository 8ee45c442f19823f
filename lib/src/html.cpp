// HTML to text through gumbo (an HTML5 parser that copes with the tag soup
// mail clients write). See tactful/mail.hpp.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "tactful/mail.hpp"
#include "text.hpp"

namespace tactful {
namespace {

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// Paragraph-like blocks get a blank line after them, as a reader sees them.
bool is_paragraph(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ||
         tag == GUMBO_TAG_TABLE || (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6) || tag == GUMBO_TAG_PRE;
}

std::string_view attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

// Quoted history: mail clients put the quoted message in a <blockquote>
// (Gmail's gmail_quote, Apple Mail's type=cite). Outlook's reply header block
// is plain text (From:/Sent:/To:/Subject:) that the email rules recognise.
bool is_quote(const GumboElement& e) { return e.tag == GUMBO_TAG_BLOCKQUOTE; }

class Writer {
 public:
  std::string take() {
    finish_line();
    // No trailing blank lines, nor quote lines with nothing quoted.
    while (!out_.empty()) {
      out_.erase(out_.find_last_not_of('\n') + 1);  // npos + 1 == 0: all newlines
      const std::size_t nl = out_.rfind('\n');
      const std::size_t begin = nl == std::string::npos ? 0 : nl + 1;
      if (out_.find_first_not_of("> ", begin) != std::string::npos) break;
      out_.erase(begin);
    }
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

  void node(const GumboNode& n, bool pre) {
    switch (n.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        text(n.v.text.text, pre);
        break;
      case GUMBO_NODE_WHITESPACE:
        if (pre) text(n.v.text.text, true);
        else space_ = true;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        element(n.v.element, pre);
        break;
      default:
        break;
    }
  }

 private:
  void element(const GumboElement& e, bool pre) {
    // Deeper nesting than any mail client writes: the text below is dropped
    // rather than risk the stack (the walk is recursive).
    if (nesting_ >= kMaxNesting) return;
    ++nesting_;
    struct Leave {
      int& n;
      ~Leave() { --n; }
    } leave{nesting_};
    switch (e.tag) {
      case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TITLE:
      case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT:
        return;
      case GUMBO_TAG_BR:
        if (line_started_) {
          finish_line();
        } else {
          blank_line();  // <br><br>: an empty line
        }
        return;
      case GUMBO_TAG_HR:
        finish_line();
        return;
      case GUMBO_TAG_IMG:
        if (std::string_view alt = attribute(e, "alt"); !alt.empty()) text(std::string(alt).c_str(), false);
        return;
      default:
        break;
    }
    const bool block = is_block(e.tag);
    const bool quote = is_quote(e);
    if (block) finish_line();
    if (quote) ++depth_;
    if (e.tag == GUMBO_TAG_LI) pending_prefix_ = "- ";
    const bool in_pre = pre || e.tag == GUMBO_TAG_PRE;
    if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) space_ = true;
    for (unsigned i = 0; i < e.children.length; ++i) node(*static_cast<const GumboNode*>(e.children.data[i]), in_pre);
    if (block) {
      finish_line();
      if (is_paragraph(e.tag)) blank_line();
    }
    if (quote) --depth_;
  }

  void text(const char* s, bool pre) {
    for (const char* p = s; *p; ++p) {
      const char c = *p;
      if (pre && c == '\n') {
        finish_line();
        continue;
      }
      if (!pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
        space_ = true;
        continue;
      }
      if (!line_started_) {
        start_line();
      } else if (space_) {
        out_ += ' ';
      }
      space_ = false;
      // A non-breaking space (U+00A0, which &nbsp; decodes to) reads as a space.
      if (!pre && static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        out_ += ' ';
        ++p;
        continue;
      }
      out_ += c;
    }
  }

  void start_line() {
    for (int i = 0; i < depth_; ++i) out_ += "> ";
    out_ += pending_prefix_;
    pending_prefix_.clear();
    line_started_ = true;
    blank_ = false;
  }

  void finish_line() {
    if (line_started_) out_ += '\n';
    line_started_ = false;
    space_ = false;
  }

  // One blank line at most between blocks, none at the top.
  void blank_line() {
    if (out_.empty() || blank_) return;
    if (depth_ > 0) {
      for (int i = 0; i < depth_; ++i) out_ += i + 1 < depth_ ? "> " : ">";
    }
    out_ += '\n';
    blank_ = true;
  }

  static constexpr int kMaxNesting = 400;
  int nesting_ = 0;
  std::string out_;
  std::string pending_prefix_;
  int depth_ = 0;
  bool line_started_ = false;
  bool space_ = false;
  bool blank_ = false;
};

}  // namespace

std::string html_to_text(std::string_view html) {
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Writer w;
  w.node(*doc->root, false);
  return w.take();
}

bool looks_like_html(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  text.remove_prefix(first);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  for (std::string_view start : {"<!doctype html", "<html", "<body", "<div", "<p>", "<p ", "<table", "<head", "<meta",
                                 "<span", "<br", "<!--"}) {
    if (detail::starts_with_ci(text, start)) return true;
  }
  return false;
}

}  // namespace tactful
