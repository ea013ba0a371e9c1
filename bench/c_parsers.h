// What the C baselines of parser_bench record, and their entry points. The
// llhttp and http-parser headers cannot share a translation unit (both
// declare HTTP_RESPONSE, HPE_OK, ...), so each parser is driven from its own
// file behind this header.
#ifndef HTTPCONFORM_BENCH_C_PARSERS_H_
#define HTTPCONFORM_BENCH_C_PARSERS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace httpconform::bench {

/// What every parser reports for one message, for the agreement check.
struct Summary {
  int status = 0;
  std::size_t fields = 0;
  std::size_t content = 0;
  bool complete = false;
};

/// A byte range of the input.
struct Span {
  const char* at;
  std::size_t size;
};
/// What the C parsers' callbacks fill; reused across messages (cleared, not
/// freed), as the benchmark reuses our parser (Reset()).
struct Record {
  int status = 0;
  Span reason{nullptr, 0};
  std::vector<Span> names;
  std::vector<Span> values;
  std::uint64_t content_length = 0;
  std::string content;
  bool complete = false;
  bool in_value = false;  // The last callback was a field value.

  /// Empties the record, keeping its capacity.
  void Clear() {
    status = 0;
    reason = {nullptr, 0};
    names.clear();
    values.clear();
    content_length = 0;
    content.clear();
    complete = false;
    in_value = false;
  }
  /// Starts a span or extends the last one. A span split across calls only happens with split
  /// input; one-shot
  // parsing of a contiguous buffer extends the last span in place.
  static void Extend(std::vector<Span>* spans, const char* at, std::size_t n, bool fresh) {
    if (fresh || spans->empty()) {
      spans->push_back(Span{at, n});
    } else {
      spans->back().size += n;
    }
  }
};

/// One-shot parse with llhttp 8.1 (then llhttp_finish for EOF).
Summary ParseLlhttp(std::string_view bytes, Record* record);
/// llhttp with no callbacks but message completion: its ceiling on this
/// machine, recording nothing (fields and content are not kept).
Summary ParseLlhttpBare(std::string_view bytes);
/// One-shot parse with http-parser 2.9.4 (then a zero-length execute for EOF).
Summary ParseHttpParser(std::string_view bytes, Record* record);

}  // namespace httpconform::bench

#endif  // HTTPCONFORM_BENCH_C_PARSERS_H_
