// Fuzz target: whole response streams through ResponseParser, aimed at heads
// (interim 1xx responses, field lines, obs-fold, framing decisions). Small
// limits make every cap reachable with short inputs: line 512, head 4096,
// fields 32, interim 8, content 1024 bytes.
//
// Caps: input at most 16 KiB (four times the head cap, enough to cross every
// limit; more only slows the fuzzer down).
//
// Invariants: those of response_invariants.h that the parser's own views
// answer (CheckParserViews), read straight from the parser. The target does
// what a parser's own fuzz harness does, one parse per input, so that its
// throughput compares with llhttp's (bench/fuzz_exec_rate.sh); it builds no
// core::Response. The checks of the built model (field names and values,
// trailers, once-per-id diagnostics) and that a HEAD request gives the same
// heads are response_stream's, which builds and compares every parse anyway.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "fuzz/response_head_limits.h"
#include "fuzz/response_invariants.h"
#include "harness/wire/response_parser.h"

namespace {

constexpr std::size_t kMaxInput = 16 * 1024;

// Parses `bytes` as a whole stream with a parser kept across runs (Reset()
// keeps its buffers, as a long-lived transport's would): libFuzzer runs
// this millions of times, and allocation dominates a fresh parser's cost.
void Parse(httpconform::wire::ResponseParser* parser, std::string_view bytes) {
  parser->Reset({});
  const std::size_t used = parser->Feed(bytes);
  parser->FinishEof();
  parser->RecordTrailingBytes(bytes.size() - used);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace httpconform;
  if (size > kMaxInput) return -1;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const wire::ParserLimits limits = fuzz::ResponseHeadLimits();
  static wire::ResponseParser parser({}, limits);
  Parse(&parser, bytes);
  fuzz::CheckParserViews(parser, size, limits);
  return 0;
}
