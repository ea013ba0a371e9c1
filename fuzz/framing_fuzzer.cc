// Fuzz target: message framing (RFC 9112 §6, §7.1). The input is a body
// after a fixed head, so that every execution reaches the framing code:
// byte 0 bit 0 set = chunked (the rest is the chunked body, trailers
// included); clear = Content-Length (the rest up to its first LF is the
// field value, the remainder is the content). The same body goes through the
// response parser and, after a POST head, the request parser.
//
// Caps: input at most 16 KiB (enough for many chunks; the content caps are
// 8 MiB and 1 MiB, never reached, so both parsers keep all content).
//
// Invariants: both parsers' invariants; and the request parser, stricter by
// design, never accepts a body the response parser rejects, and where both
// accept they decode the same content and trailers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "fuzz/request_invariants.h"
#include "fuzz/response_invariants.h"
#include "harness/wire/request_parser.h"
#include "harness/wire/response_parser.h"

namespace {

constexpr std::size_t kMaxInput = 16 * 1024;

std::string Trailers(const httpconform::core::Fields& fields) {
  std::string out;
  for (const auto& field : fields) out += field.name + ": " + field.value + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace httpconform;
  if (size < 1 || size > kMaxInput) return -1;
  const bool chunked = (data[0] & 1) != 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string framing_field;
  if (chunked) {
    framing_field = "Transfer-Encoding: chunked\r\n";
  } else {
    const std::size_t lf = rest.find('\n');
    std::string_view value = rest.substr(0, lf);
    if (!value.empty() && value.back() == '\r') value.remove_suffix(1);
    // The value must stay on its own field line: no CR or LF inside.
    if (value.find('\r') != std::string_view::npos) return -1;
    framing_field = "Content-Length: " + std::string(value) + "\r\n";
    rest = lf == std::string_view::npos ? std::string_view() : rest.substr(lf + 1);
  }
  const std::string response_bytes =
      "HTTP/1.1 200 OK\r\n" + framing_field + "\r\n" + std::string(rest);
  const std::string request_bytes =
      "POST / HTTP/1.1\r\nHost: a\r\n" + framing_field + "\r\n" + std::string(rest);

  const wire::ParserLimits response_limits;
  const core::Response response =
      wire::ParseResponse(response_bytes, {}, /*eof=*/true, response_limits);
  fuzz::CheckResponse(response, response_bytes.size(), response_limits);

  const wire::RequestLimits request_limits;
  const fuzz::RequestRun run = fuzz::FeedRequests({request_bytes}, request_limits, 1);
  if (!run.done.empty()) {
    const wire::Request& request = run.done.front();
    const auto text = [&run] { return run.text; };
    const auto dump = [&response] { return wire::Dump(response); };
    fuzz::CheckLazy(response.complete, "request parser accepted a body the response parser rejects",
                    text, dump);
    fuzz::CheckLazy(request.content == response.content, "decoded content differs", text, dump);
    fuzz::CheckLazy(Trailers(request.trailers) == Trailers(response.trailers), "trailers differ",
                    text, dump);
    fuzz::CheckLazy(request.chunked == (response.framing == core::Framing::kChunked),
                    "framing differs", text, dump);
  }
  return 0;
}
