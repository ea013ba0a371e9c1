#include "harness/runner/origin_checks.h"

#include "harness/core/template.h"

namespace httpconform::runner {
namespace {

std::string Sub(const std::string& tmpl, const VarLookup& vars) {
  core::Expected<std::string> s = core::Substitute(tmpl, vars);
  return s ? *s : tmpl;
}

std::string Requests(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " request" : " requests");
}

std::string Bytes(std::uint64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

core::CheckResult Make(const std::string& name, const std::string& expected) {
  core::CheckResult c;
  c.name = "origin " + name;
  c.expected = "origin received " + expected;
  return c;
}

}  // namespace

std::vector<core::CheckResult> CheckOrigin(const core::OriginExpectation& e,
                                           const core::StepResult& step, const VarLookup& vars) {
  std::vector<core::CheckResult> out;
  const std::vector<core::OriginRecord>& got = step.origin_received;
  const core::OriginRecord* first = got.empty() ? nullptr : &got.front();
  const char* none = "nothing reached the origin";
  if (e.count) {
    core::CheckResult c = Make("count", Requests(static_cast<std::size_t>(*e.count)));
    c.actual = "origin received " + Requests(got.size());
    c.passed = got.size() == static_cast<std::size_t>(*e.count);
    out.push_back(std::move(c));
  }
  if (!e.method.empty()) {
    core::CheckResult c = Make("method", "method " + e.method);
    c.actual = first ? "method " + first->method : none;
    c.passed = first && first->method == e.method;
    out.push_back(std::move(c));
  }
  if (!e.version.empty()) {
    core::CheckResult c = Make("version", e.version);
    c.actual = first ? "origin received " + first->version : none;
    c.passed = first && first->version == e.version;
    out.push_back(std::move(c));
  }
  if (!e.target.empty()) {
    const std::string want = Sub(e.target, vars);
    core::CheckResult c = Make("target", "target " + want);
    c.actual = first ? "target " + first->target : none;
    c.passed = first && first->target == want;
    out.push_back(std::move(c));
  }
  for (const core::HeaderCheck& h : e.headers) {
    core::CheckResult c = CheckFields(h, first ? &first->fields : nullptr, vars, none);
    c.name = "origin " + c.name;
    c.expected = "origin received " + c.expected;
    if (first) c.actual = "origin received " + c.actual;
    out.push_back(std::move(c));
  }
  if (!e.framing.empty()) {
    core::CheckResult c = Make("framing", "content framed by " + e.framing);
    c.actual = first ? "content framed by " + first->framing : none;
    c.passed = first && first->framing == e.framing;
    out.push_back(std::move(c));
  }
  if (e.content_size) {
    core::CheckResult c = Make("content size", Bytes(*e.content_size) + " of content");
    c.actual = first ? "origin received " + Bytes(first->content_length) + " of content" : none;
    c.passed = first && first->content_length == *e.content_size;
    out.push_back(std::move(c));
  }
  return out;
}

std::string DescribeOrigin(const core::OriginExpectation& e, const VarLookup& vars) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (e.count) add(Requests(static_cast<std::size_t>(*e.count)));
  if (!e.method.empty()) add("method " + e.method);
  if (!e.version.empty()) add(e.version);
  if (!e.target.empty()) add("target " + Sub(e.target, vars));
  for (const core::HeaderCheck& h : e.headers) add(DescribeFieldCheck(h, vars));
  if (!e.framing.empty()) add("content framed by " + e.framing);
  if (e.content_size) add(Bytes(*e.content_size) + " of content");
  return "origin received " + (out.empty() ? std::string("anything") : out);
}

}  // namespace httpconform::runner
