// The RE2 options every pattern is compiled with (pattern.h says why each).
#ifndef HTTPCONFORM_PATTERN_OPTIONS_H_
#define HTTPCONFORM_PATTERN_OPTIONS_H_

#include <re2/re2.h>

#include "harness/pattern/pattern.h"

namespace httpconform::pattern {

inline RE2::Options Re2Options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_max_mem(kMaxMemBytes);
  options.set_log_errors(false);
  return options;
}

}  // namespace httpconform::pattern

#endif  // HTTPCONFORM_PATTERN_OPTIONS_H_
