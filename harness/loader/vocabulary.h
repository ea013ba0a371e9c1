// Names a case file takes from other modules: the wire diagnostic ids that
// `diagnostics.present/absent` name (wire/diagnostics.h) and the reference
// server's fault names that `killed_by` names (server/faults.h). The loader
// checks them where the case file is read, so a misspelt id is a lint error
// at its line and column, with the closest name, instead of an expectation
// that can never be met or a proof that never runs.
#ifndef HTTPCONFORM_LOADER_VOCABULARY_H_
#define HTTPCONFORM_LOADER_VOCABULARY_H_

#include <string>
#include <vector>

namespace httpconform::loader {

/// Every id the wire parsers can record, sorted.
const std::vector<std::string>& KnownDiagnosticIds();

/// Every fault of the reference server, in the catalogue's order.
const std::vector<std::string>& KnownFaultNames();

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_VOCABULARY_H_
