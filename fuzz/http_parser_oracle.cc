// The http-parser 2.9.4 oracle (see oracle.h). Driven one-shot, then given a
// zero-length execute to signal EOF (completing a close-delimited body); the
// final response pauses the parser so trailing bytes are not parsed as
// another response.
#include <http_parser.h>

#include "fuzz/oracle.h"
#include "fuzz/oracle_collector.h"

namespace httpconform::fuzz {

namespace {

OracleCollector* Of(http_parser* parser) { return static_cast<OracleCollector*>(parser->data); }

const http_parser_settings& Settings() {
  static const http_parser_settings settings = [] {
    http_parser_settings s;
    http_parser_settings_init(&s);
    s.on_message_begin = [](http_parser* p) {
      Of(p)->OnMessageBegin();
      return 0;
    };
    s.on_status = [](http_parser* p, const char* at, size_t n) {
      Of(p)->OnStatus(at, n);
      return 0;
    };
    s.on_header_field = [](http_parser* p, const char* at, size_t n) {
      Of(p)->OnField(at, n);
      return 0;
    };
    s.on_header_value = [](http_parser* p, const char* at, size_t n) {
      Of(p)->OnValue(at, n);
      return 0;
    };
    s.on_headers_complete = [](http_parser* p) {
      Of(p)->OnHeadersComplete(p->http_major, p->http_minor, static_cast<int>(p->status_code));
      return 0;
    };
    s.on_body = [](http_parser* p, const char* at, size_t n) {
      Of(p)->OnBody(at, n);
      return 0;
    };
    s.on_message_complete = [](http_parser* p) {
      if (Of(p)->OnMessageComplete()) http_parser_pause(p, 1);
      return 0;
    };
    return s;
  }();
  return settings;
}

}  // namespace

OracleResult ParseWithHttpParser(std::string_view bytes) {
  OracleCollector collector;
  http_parser parser;
  http_parser_init(&parser, HTTP_RESPONSE);
  parser.data = &collector;
  http_parser_execute(&parser, &Settings(), bytes.data(), bytes.size());
  if (HTTP_PARSER_ERRNO(&parser) == HPE_OK && !collector.final_seen()) {
    http_parser_execute(&parser, &Settings(), nullptr, 0);  // EOF.
  }
  OracleResult result = collector.result();
  const auto err = HTTP_PARSER_ERRNO(&parser);
  if (!result.accepted) result.error = err != HPE_OK ? http_errno_name(err) : "incomplete";
  return result;
}

}  // namespace httpconform::fuzz
