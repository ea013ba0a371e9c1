// Fuzz target: RequestParser, the strict server-side parser. The input is a
// stream of (pipelined) requests; it is parsed as a server would (Continue()
// at kHeadDone, a fresh parser after each complete request) once in one piece
// and once in pieces of 1..7 bytes chosen from the input, and the two runs
// must agree exactly (DumpRequest text, states, error statuses). Small limits
// make every cap (414, 431, 413) reachable.
//
// Caps: input at most 16 KiB (well past the small head and content caps);
// at most 8 pipelined requests per input (more repeats the same paths).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/request_invariants.h"
#include "harness/wire/request_parser.h"

namespace {

constexpr std::size_t kMaxInput = 16 * 1024;
constexpr std::size_t kMaxRequests = 8;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace httpconform;
  if (size > kMaxInput) return -1;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  wire::RequestLimits limits;
  limits.max_target_bytes = 256;
  limits.max_line_bytes = 512;
  limits.max_head_bytes = 4096;
  limits.max_fields = 32;
  limits.max_content_bytes = 2048;

  const fuzz::RequestRun whole = fuzz::FeedRequests({bytes}, limits, kMaxRequests);

  std::vector<std::string_view> pieces;
  fuzz::Splitter splitter(static_cast<unsigned>(size) ^ (size > 0 ? data[0] : 0u));
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t n = std::min(splitter.Next(7), bytes.size() - at);
    pieces.push_back(bytes.substr(at, n));
    at += n;
  }
  const fuzz::RequestRun split = fuzz::FeedRequests(pieces, limits, kMaxRequests);
  fuzz::Check(whole.text == split.text, "split feed differs from one-shot", whole.text, split.text);
  return 0;
}
