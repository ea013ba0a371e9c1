// What a finished case keeps for the reports (result_trim.h).
#include "harness/runner/result_trim.h"

#include <cstddef>

namespace httpconform::runner {
namespace {

// Finished cases are kept until the reports are written: keep only what a
// report shows of each response (a preview of its content, its size, the
// start of the raw bytes: the head and the first of the content), not up to
// max_content_bytes and max_record_bytes per step -- a server sending
// endless content to every case would otherwise hold cases x steps x 8 MiB,
// and reports that render every step's raw bytes twice (HTML) would be built
// from cases x steps x 64 KiB. Reports show 1 KiB of content
// (reports/report.h); the raw bytes are shown whole. Heads of up to 1 MiB
// (the parser's limit) keep their first field lines, up to 16 KiB in all,
// and count the others (Response::fields_omitted).
using core::kKeptContentBytes;
constexpr std::size_t kKeptReceivedBytes = 16 * 1024;
constexpr std::size_t kKeptFieldBytes = 16 * 1024;

// Keeps the first fields of `fields` while they fit in `*room` bytes; once
// one does not, it and every later one (in any list) are left out.
void KeepFirstFields(core::Fields* fields, std::size_t* room, std::size_t* omitted) {
  std::size_t keep = 0;
  while (keep < fields->size()) {
    const core::Field& f = (*fields)[keep];
    if (f.name.size() + f.value.size() > *room) break;
    *room -= f.name.size() + f.value.size();
    ++keep;
  }
  if (keep == fields->size()) return;
  *omitted += fields->size() - keep;
  *room = 0;
  fields->resize(keep);
  fields->shrink_to_fit();
}

}  // namespace

void TrimForReports(core::CaseResult* result) {
  for (core::StepResult& step : result->steps) {
    if (step.received.size() > kKeptReceivedBytes) {
      step.received.resize(kKeptReceivedBytes);
      step.received.shrink_to_fit();
    }
    if (!step.response) continue;
    core::Response& r = *step.response;
    std::size_t room = kKeptFieldBytes;
    for (core::ResponseHead& interim : r.interim) {
      KeepFirstFields(&interim.fields, &room, &r.fields_omitted);
    }
    KeepFirstFields(&r.head.fields, &room, &r.fields_omitted);
    KeepFirstFields(&r.trailers, &room, &r.fields_omitted);
    if (step.response->content.size() <= kKeptContentBytes) continue;
    step.response->content.resize(kKeptContentBytes);
    step.response->content.shrink_to_fit();
    step.response->content_truncated = true;
  }
}

}  // namespace httpconform::runner
