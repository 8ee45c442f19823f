// Mail messages (GMime) and HTML bodies (gumbo): the text the agent wrote.
#include <doctest/doctest.h>

#include <string>

#include "helpers.hpp"
#include "tactful/mail.hpp"

using tactful::html_to_text;
using tactful::test::read_test_file;

TEST_CASE("HTML: blocks on their own lines, entities decoded, scripts and styles dropped") {
  CHECK(html_to_text("<html><head><title>x</title><style>p{}</style></head><body><p>Hi&nbsp;Ana,</p>"
                     "<p>Your refund of &pound;20 &amp; the fee went out.</p><script>alert(1)</script></body></html>") ==
        "Hi Ana,\n\nYour refund of \xC2\xA3" "20 & the fee went out.\n");
  CHECK(html_to_text("one<br>two<br><br><br>three") == "one\ntwo\n\nthree\n");
  CHECK(html_to_text("<ul><li>first</li><li>second <b>step</b></li></ul>") == "- first\n- second step\n");
  CHECK(html_to_text("<pre>a\n  b</pre>") == "a\n  b\n");
  CHECK(html_to_text("") == "");
  CHECK(html_to_text("<div>   </div>") == "");
}

TEST_CASE("HTML: blockquotes come out as '> ' lines, nested ones deeper") {
  CHECK(html_to_text("<p>Thanks!</p><blockquote>Where is my order?<blockquote>older</blockquote></blockquote>") ==
        "Thanks!\n\n> Where is my order?\n> > older\n");
}

TEST_CASE("HTML: tag soup does not throw or lose text") {
  CHECK(html_to_text("<p>unclosed <b>bold <i>both</p> after") == "unclosed bold both\n\nafter\n");
  CHECK(tactful::looks_like_html("  <!DOCTYPE html><html>"));
  CHECK(tactful::looks_like_html("<p>Hi</p>"));
  CHECK_FALSE(tactful::looks_like_html("Hi <b>there</b>"));
}

TEST_CASE("looks_like_email wants a header block with From: and one more mail header") {
  CHECK(tactful::looks_like_email("From: a@b.c\nSubject: hi\n\nbody"));
  CHECK(tactful::looks_like_email("Received: x\n  folded\nFrom: a@b.c\r\nDate: today\r\n\r\nbody"));
  CHECK_FALSE(tactful::looks_like_email("From: me\n\nno other header"));
  CHECK_FALSE(tactful::looks_like_email("Hi Dana,\nFrom: the team\nSubject: x\n"));
  CHECK_FALSE(tactful::looks_like_email(""));
}

TEST_CASE("a plain 7bit part is found verbatim in the file, with the addressee as the customer") {
  const std::string eml = read_test_file("email/plain.eml");
  auto mail = tactful::read_email(eml);
  REQUIRE(mail);
  CHECK_FALSE(mail->from_html);
  REQUIRE(mail->body_offset);
  CHECK(eml.compare(*mail->body_offset, mail->body.size(), mail->body) == 0);
  CHECK(mail->body.starts_with("Hello,\n"));
  CHECK(mail->to_name == "Maria Lopez");
  CHECK(mail->from_name == "Sam Carter");
  CHECK(mail->subject == "Re: Refund for order 4411");
}

TEST_CASE("quoted-printable windows-1252 is decoded to UTF-8") {
  auto mail = tactful::read_email(read_test_file("email/quoted-printable.eml"));
  REQUIRE(mail);
  CHECK_FALSE(mail->body_offset);
  CHECK(mail->body.find("I\xE2\x80\x99m sorry") != std::string::npos);  // U+2019 from 0x92
  CHECK(mail->body.find('\r') == std::string::npos);
}

TEST_CASE("base64 HTML-only body: text with the quoted message marked") {
  auto mail = tactful::read_email(read_test_file("email/html-only.eml"));
  REQUIRE(mail);
  CHECK(mail->from_html);
  CHECK(mail->body.starts_with("Hi Aisha,\n\nThanks for letting us know, and I\xE2\x80\x99m sorry"));
  CHECK(mail->body.find("\n> My tablet keeps showing a sync error") != std::string::npos);
}

TEST_CASE("multipart: text/plain before text/html, attachments skipped") {
  auto alt = tactful::read_email(read_test_file("email/alternative.eml"));
  REQUIRE(alt);
  CHECK_FALSE(alt->from_html);
  CHECK(alt->body.find("SHOULD NOT BE READ") == std::string::npos);
  auto mixed = tactful::read_email(read_test_file("email/attachment.eml"));
  REQUIRE(mixed);
  CHECK(mixed->body.find("Calm down") == std::string::npos);
  CHECK(mixed->body.starts_with("Hi Ben, thanks for sending the photos."));
}

TEST_CASE("a message without a text part, or not a message at all, is an error") {
  auto none = tactful::read_email(read_test_file("email/no-text.eml"));
  REQUIRE_FALSE(none);
  CHECK(none.error().code == tactful::ErrorCode::malformed_input);
  CHECK(none.error().message == "the message has no text/plain or text/html part");
  CHECK_FALSE(tactful::read_email("just some words\n"));
  CHECK_FALSE(tactful::read_email(""));
}

TEST_CASE("relocate moves findings from the body to the file's lines") {
  const std::string whole = "Header: x\n\nbody line one\nsecond obviously\n";
  tactful::Report r;
  tactful::Finding f;
  f.span.offset = 21;  // "obviously" in "body line one\nsecond obviously\n"
  f.span.length = 9;
  r.findings.push_back(f);
  tactful::relocate(r, whole, 11);
  CHECK(r.findings[0].span.offset == 32);
  CHECK(r.findings[0].span.line == 4);
  CHECK(r.findings[0].span.column == 8);
}
