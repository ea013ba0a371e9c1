// The requirement catalogue compiled into the binary (see
// harness/requirements/CMakeLists.txt): docs/requirements/*.json as bytes.
#ifndef HTTPCONFORM_REQUIREMENTS_EMBEDDED_CATALOGUE_H_
#define HTTPCONFORM_REQUIREMENTS_EMBEDDED_CATALOGUE_H_

#include <vector>

#include "cases/embedded_cases.h"

namespace httpconform::requirements {

/// Every docs/requirements/*.json, sorted by path.
const std::vector<cases::EmbeddedFile>& EmbeddedCatalogueFiles();

}  // namespace httpconform::requirements

#endif  // HTTPCONFORM_REQUIREMENTS_EMBEDDED_CATALOGUE_H_
