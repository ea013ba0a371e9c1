// The llhttp 8.1 oracle (see oracle.h). llhttp is driven one-shot, then told
// about EOF with llhttp_finish() so that a close-delimited body completes;
// on_message_complete of the final response pauses the parser, so bytes after
// it (which we report as trailing bytes) are not parsed as another response.
#include <llhttp.h>

#include "fuzz/oracle.h"
#include "fuzz/oracle_collector.h"

namespace httpconform::fuzz {

namespace {

OracleCollector* Of(llhttp_t* parser) { return static_cast<OracleCollector*>(parser->data); }

const llhttp_settings_t& Settings() {
  static const llhttp_settings_t settings = [] {
    llhttp_settings_t s;
    llhttp_settings_init(&s);
    s.on_message_begin = [](llhttp_t* p) {
      Of(p)->OnMessageBegin();
      return 0;
    };
    s.on_status = [](llhttp_t* p, const char* at, size_t n) {
      Of(p)->OnStatus(at, n);
      return 0;
    };
    s.on_header_field = [](llhttp_t* p, const char* at, size_t n) {
      Of(p)->OnField(at, n);
      return 0;
    };
    s.on_header_value = [](llhttp_t* p, const char* at, size_t n) {
      Of(p)->OnValue(at, n);
      return 0;
    };
    s.on_headers_complete = [](llhttp_t* p) {
      Of(p)->OnHeadersComplete(p->http_major, p->http_minor, p->status_code);
      return 0;
    };
    s.on_body = [](llhttp_t* p, const char* at, size_t n) {
      Of(p)->OnBody(at, n);
      return 0;
    };
    s.on_message_complete = [](llhttp_t* p) {
      return Of(p)->OnMessageComplete() ? static_cast<int>(HPE_PAUSED) : 0;
    };
    return s;
  }();
  return settings;
}

}  // namespace

OracleResult ParseWithLlhttp(std::string_view bytes) {
  OracleCollector collector;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_RESPONSE, &Settings());
  parser.data = &collector;
  llhttp_errno_t err = llhttp_execute(&parser, bytes.data(), bytes.size());
  if (err == HPE_OK) err = llhttp_finish(&parser);
  OracleResult result = collector.result();
  if (!result.accepted && err != HPE_OK) result.error = llhttp_errno_name(err);
  if (!result.accepted && result.error.empty()) result.error = "incomplete";
  return result;
}

}  // namespace httpconform::fuzz
