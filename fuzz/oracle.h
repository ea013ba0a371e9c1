// Independent HTTP/1.1 response parsers used as oracles by the differential
// target: llhttp 8.1 (compiled from Debian's node-llhttp sources) and
// http-parser 2.9.4 (Debian's libhttp-parser). Each lives in its own source
// file because their headers define clashing enumerators (HTTP_REQUEST ...);
// this header is the neutral result both produce. Both run in their default
// (strict) modes: the point is to learn where we are more lenient.
#ifndef HTTPCONFORM_FUZZ_ORACLE_H_
#define HTTPCONFORM_FUZZ_ORACLE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httpconform::fuzz {

/// One parsed response head (interim or final) as an oracle saw it.
struct OracleHead {
  int major = 0;
  int minor = 0;
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> fields;
};

/// What an oracle made of a response stream (up to the final response).
struct OracleResult {
  bool accepted = false;  ///< The final response completed before any error.
  std::vector<OracleHead> interim;
  OracleHead final_head;
  std::string body;
  std::vector<std::pair<std::string, std::string>> trailers;
  std::string error;  ///< The oracle's error name, when not accepted.
};

/// Parses `bytes` (followed by EOF) as a response to GET with llhttp.
OracleResult ParseWithLlhttp(std::string_view bytes);
/// Parses `bytes` (followed by EOF) as a response to GET with http-parser.
OracleResult ParseWithHttpParser(std::string_view bytes);

}  // namespace httpconform::fuzz

#endif  // HTTPCONFORM_FUZZ_ORACLE_H_
