// Shared by the table-driven tests of ResponseParser: a row is raw response
// bytes, the request context (HEAD, CONNECT), whether the stream ends there
// (eof) and limits, and the expected Dump() text. The rows live in three
// files by the part of the message they exercise (framing and content;
// content-free statuses, interim responses and tunnels; the status line,
// field lines and limits); response_parser_test.cc checks each row one-shot,
// byte by byte and split in two at every point.
#ifndef HTTPCONFORM_WIRE_RESPONSE_ROWS_FOR_TESTING_H_
#define HTTPCONFORM_WIRE_RESPONSE_ROWS_FOR_TESTING_H_

#include <ostream>
#include <string>
#include <vector>

#include "harness/wire/response_parser.h"

namespace httpconform::wire::response_rows {

struct Options {
  ResponseContext context;
  bool eof = true;
  ParserLimits limits;
};

struct Row {
  const char* name;
  std::string input;
  Options options;
  std::string expected;
};

inline void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

inline Options Head() {
  Options o;
  o.context.head_request = true;
  return o;
}
inline Options Connect() {
  Options o;
  o.context.connect_request = true;
  return o;
}
inline Options NoEof() {
  Options o;
  o.eof = false;
  return o;
}
inline Options Caps(std::size_t line, std::size_t head, std::size_t fields, std::size_t interim,
                    std::size_t content) {
  Options o;
  o.limits.max_line_bytes = line;
  o.limits.max_head_bytes = head;
  o.limits.max_fields = fields;
  o.limits.max_interim = interim;
  o.limits.max_content_bytes = content;
  return o;
}

/// Content-Length, chunked, Transfer-Encoding: response_rows_framing_for_testing.cc.
const std::vector<Row>& FramingRows();
/// Close-delimited content, HEAD, 1xx/204/304, interim responses, CONNECT:
/// response_rows_interim_for_testing.cc.
const std::vector<Row>& InterimRows();
/// Status line, field lines, limits: response_rows_head_for_testing.cc.
const std::vector<Row>& HeadRows();
/// Every row, in that order.
const std::vector<Row>& AllRows();

}  // namespace httpconform::wire::response_rows

#endif  // HTTPCONFORM_WIRE_RESPONSE_ROWS_FOR_TESTING_H_
