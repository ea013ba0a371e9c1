// The http-parser 2.9.4 baseline of parser_bench: callbacks that record what
// our parser's Response holds (see c_parsers.h).
#include <http_parser.h>

#include "bench/c_parsers.h"

namespace httpconform::bench {

static Record* Of(http_parser* p) { return static_cast<Record*>(p->data); }

namespace {

const http_parser_settings& HttpParserSettings() {
  static const http_parser_settings settings = [] {
    http_parser_settings s;
    http_parser_settings_init(&s);
    s.on_status = [](http_parser* p, const char* at, size_t n) {
      Of(p)->reason = Span{at, n};
      return 0;
    };
    s.on_header_field = [](http_parser* p, const char* at, size_t n) {
      Record* r = Of(p);
      Record::Extend(&r->names, at, n, r->in_value || r->names.size() == r->values.size());
      r->in_value = false;
      return 0;
    };
    s.on_header_value = [](http_parser* p, const char* at, size_t n) {
      Record* r = Of(p);
      Record::Extend(&r->values, at, n, !r->in_value);
      r->in_value = true;
      return 0;
    };
    s.on_headers_complete = [](http_parser* p) {
      Record* r = Of(p);
      r->status = static_cast<int>(p->status_code);
      r->content_length = p->content_length;
      return 0;
    };
    s.on_body = [](http_parser* p, const char* at, size_t n) {
      Of(p)->content.append(at, n);
      return 0;
    };
    s.on_message_complete = [](http_parser* p) {
      Of(p)->complete = true;
      return 0;
    };
    return s;
  }();
  return settings;
}

}  // namespace

Summary ParseHttpParser(std::string_view bytes, Record* record) {
  record->Clear();
  record->in_value = false;
  http_parser parser;
  http_parser_init(&parser, HTTP_RESPONSE);
  parser.data = record;
  http_parser_execute(&parser, &HttpParserSettings(), bytes.data(), bytes.size());
  http_parser_execute(&parser, &HttpParserSettings(), nullptr, 0);  // EOF.
  return Summary{record->status, record->names.size(), record->content.size(), record->complete};
}

}  // namespace httpconform::bench
