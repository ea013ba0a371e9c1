// UTF-8 in both directions: decoding one sequence strictly (RFC 3629) and
// encoding one code point. Shared by the loader (JSON \u escapes in case
// files) and the reports (server text made printable), which may not depend
// on each other.
#ifndef HTTPCONFORM_CORE_UTF8_H_
#define HTTPCONFORM_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace httpconform::core {

/// Length of the valid UTF-8 sequence starting at in[pos] (1-4) and its code
/// point in *cp; 0 when the bytes there are not valid UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF are invalid, RFC 3629 §3).
std::size_t DecodeUtf8(std::string_view in, std::size_t pos, char32_t* cp);
/// Appends the UTF-8 encoding of `cp` (at most U+10FFFF) to *out.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_UTF8_H_
