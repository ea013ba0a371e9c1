// Reproducers: a shell command that sends what one step sent, for a bug
// report or a terminal, and a readable transcript of the bytes exchanged.
// Bounds: each is one forward pass, linear, with no recursion; a transcript
// shows at most `max_bytes` of each side.
//
// A structured request becomes a `curl --http1.1 -i` command when curl can
// send exactly that method, target, header lines and content (curl's own
// Host, User-Agent, Accept, Content-Type and Expect are removed or replaced
// so that only the recorded fields go out; curl may order them differently).
// Anything curl cannot say exactly — a raw request, a control byte in a
// field, Transfer-Encoding (curl would re-chunk), a Content-Length that does
// not match the content — becomes `printf '...' | nc HOST PORT` (or
// `openssl s_client` for https) with the recorded bytes escaped for POSIX
// printf. Both are pure functions of the StepResult and the target URL.
#ifndef HTTPCONFORM_REPORTS_REPRODUCER_H_
#define HTTPCONFORM_REPORTS_REPRODUCER_H_

#include <string>
#include <string_view>

#include "harness/core/result.h"

namespace httpconform::reports {

/// `s` in single quotes for a POSIX shell (' becomes '\'').
std::string ShellQuote(std::string_view s);
/// `bytes` as a POSIX printf format string (without quotes): % as %%, \ as
/// \\, ' as \047, CR LF TAB as \r \n \t, other non-printable bytes as \NNN octal.
std::string PrintfEscape(std::string_view bytes);
/// A one-line shell command that re-sends `step`'s request to `target_url`
/// (the run's URL: scheme, host, port; its path is not used). For https,
/// curl checks the certificate as the run did (`settings`): `-k` when it did
/// not (or when the settings were not recorded), `--cacert FILE` with one.
std::string Reproducer(const core::StepResult& step, const std::string& target_url,
                       const core::RunSettings& settings = {});
/// The bytes of `step`, "> " lines sent and "< " lines received, each line
/// escaped (\r \n \t \\ \xNN) and ending after its \n; at most `max_bytes` per direction.
std::string Transcript(const core::StepResult& step, std::size_t max_bytes = 8192);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_REPRODUCER_H_
