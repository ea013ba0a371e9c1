// The variables of the case library, in one table: what each must point to
// on the target, and how discovery finds it (its role; none for a variable
// discovery does not look for). Discovery reads its roles here, and `vars`,
// the skip summary and the docs read the descriptions from the same entries,
// so what a variable means and how it is found cannot drift apart. A
// variable a built-in case declares must have an entry (a test checks);
// variables of a user's own case files need none.
#ifndef HTTPCONFORM_RUNNER_VARIABLES_H_
#define HTTPCONFORM_RUNNER_VARIABLES_H_

#include <string_view>
#include <vector>

namespace httpconform::runner {

/// How discovery judges a probe for a variable.
enum class DiscoveryRole {
  kNone,       ///< Discovery does not look for the variable.
  kStatic,     ///< 200 with ETag, Last-Modified, Accept-Ranges: bytes.
  kWeak,       ///< 200 with a weak ETag.
  kMissing,    ///< 404 or 410.
  kProtected,  ///< 401 with WWW-Authenticate.
  kReadonly,   ///< An existing resource (200).
  kRedirect,   ///< A redirect (of a status, or any of 301, 302, 307, 308).
};

/// One variable of the case library.
struct VariableInfo {
  const char* name;
  const char* points_to;  ///< What the value must be on the target, one sentence.
  DiscoveryRole role = DiscoveryRole::kNone;
  int redirect = 0;  ///< kRedirect: the status wanted; 0: any of 301, 302, 307, 308.
};

/// Every described variable; those discovery looks for first, in the order
/// its notes come, then the others by name.
const std::vector<VariableInfo>& KnownVariables();

/// The entry for `name`, or nullptr (a variable of a user's case files).
const VariableInfo* FindVariable(std::string_view name);

/// What discovery looks for to fill `var`, e.g. "a 404 or 410"; "" for a
/// variable it does not look for.
const char* DiscoveryLooksFor(const VariableInfo& var);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_VARIABLES_H_
