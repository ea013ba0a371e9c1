// The catalogue of wire diagnostic ids: every id the request and response
// parsers can record, with the RFC section behind it. Ids are a stable
// contract (case files name them in `diagnostics.present/absent`), so they
// are only ever added, never renamed. diagnostics.md is the same list for
// people; a test checks the two agree.
#ifndef HTTPCONFORM_WIRE_DIAGNOSTICS_H_
#define HTTPCONFORM_WIRE_DIAGNOSTICS_H_

#include <string_view>
#include <vector>

namespace httpconform::wire {

/// One diagnostic id and what it means.
struct DiagnosticInfo {
  std::string_view id;       ///< e.g. "field.obs-fold".
  std::string_view section;  ///< e.g. "RFC 9112 §5.2".
  std::string_view summary;  ///< One line.
};

/// Every diagnostic id either parser can record, sorted by id.
const std::vector<DiagnosticInfo>& AllDiagnostics();

/// The entry for `id`, or nullptr.
const DiagnosticInfo* FindDiagnosticInfo(std::string_view id);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_DIAGNOSTICS_H_
