// Names that changed, kept as aliases where users may have written them
// (fault names in case files, fuzz operator names): each module lists its own
// earlier names in a table and asks for the current one here.
#ifndef HTTPCONFORM_CORE_RENAMED_H_
#define HTTPCONFORM_CORE_RENAMED_H_

#include <cstddef>
#include <string>

namespace httpconform::core {

/// One renaming: `earlier` is now `current`.
struct Renamed {
  const char* earlier;
  const char* current;
};

/// The current name of `name` in `table`, or nullptr when it is no earlier name.
template <std::size_t N>
const char* CurrentName(const std::string& name, const Renamed (&table)[N]) {
  for (const Renamed& r : table) {
    if (name == r.earlier) return r.current;
  }
  return nullptr;
}

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_RENAMED_H_
