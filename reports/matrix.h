// The compatibility matrix: many servers' runs of the case library side by
// side, servers as columns and cases as rows, grouped by RFC section.
//
// Like every writer in reports/, the renderers are pure functions of their
// input: one JSON report per server (parsed back with ParseJsonReport), the
// server's name and version, an optional line on how it serves files (an
// application written for it, say), and the reviewed verdicts of
// tests/expected/NAME.json when there are some. BuildMatrix does the
// counting once (scores, rows, sections, which rows differ between servers)
// and both renderers read that model, so the HTML page and the Markdown file
// cannot disagree.
#ifndef HTTPCONFORM_REPORTS_MATRIX_H_
#define HTTPCONFORM_REPORTS_MATRIX_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/result.h"

namespace httpconform::reports {

/// One reviewed verdict of tests/expected/NAME.json.
struct ReviewedVerdict {
  std::string outcome;        ///< "fail", "skip" or "error" (pass is never listed).
  std::string justification;  ///< Why, against the quoted sentence; "UNREVIEWED" when not yet.
};

/// Reads tests/expected/NAME.json: an object mapping case id to
/// {"outcome": ..., "justification": ...}. Error code "expected" with a JSON
/// pointer on anything else.
core::Expected<std::map<std::string, ReviewedVerdict>> ParseExpectedVerdicts(std::string_view text);

/// One server's column.
struct MatrixServer {
  std::string name;     ///< Short name (the report's file name without .json).
  std::string version;  ///< e.g. "nginx 1.22.1"; "" when unknown.
  std::string about;    ///< How it serves the docroot, e.g. an application written for it.
  core::RunResult run;
  std::map<std::string, ReviewedVerdict> reviews;  ///< By case id; empty when none given.
};

/// A server's scores: pass rates over the cases that ran (not skipped).
struct MatrixScore {
  int total = 0, pass = 0, fail = 0, skip = 0, error = 0;
  int must_run = 0, must_pass = 0;      ///< MUST cases that ran, and passed.
  int should_run = 0, should_pass = 0;  ///< SHOULD cases that ran, and passed.
};

/// One case's row: the result index in each server's run, or -1 when that
/// server's run has no such case.
struct MatrixRow {
  std::string id;
  const core::CaseResult* first = nullptr;  ///< The first server's result: title, spec.
  std::vector<int> result_index;            ///< One per server.
  bool differs = false;  ///< Outcomes differ among the servers that have the case.
};

/// Rows of one RFC and top-level section ("RFC 9110 §13").
struct MatrixSection {
  int rfc = 0;
  std::string top;  ///< "13", "A"
  std::vector<MatrixRow> rows;
};

struct Matrix {
  std::vector<MatrixScore> scores;  ///< One per server.
  std::vector<MatrixSection> sections;
  int cases = 0;  ///< Distinct case ids.
};

/// Groups and counts. Sections in RFC then numeric section order; rows by
/// section then id.
Matrix BuildMatrix(const std::vector<MatrixServer>& servers);

/// "93%" style rate of part in whole, or "-" when whole is 0.
std::string Percent(int part, int whole);

/// One self-contained, offline HTML page: scores, filters, the table; a cell
/// opens the exchange (bytes both ways, capped) and the review, rendered
/// on demand from embedded JSON.
std::string RenderMatrixHtml(const std::vector<MatrixServer>& servers);
/// The same matrix in Markdown: servers and scores, reviewed failures, the table.
std::string RenderMatrixMarkdown(const std::vector<MatrixServer>& servers);

/// The bytes of each direction of a step the page keeps at most (the
/// server's own report has them all).
inline constexpr std::size_t kMatrixBytesPerDirection = 4096;
/// The wire bytes the whole page keeps, both directions of every step of
/// every cell together: a matrix of 25 servers x 300 cases stays a page a
/// browser opens at once. Failures and errors may use up to three quarters
/// of it, at most kMatrixBytesPerDirection each way; the other cells share
/// what they leave. Each kept byte becomes at most 6 characters of the page
/// (a \u00NN escape), so the exchanges take at most 6 x this budget.
inline constexpr std::size_t kMatrixExchangeBudget = 8u << 20;

/// How many bytes each direction of a step keeps, by the cell's outcome.
struct MatrixAllowance {
  std::size_t failed = 0;  ///< For fail and error cells.
  std::size_t other = 0;   ///< For pass and skip cells.
};
/// The allowance of a page of these servers (part of the model so that a
/// test can check the budget without rendering).
MatrixAllowance ExchangeAllowance(const std::vector<MatrixServer>& servers);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_MATRIX_H_
