// The llhttp 8.1 baseline of parser_bench: callbacks that record what our
// parser's Response holds (see c_parsers.h).
#include <llhttp.h>

#include "bench/c_parsers.h"

namespace httpconform::bench {

static Record* Of(llhttp_t* p) { return static_cast<Record*>(p->data); }

namespace {

const llhttp_settings_t& LlhttpSettings() {
  static const llhttp_settings_t settings = [] {
    llhttp_settings_t s;
    llhttp_settings_init(&s);
    s.on_status = [](llhttp_t* p, const char* at, size_t n) {
      Of(p)->reason = Span{at, n};
      return 0;
    };
    s.on_header_field = [](llhttp_t* p, const char* at, size_t n) {
      Record* r = Of(p);
      Record::Extend(&r->names, at, n, r->in_value || r->names.size() == r->values.size());
      r->in_value = false;
      return 0;
    };
    s.on_header_value = [](llhttp_t* p, const char* at, size_t n) {
      Record* r = Of(p);
      Record::Extend(&r->values, at, n, !r->in_value);
      r->in_value = true;
      return 0;
    };
    s.on_headers_complete = [](llhttp_t* p) {
      Record* r = Of(p);
      r->status = p->status_code;
      r->content_length = p->content_length;
      return 0;
    };
    s.on_body = [](llhttp_t* p, const char* at, size_t n) {
      Of(p)->content.append(at, n);
      return 0;
    };
    s.on_message_complete = [](llhttp_t* p) {
      Of(p)->complete = true;
      return 0;
    };
    return s;
  }();
  return settings;
}

}  // namespace

Summary ParseLlhttp(std::string_view bytes, Record* record) {
  record->Clear();
  record->in_value = false;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_RESPONSE, &LlhttpSettings());
  parser.data = record;
  llhttp_execute(&parser, bytes.data(), bytes.size());
  llhttp_finish(&parser);
  return Summary{record->status, record->names.size(), record->content.size(), record->complete};
}

Summary ParseLlhttpBare(std::string_view bytes) {
  static const llhttp_settings_t settings = [] {
    llhttp_settings_t s;
    llhttp_settings_init(&s);
    s.on_message_complete = [](llhttp_t* p) {
      *static_cast<bool*>(p->data) = true;
      return 0;
    };
    return s;
  }();
  bool complete = false;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_RESPONSE, &settings);
  parser.data = &complete;
  llhttp_execute(&parser, bytes.data(), bytes.size());
  llhttp_finish(&parser);
  return Summary{parser.status_code, 0, 0, complete};
}

}  // namespace httpconform::bench
