#include "tests/library_for_testing.h"

#include <gtest/gtest.h>

#include <vector>

#include "cases/embedded_cases.h"
#include "harness/loader/loader.h"
#include "harness/runner/runner.h"

namespace httpconform {

core::Case LibraryCaseForTesting(const std::string& id) {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) {
    files.push_back({f.path, f.text, /*library=*/true});
  }
  core::Expected<std::vector<core::Case>> cases = loader::LoadCases(files);
  EXPECT_TRUE(cases) << (cases ? "" : cases.error().message);
  if (cases) {
    for (const core::Case& c : *cases) {
      if (c.id == id) return c;
    }
  }
  ADD_FAILURE() << "no case " << id;
  return {};
}

core::CaseResult RunWithFakeForTesting(const core::Case& c, transport::FakeTransport& fake) {
  transport::Target target;
  target.scheme = "http";
  target.host = "127.0.0.1";
  target.port = 8080;
  target.authority = "127.0.0.1:8080";
  target.base_path = "/";
  runner::RunOptions options;
  options.timeout_ms = 1000;
  return runner::RunCase(c, target, {&fake, &fake}, options);
}

}  // namespace httpconform
