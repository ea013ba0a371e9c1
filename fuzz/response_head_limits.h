// The small parser limits of the response_head target, shared with the
// tool that pins the parser's output over the corpora (parser_golden.cc):
// line 512, head 4096, fields 32, interim 8, content 1024 bytes, so that
// every cap is reachable with short inputs.
#ifndef HTTPCONFORM_FUZZ_RESPONSE_HEAD_LIMITS_H_
#define HTTPCONFORM_FUZZ_RESPONSE_HEAD_LIMITS_H_

#include "harness/wire/response_parser.h"

namespace httpconform::fuzz {

inline wire::ParserLimits ResponseHeadLimits() {
  wire::ParserLimits limits;
  limits.max_line_bytes = 512;
  limits.max_head_bytes = 4096;
  limits.max_fields = 32;
  limits.max_interim = 8;
  limits.max_content_bytes = 1024;
  return limits;
}

}  // namespace httpconform::fuzz

#endif  // HTTPCONFORM_FUZZ_RESPONSE_HEAD_LIMITS_H_
