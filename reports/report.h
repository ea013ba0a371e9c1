// Report writers: pure functions of core::RunResult, plus the file writer
// every one of them goes through.
//
// Every writer draws the line between what fails the run and what does not
// where the exit code does (core/verdict.h, from RunResult::policy).
//
// The JSON report is a versioned contract (schema "httpconform-report/4",
// described in reports/README.md and checked by reports/report.schema.json);
// ParseJsonReport reads it back for diff, baseline and replay. Byte fields
// (request bytes, received bytes, body previews) are encoded one character
// per byte (ISO-8859-1: byte 0xNN is U+00NN), so they round-trip exactly.
// Text fields (reason phrases, field lines, messages) keep valid UTF-8 and
// turn every other byte 0xNN into U+00NN. The output is pure ASCII: every
// non-ASCII character is a \uXXXX escape, so nothing a server sends can make
// the file invalid JSON. The HTML report is one offline file in which all
// data from servers and case files is escaped text, never markup or code.
#ifndef HTTPCONFORM_REPORTS_REPORT_H_
#define HTTPCONFORM_REPORTS_REPORT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "harness/core/expected.h"
#include "harness/core/result.h"

namespace httpconform::reports {

/// The value of the JSON report's top-level "schema" member.
inline constexpr char kJsonSchema[] = "httpconform-report/4";
inline constexpr char kJsonSchemaV3[] = "httpconform-report/3";
/// Earlier versions, still read (diff, baseline, replay of old reports):
/// each version only added members, which an older report lacks.
inline constexpr char kJsonSchemaV2[] = "httpconform-report/2";
inline constexpr char kJsonSchemaV1[] = "httpconform-report/1";
/// How many bytes of a response's content the reports show (body_preview).
inline constexpr std::size_t kBodyPreviewBytes = 1024;

/// The JSON report's "body_sha256": SHA-256 (lowercase hex) of the first
/// core::kKeptContentBytes bytes of a response's content (all of it when
/// shorter), the bytes the runner keeps; `replay` compares it.
std::string ContentSha256(std::string_view content);

/// The JSON report, indented, ending in a newline.
std::string RenderJson(const core::RunResult& run);
/// The JSON report on a single line (no newline): same content as RenderJson.
std::string RenderJsonCompact(const core::RunResult& run);
/// Reads a JSON report back; error code "report" with a JSON pointer on a bad document.
core::Expected<core::RunResult> ParseJsonReport(std::string_view text);

/// One self-contained, offline HTML file: summary, charts, filters, transcripts.
std::string RenderHtml(const core::RunResult& run);
/// A Markdown summary (for CI job summaries and pull-request comments): the
/// verdict, then what fails the run under counted headings, then the rest.
std::string RenderMarkdown(const core::RunResult& run);
/// JUnit XML: one testcase per case id, per passive finding, and for a run
/// that could not happen; failure/error/skipped kept distinct, and a
/// failure or error exactly for what fails the run (core/verdict.h).
std::string RenderJunit(const core::RunResult& run);

/// SARIF 2.1.0: one rule per case (helpUri: the RFC section), a result per
/// failure (MUST error, SHOULD warning, MAY note) and per passive finding,
/// each with properties.failsRun.
std::string RenderSarif(const core::RunResult& run);
/// One NDJSON line (ending in a newline): {"type":"result","result":{...}},
/// the result object exactly as in the JSON report.
std::string RenderNdjsonResult(const core::CaseResult& result);
/// The closing NDJSON line: {"type":"summary", ...} with the JSON report's
/// top-level members except "results".
std::string RenderNdjsonSummary(const core::RunResult& run);

/// Options shared by every writer.
struct ReportOptions {
  bool redact = true;  ///< Hide credential field values (redact.h); --no-redact clears it.
};

/// Writes `content` to a temporary file beside `path`, fsyncs and renames it
/// over `path`; "-" means standard output. Error code "io" (path: strerror).
core::Expected<void> WriteFileAtomically(const std::string& path, std::string_view content);
/// Renders `run` as `format` (json|html|markdown|junit|sarif|ndjson) and
/// writes it to `path`, credentials redacted; unknown format: error code "usage".
core::Expected<void> WriteReport(const std::string& format, const std::string& path,
                                 const core::RunResult& run);
/// As above, with options (redaction can be turned off).
core::Expected<void> WriteReport(const std::string& format, const std::string& path,
                                 const core::RunResult& run, const ReportOptions& options);
/// True when WriteReport knows `format`.
bool IsReportFormat(const std::string& format);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_REPORT_H_
