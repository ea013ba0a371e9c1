// Test-only: a case of the embedded library run against a scripted server,
// for the tests that replay a real server's exchange through the real case
// (suite_review_test.cc, verdict_review_test.cc).
#ifndef HTTPCONFORM_TESTS_LIBRARY_FOR_TESTING_H_
#define HTTPCONFORM_TESTS_LIBRARY_FOR_TESTING_H_

#include <string>

#include "harness/core/case.h"
#include "harness/core/result.h"
#include "harness/transport/fake_transport.h"

namespace httpconform {

/// The built-in case `id` (a test failure, and an empty case, if there is none).
core::Case LibraryCaseForTesting(const std::string& id);

/// Runs `c` alone against `fake` as http://127.0.0.1:8080/, 1 s per step.
core::CaseResult RunWithFakeForTesting(const core::Case& c, transport::FakeTransport& fake);

}  // namespace httpconform

#endif  // HTTPCONFORM_TESTS_LIBRARY_FOR_TESTING_H_
