// What a finished case keeps until the reports are written: the first bytes
// of each exchange, a content preview and the first field lines, counted
// where cut (Response::fields_omitted, content_truncated), so that a server
// sending endless or enormous responses to every case cannot make a run hold
// cases x steps x the transport's caps. Used by RunCase once a case is done.
#ifndef HTTPCONFORM_RUNNER_RESULT_TRIM_H_
#define HTTPCONFORM_RUNNER_RESULT_TRIM_H_

#include "harness/core/result.h"

namespace httpconform::runner {

/// Trims every step of `result` to what the reports show (see result_trim.cc).
void TrimForReports(core::CaseResult* result);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_RESULT_TRIM_H_
