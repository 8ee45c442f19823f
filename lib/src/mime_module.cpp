// libtactful_mime.so: reads mail messages through GMime, loaded by
// libtactful on first use (see mime_module.hpp). It depends on nothing of
// libtactful's, so it links only GMime.
#include <gmime/gmime.h>

#include <memory>
#include <mutex>
#include <string>

#include "mime_module.hpp"

namespace {

using tactful::detail::MimeParts;

template <typename T>
struct Unref {
  void operator()(T* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using Ref = std::unique_ptr<T, Unref<T>>;

struct GFree {
  void operator()(char* p) const { g_free(p); }
};

bool is_attachment(GMimeObject* part) {
  GMimeContentDisposition* d = g_mime_object_get_content_disposition(part);
  return d && g_mime_content_disposition_is_attachment(d);
}

// The best text part under `obj`: text/plain before text/html, the first of
// each, attachments and nested messages skipped.
void find_text(GMimeObject* obj, GMimeTextPart*& plain, GMimeTextPart*& html) {
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart* mp = GMIME_MULTIPART(obj);
    const int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; ++i) find_text(g_mime_multipart_get_part(mp, i), plain, html);
    return;
  }
  if (!GMIME_IS_TEXT_PART(obj) || is_attachment(obj)) return;
  GMimeContentType* type = g_mime_object_get_content_type(obj);
  if (g_mime_content_type_is_type(type, "text", "plain")) {
    if (!plain) plain = GMIME_TEXT_PART(obj);
  } else if (g_mime_content_type_is_type(type, "text", "html")) {
    if (!html) html = GMIME_TEXT_PART(obj);
  }
}

std::string display_name(InternetAddressList* list) {
  if (!list || internet_address_list_length(list) == 0) return {};
  InternetAddress* a = internet_address_list_get_address(list, 0);
  const char* name = a ? internet_address_get_name(a) : nullptr;
  return name ? std::string(name) : std::string();
}

bool fail(MimeParts* out, const char* why) {
  out->error = why;
  return false;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) bool tactful_mime_parse(const char* data, std::size_t size,
                                                                          MimeParts* out) {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(data, size));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!msg) return fail(out, "not a mail message (no header block)");
  GMimeObject* body = g_mime_message_get_mime_part(msg.get());
  if (!body) return fail(out, "the message has no body");
  GMimeTextPart* plain = nullptr;
  GMimeTextPart* html = nullptr;
  find_text(body, plain, html);
  GMimeTextPart* chosen = plain ? plain : html;
  if (!chosen) return fail(out, "the message has no text/plain or text/html part");

  // g_mime_text_part_get_text() decodes the transfer encoding and converts
  // from the part's charset to UTF-8.
  std::unique_ptr<char, GFree> raw(g_mime_text_part_get_text(chosen));
  if (!raw) {
    const char* cs = g_mime_text_part_get_charset(chosen);
    out->error = std::string("cannot decode the body from charset '") + (cs ? cs : "?") + "'";
    return false;
  }
  out->text = raw.get();
  out->html = chosen == html;
  out->headers_end = static_cast<long>(g_mime_parser_get_headers_end(parser.get()));

  if (const char* s = g_mime_message_get_subject(msg.get())) out->subject = s;
  if (const char* id = g_mime_message_get_message_id(msg.get())) out->message_id = id;
  out->thread = out->message_id;
  for (const char* header : {"In-Reply-To", "References"}) {  // References wins: its first id is the root
    const char* value = g_mime_object_get_header(GMIME_OBJECT(msg.get()), header);
    if (!value) continue;
    GMimeReferences* refs = g_mime_references_parse(nullptr, value);
    if (refs && g_mime_references_length(refs) > 0) out->thread = g_mime_references_get_message_id(refs, 0);
    if (refs) g_mime_references_free(refs);
  }
  if (GDateTime* date = g_mime_message_get_date(msg.get())) {
    if (GDateTime* utc = g_date_time_to_utc(date)) {
      std::unique_ptr<char, GFree> iso(g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ"));
      if (iso) out->date = iso.get();
      g_date_time_unref(utc);
    }
  }
  out->from_name = display_name(g_mime_message_get_from(msg.get()));
  out->to_name = display_name(g_mime_message_get_to(msg.get()));
  if (InternetAddressList* from = g_mime_message_get_from(msg.get()); from && internet_address_list_length(from) > 0) {
    InternetAddress* a = internet_address_list_get_address(from, 0);
    if (a && INTERNET_ADDRESS_IS_MAILBOX(a)) {
      if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))) out->from_address = addr;
    }
  }
  return true;
}
