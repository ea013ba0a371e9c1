// Responses for the passive rules' tests (runner/passive_rules_test.cc and
// tests/status_coverage_test.cc): a complete final response that breaks no
// rule by itself but the ones its status and content size call for.
#ifndef HTTPCONFORM_RUNNER_PASSIVE_RULES_FOR_TESTING_H_
#define HTTPCONFORM_RUNNER_PASSIVE_RULES_FOR_TESTING_H_

#include <cstdint>
#include <string>

#include "harness/core/message.h"

namespace httpconform::runner {

/// A complete HTTP/1.1 response with `status`, a Date field and
/// `content_size` bytes of content.
inline core::Response FinalResponseForTesting(int status, std::uint64_t content_size) {
  core::Response r;
  r.head.version = "HTTP/1.1";
  r.head.status = status;
  r.head.fields = {{"Date", "Sat, 01 Jan 2022 00:00:00 GMT"}};
  r.content_size = content_size;
  r.content = std::string(content_size, 'x');
  r.complete = true;
  return r;
}

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_PASSIVE_RULES_FOR_TESTING_H_
