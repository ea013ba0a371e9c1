// Shared by the table-driven tests of RequestParser: a row is raw request
// bytes, limits, and the expected DumpRequest() text plus the parser's final
// state, error status and the bytes consumed. The rows live in two files by
// the part of the message they exercise (the request-line, Host and version;
// field lines, framing and limits); request_parser_test.cc runs each row
// one-shot, byte by byte and split in two at every point.
#ifndef HTTPCONFORM_WIRE_REQUEST_ROWS_FOR_TESTING_H_
#define HTTPCONFORM_WIRE_REQUEST_ROWS_FOR_TESTING_H_

#include <ostream>
#include <string>
#include <vector>

#include "harness/wire/request_parser.h"

namespace httpconform::wire::request_rows {

struct Row {
  const char* name;
  std::string input;
  RequestLimits limits;
  std::string expected;
};

inline void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

inline RequestLimits Limits(std::size_t target, std::size_t line, std::size_t head,
                            std::size_t fields, std::size_t content) {
  RequestLimits limits;
  limits.max_target_bytes = target;
  limits.max_line_bytes = line;
  limits.max_head_bytes = head;
  limits.max_fields = fields;
  limits.max_content_bytes = content;
  return limits;
}

/// Request-line, target forms, Host, versions: request_rows_line_for_testing.cc.
const std::vector<Row>& LineRows();
/// Field lines, Content-Length, chunked, limits: request_rows_fields_for_testing.cc.
const std::vector<Row>& FieldRows();
/// Every row, in that order.
const std::vector<Row>& AllRows();

}  // namespace httpconform::wire::request_rows

#endif  // HTTPCONFORM_WIRE_REQUEST_ROWS_FOR_TESTING_H_
