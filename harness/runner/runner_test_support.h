// Helpers shared by the runner's tests (runner_test.cc, runner_content_test.cc,
// discovery_test.cc).
#ifndef HTTPCONFORM_RUNNER_RUNNER_TEST_SUPPORT_H_
#define HTTPCONFORM_RUNNER_RUNNER_TEST_SUPPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "harness/core/case.h"
#include "harness/runner/runner.h"
#include "harness/transport/transport.h"

namespace httpconform::runner::test_support {

/// http://127.0.0.1:8080/
inline transport::Target LocalTarget() {
  transport::Target t;
  t.scheme = "http";
  t.host = "127.0.0.1";
  t.port = 8080;
  t.authority = "127.0.0.1:8080";
  t.base_path = "/";
  return t;
}

/// A GET of `target` expecting one of `status`.
inline core::Step Get(const std::string& target, std::vector<int> status) {
  core::Step s;
  s.request.method = "GET";
  s.request.target = target;
  core::Expectation e;
  e.status = std::move(status);
  s.expect.push_back(e);
  return s;
}

/// One job, 1 s steps.
inline RunOptions Options() {
  RunOptions o;
  o.jobs = 1;
  o.timeout_ms = 1000;
  o.user_agent = "httpconform/test";
  return o;
}

}  // namespace httpconform::runner::test_support

#endif  // HTTPCONFORM_RUNNER_RUNNER_TEST_SUPPORT_H_
