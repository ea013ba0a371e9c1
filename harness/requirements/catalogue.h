// The requirement catalogue: every BCP 14 sentence of RFC 9110, 9111 and
// 9112 (docs/requirements/rfcNNNN.json, extracted by
// scripts/requirements/extract.py and classified by people), as data the
// binary can count the case library against. The files are embedded at
// build time (embedded_catalogue.h); this module parses them and nothing
// else reads them. docs/requirements/README.md defines every field.
#ifndef HTTPCONFORM_REQUIREMENTS_CATALOGUE_H_
#define HTTPCONFORM_REQUIREMENTS_CATALOGUE_H_

#include <map>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/expected.h"

namespace httpconform::requirements {

/// Who can observe compliance on the wire.
enum class Observable {
  kOrigin,        ///< an origin server tested as a client (`httpconform run`)
  kIntermediary,  ///< an intermediary tested from both sides
  kClient,        ///< binds clients: not testable against a server
  kNone,          ///< nothing on the wire tells
};

/// "origin", "intermediary", "client", "none".
const char* ObservableName(Observable observable);

/// One keyword sentence of an RFC and its classification.
struct Requirement {
  std::string id;  ///< "9110-13.1.2-3e2a92f6"
  int rfc = 0;
  std::string section;  ///< "13.1.2"
  std::string title;    ///< the section's title
  std::vector<std::string> keywords;
  core::Level level = core::Level::kMay;  ///< the strongest keyword's class
  std::string text;                       ///< the sentence as the RFC words it
  std::string lead_in;  ///< for a list requirement: the sentence that introduces the list
  std::string context;  ///< a list item's lead-in, or what tells a repeated sentence apart
  std::vector<std::string> binds;
  Observable observable = Observable::kNone;
  std::string reason;  ///< why an untested origin-observable requirement is untested
  std::string plan;    ///< the case that would test it
  std::string note;
};

/// One catalogue file: its RFC, its top-level section titles, its requirements.
struct CatalogueFile {
  int rfc = 0;
  std::map<std::string, std::string> sections;  ///< "13" -> "Conditional Requests"
  std::vector<Requirement> requirements;
};

/// Parses one catalogue file; `path` names it in errors. Every
/// requirement must be classified (no null `observable`).
core::Expected<CatalogueFile> ParseCatalogue(const std::string& path, const std::string& json);

/// MUST (MUST, MUST NOT, REQUIRED, SHALL, SHALL NOT), else SHOULD (SHOULD,
/// SHOULD NOT, RECOMMENDED, NOT RECOMMENDED), else MAY.
core::Level KeywordClass(const std::vector<std::string>& keywords);

/// Every catalogue file embedded in the binary, parsed, in RFC order.
core::Expected<std::vector<CatalogueFile>> EmbeddedCatalogue();

/// "13.1.2" -> "13"; "B.2" -> "B".
std::string TopSection(const std::string& section);

}  // namespace httpconform::requirements

#endif  // HTTPCONFORM_REQUIREMENTS_CATALOGUE_H_
