// Fuzz target: the status line (RFC 9112 §4). The input, up to its first LF,
// is used as a status line and completed with an empty field section, so that
// every execution exercises only status-line rules; a line cap of 256 bytes
// lets short inputs reach the line.too-long path.
//
// Caps: input at most 1 KiB (a status line is short; longer inputs only hit
// the line cap, which 256 bytes already covers).
//
// Invariants: a final head exists exactly when there is no fatal diagnostic
// about the status line; then the version is the first token of the line,
// the status has three digits (0-999) and the reason contains no CR or LF.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "harness/wire/response_parser.h"

namespace {

constexpr std::size_t kMaxInput = 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace httpconform;
  if (size > kMaxInput) return -1;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  line = line.substr(0, line.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::string stream = std::string(line) + "\r\nContent-Length: 0\r\n\r\n";

  wire::ParserLimits limits;
  limits.max_line_bytes = 256;
  const core::Response response = wire::ParseResponse(stream, {}, /*eof=*/true, limits);
  const auto dump = [&response] { return wire::Dump(response); };

  bool fatal = false;
  for (const core::Diagnostic& d : response.diagnostics) fatal = fatal || d.fatal;
  const core::ResponseHead& head =
      response.interim.empty() ? response.head : response.interim.front();
  if (!fatal || !response.interim.empty()) {
    fuzz::CheckLazy(head.status >= 0 && head.status <= 999, "status out of 0..999", dump);
    fuzz::CheckLazy(!head.version.empty(), "accepted without a version", dump);
    fuzz::CheckLazy(head.reason.find_first_of("\r\n") == std::string::npos, "CR/LF in reason",
                    dump);
    fuzz::CheckLazy(line.find(head.version) != std::string_view::npos, "version not from the line",
                    dump);
  }
  if (!fatal) {
    // A final status line and an empty field section with Content-Length: 0
    // (an interim 1xx would leave the stream incomplete: fatal).
    fuzz::CheckLazy(response.complete && response.interim.empty(), "accepted but incomplete", dump);
  } else {
    fuzz::CheckLazy(!response.complete, "complete despite a fatal diagnostic", dump);
  }
  return 0;
}
