// Fuzz target: whole response streams through ParseResponse, aimed at heads
// (interim 1xx responses, field lines, obs-fold, framing decisions). Small
// limits make every cap reachable with short inputs: line 512, head 4096,
// fields 32, interim 8, content 1024 bytes.
//
// Caps: input at most 16 KiB (four times the head cap, enough to cross every
// limit; more only slows the fuzzer down).
//
// Invariants: those of response_invariants.h, for the default context and
// for a HEAD request (which must give the same heads).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "fuzz/response_invariants.h"
#include "harness/wire/response_parser.h"

namespace {

constexpr std::size_t kMaxInput = 16 * 1024;

httpconform::wire::ParserLimits SmallLimits() {
  httpconform::wire::ParserLimits limits;
  limits.max_line_bytes = 512;
  limits.max_head_bytes = 4096;
  limits.max_fields = 32;
  limits.max_interim = 8;
  limits.max_content_bytes = 1024;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace httpconform;
  if (size > kMaxInput) return -1;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const wire::ParserLimits limits = SmallLimits();
  const core::Response get = wire::ParseResponse(bytes, {}, /*eof=*/true, limits);
  fuzz::CheckResponse(get, size, limits);

  wire::ResponseContext head_context;
  head_context.head_request = true;
  const core::Response head = wire::ParseResponse(bytes, head_context, /*eof=*/true, limits);
  fuzz::CheckResponse(head, size, limits);
  // A HEAD response has the same heads (§6.3 item 1 only removes content);
  // compare when the final head of the GET parse was complete.
  if (get.head.status != 0 && head.head.status != 0) {
    fuzz::Check(get.interim.size() == head.interim.size(), "HEAD changed the interim heads",
                wire::Dump(get), wire::Dump(head));
    fuzz::Check(
        get.head.status == head.head.status && get.head.fields.size() == head.head.fields.size(),
        "HEAD changed the final head", wire::Dump(get), wire::Dump(head));
  }
  if (head.complete) {
    fuzz::Check(head.content_size == 0, "content in a HEAD response", wire::Dump(head));
  }
  return 0;
}
