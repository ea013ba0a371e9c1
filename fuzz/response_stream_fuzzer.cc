// Fuzz target: split invariance of ResponseParser. The same bytes fed in
// fuzzer-chosen pieces must give exactly the one-shot result (Dump() text
// compared), as response_parser.h promises; this is what lets a transport
// feed whatever recv() returns.
//
// Input layout: byte 0 = options (bit 0 HEAD request, bit 1 CONNECT request,
// bit 2 the stream does not end, bit 3 small limits), byte 1 = split seed
// (0: one byte at a time; otherwise pieces of 1..seed bytes from a xorshift
// sequence), the rest = the response stream.
//
// Also: the stream as the answer to a HEAD request keeps the same heads.
//
// Caps: stream at most 8 KiB (byte-at-a-time feeding is quadratic in nothing
// but still 8 K Feed() calls); at most 8192 pieces.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/response_invariants.h"
#include "harness/wire/response_parser.h"

namespace {

using namespace httpconform;

constexpr std::size_t kMaxStream = 8 * 1024;

// Feeds pieces as a transport does: stop feeding at done(), count what is
// left over, and at the end of the stream call FinishEof() and report it.
std::string FeedPieces(const std::vector<std::string_view>& pieces, wire::ResponseContext context,
                       bool eof, const wire::ParserLimits& limits) {
  wire::ResponseParser parser(context, limits);
  std::size_t leftover = 0;
  for (std::string_view piece : pieces) {
    const std::size_t used = parser.done() ? 0 : parser.Feed(piece);
    leftover += piece.size() - used;
  }
  if (eof) {
    parser.FinishEof();
    parser.RecordTrailingBytes(leftover);
  }
  return wire::Dump(parser.response());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2 || size - 2 > kMaxStream) return -1;
  const unsigned options = data[0];
  const unsigned seed = data[1];
  const std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);

  wire::ResponseContext context;
  context.head_request = (options & 1) != 0;
  context.connect_request = (options & 2) != 0;
  const bool eof = (options & 4) == 0;
  wire::ParserLimits limits;
  if (options & 8) {
    limits.max_line_bytes = 64;
    limits.max_head_bytes = 512;
    limits.max_fields = 8;
    limits.max_interim = 2;
    limits.max_content_bytes = 16;
  }

  const core::Response whole = wire::ParseResponse(stream, context, eof, limits);
  fuzz::CheckResponse(whole, stream.size(), limits);
  const std::string expected = wire::Dump(whole);

  std::vector<std::string_view> pieces;
  fuzz::Splitter splitter(seed);
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = seed == 0 ? 1 : std::min(splitter.Next(seed), stream.size() - at);
    pieces.push_back(stream.substr(at, n));
    at += n;
  }
  const std::string split = FeedPieces(pieces, context, eof, limits);
  fuzz::Check(split == expected, "split feed differs from one-shot", expected, split);
  // Empty pieces in between must change nothing either.
  pieces.insert(pieces.begin(), std::string_view());
  const std::string with_empty = FeedPieces(pieces, context, eof, limits);
  fuzz::Check(with_empty == expected, "an empty piece changed the result", expected, with_empty);

  // The same stream as the answer to a HEAD request has the same heads
  // (RFC 9112 §6.3 item 1 only removes content); compared when both parses
  // reached a final head, and a complete HEAD response has no content.
  if (!context.head_request && !context.connect_request) {
    wire::ResponseContext head_context;
    head_context.head_request = true;
    const core::Response head = wire::ParseResponse(stream, head_context, eof, limits);
    fuzz::CheckResponse(head, stream.size(), limits);
    const auto dump_head = [&head] { return wire::Dump(head); };
    const auto dump_get = [&expected] { return expected; };
    if (whole.head.status != 0 && head.head.status != 0) {
      fuzz::CheckLazy(whole.interim.size() == head.interim.size(), "HEAD changed the interim heads",
                      dump_get, dump_head);
      fuzz::CheckLazy(whole.head.status == head.head.status &&
                          whole.head.fields.size() == head.head.fields.size(),
                      "HEAD changed the final head", dump_get, dump_head);
    }
    if (head.complete) {
      fuzz::CheckLazy(head.content_size == 0, "content in a HEAD response", dump_head);
    }
  }
  return 0;
}
