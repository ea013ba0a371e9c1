// The case library compiled into the binary (see cases/CMakeLists.txt).
#ifndef HTTPCONFORM_CASES_EMBEDDED_CASES_H_
#define HTTPCONFORM_CASES_EMBEDDED_CASES_H_

#include <string>
#include <vector>

namespace httpconform::cases {

/// One embedded case file: its path in the repository and its text.
struct EmbeddedFile {
  std::string path;
  std::string text;
};

/// Every cases/*.json, sorted by path.
const std::vector<EmbeddedFile>& EmbeddedCaseFiles();

}  // namespace httpconform::cases

#endif  // HTTPCONFORM_CASES_EMBEDDED_CASES_H_
