// The JSON report, "httpconform-report/4", and its reader (which also
// reads versions 1 to 3: the same members, without the run's settings, the
// variables of each case and the content digests (1), the proxy run (2 and
// earlier), the HTTP version of each result (3 and earlier)).
//
// Rendering builds an nlohmann::ordered_json tree (member order as in the
// contract, so the file reads top-down) whose strings are already valid
// UTF-8: text fields go through SanitizeUtf8, byte fields through the
// one-character-per-byte encoding. dump() with ensure_ascii then writes pure
// ASCII, and the error handler is `replace` as a second guard, so no input
// can make the output invalid JSON. Parsing is strict about the members the
// contract fixes (missing or mistyped: an error naming the JSON pointer) and
// ignores members it does not know, so later minor additions stay readable.
// nlohmann's exceptions never leave this file: they become core::Error.
// Reading is bounded in nesting and linear in the file (json_read.h).
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/json_read.h"
#include "reports/report.h"
#include "reports/sha256.h"
#include "reports/text.h"

namespace httpconform::reports {
namespace {

using Json = nlohmann::ordered_json;

Json Text(std::string_view s) { return SanitizeUtf8(s); }
Json Bytes(std::string_view s) { return BytesToLatin1Utf8(s); }

Json FieldsJson(const core::Fields& fields) {
  Json out = Json::array();
  for (const core::Field& f : fields) out.push_back(Json::array({Text(f.name), Text(f.value)}));
  return out;
}

Json TextArray(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const std::string& s : items) out.push_back(Text(s));
  return out;
}

// A finding's sections, its rule's own first.
std::vector<std::string> AllSections(const core::PassiveFinding& f) {
  std::vector<std::string> all = {f.rfc_section};
  all.insert(all.end(), f.also_sections.begin(), f.also_sections.end());
  return all;
}

const char* FramingName(core::Framing framing) {
  switch (framing) {
    case core::Framing::kNoContent:
      return "no-content";
    case core::Framing::kContentLength:
      return "content-length";
    case core::Framing::kChunked:
      return "chunked";
    case core::Framing::kCloseDelimited:
      return "close-delimited";
  }
  return "no-content";
}

Json HeadJson(const core::ResponseHead& head) {
  Json out = Json::object();
  out["version"] = Text(head.version);
  out["status"] = head.status;
  out["reason"] = Text(head.reason);
  out["headers"] = FieldsJson(head.fields);
  return out;
}

Json VarsJson(const std::map<std::string, std::string>& vars) {
  Json out = Json::object();
  for (const auto& [name, value] : vars) out[Text(name).get<std::string>()] = Text(value);
  return out;
}

Json ResponseJson(const core::Response& r) {
  Json out = HeadJson(r.head);
  out["body_size"] = r.content_size;
  out["body_preview"] = Bytes(std::string_view(r.content).substr(0, kBodyPreviewBytes));
  out["body_sha256"] = r.content_sha256.empty() ? ContentSha256(r.content) : r.content_sha256;
  out["truncated"] = r.content_truncated;
  out["framing"] = FramingName(r.framing);
  out["complete"] = r.complete;
  out["trailers"] = FieldsJson(r.trailers);
  if (r.fields_omitted > 0) out["fields_omitted"] = r.fields_omitted;
  Json diags = Json::array();
  for (const core::Diagnostic& d : r.diagnostics) {
    diags.push_back(Json{
        {"id", Text(d.id)}, {"offset", d.offset}, {"detail", Text(d.detail)}, {"fatal", d.fatal}});
  }
  out["diagnostics"] = std::move(diags);
  return out;
}

Json StepJson(const core::StepResult& s) {
  Json out = Json::object();
  out["request"] = Json{{"method", Text(s.request.method)},
                        {"target", Text(s.request.target)},
                        {"headers", FieldsJson(s.request.headers)},
                        {"raw", s.request.raw},
                        {"bytes", Bytes(s.request.bytes)}};
  out["response"] = s.response ? ResponseJson(*s.response) : Json(nullptr);
  Json interim = Json::array();
  if (s.response) {
    for (const core::ResponseHead& h : s.response->interim) interim.push_back(HeadJson(h));
  }
  out["interim"] = std::move(interim);
  out["received"] = Bytes(s.received);
  out["connection_closed"] = s.connection_closed;
  out["response_before_content"] = s.response_before_content;
  out["duration_ms"] = s.duration_ms;
  out["error"] = Text(s.error);
  Json checks = Json::array();
  for (const core::CheckResult& c : s.checks) {
    checks.push_back(Json{{"kind", Text(c.kind)},
                          {"name", Text(c.name)},
                          {"passed", c.passed},
                          {"expected", Text(c.expected)},
                          {"actual", Text(c.actual)}});
  }
  out["checks"] = std::move(checks);
  // Addition of version 3: what the scripted origin received (proxy cases).
  if (!s.origin_tag.empty()) {
    Json received = Json::array();
    for (const core::OriginRecord& o : s.origin_received) {
      received.push_back(Json{{"method", Text(o.method)},
                              {"target", Text(o.target)},
                              {"version", Text(o.version)},
                              {"headers", FieldsJson(o.fields)},
                              {"content_length", o.content_length},
                              {"framing", Text(o.framing)}});
    }
    out["origin"] = Json{{"tag", Text(s.origin_tag)}, {"received", std::move(received)}};
  }
  return out;
}

Json CaseJson(const core::CaseResult& r, bool verdict_differs) {
  Json out = Json::object();
  out["id"] = Text(r.id);
  // Version 4: the HTTP version of the result (--http 1.1,2 gives two per case).
  if (!r.http.empty()) out["http"] = Text(r.http);
  out["title"] = Text(r.title);
  out["spec"] = Json{{"rfc", r.spec.rfc},
                     {"section", Text(r.spec.section)},
                     {"level", core::LevelName(r.spec.level)},
                     {"quote", Text(r.spec.quote)}};
  out["codes"] = r.codes;
  out["tags"] = TextArray(r.tags);
  out["outcome"] = core::OutcomeName(r.outcome);
  out["reason"] = Text(r.reason);
  out["expected"] = TextArray(r.expected);
  out["actual"] = Text(r.actual);
  out["duration_ms"] = r.duration_ms;
  Json findings = Json::array();
  for (const core::PassiveFinding& f : r.findings) {
    findings.push_back(Json{{"rule", Text(f.rule)},
                            {"level", core::LevelName(f.level)},
                            {"status", f.status},
                            {"section", Text(f.rfc_section)},
                            {"sections", TextArray(AllSections(f))},
                            {"message", Text(f.message)},
                            {"step", f.step}});
  }
  out["findings"] = std::move(findings);
  Json steps = Json::array();
  for (const core::StepResult& s : r.steps) steps.push_back(StepJson(s));
  out["steps"] = std::move(steps);
  // Additions to version 1 (optional for readers): retries and baselines.
  out["attempts"] = r.attempts;
  out["flaky"] = r.flaky;
  if (!r.baseline.empty()) out["baseline"] = Text(r.baseline);
  // Additions to version 1: dependencies between cases, MAY choices.
  if (!r.after.empty()) out["after"] = TextArray(r.after);
  if (r.blocked_by) {
    out["blocked_by"] =
        Json{{"id", Text(r.blocked_by->id)}, {"outcome", Text(r.blocked_by->outcome)}};
  }
  if (!r.pulled_in_by.empty()) out["pulled_in_by"] = TextArray(r.pulled_in_by);
  // Where the case is written, so a verdict leads to its source.
  if (!r.file.empty()) {
    out["source"] = Json{{"file", Text(r.file)}};
    if (r.line > 0) out["source"]["line"] = r.line;
  }
  if (r.optional_not_taken) out["optional_not_taken"] = true;
  if (r.http_not_applicable) out["http_not_applicable"] = true;
  if (verdict_differs) out["verdict_differs"] = true;
  out["vars"] = VarsJson(r.vars);  // Version 2.
  return out;
}

Json SettingsJson(const core::RunSettings& s) {
  Json replaced = Json::array();
  for (const core::DiscoveredVar& d : s.discovered) {
    replaced.push_back(
        Json{{"name", Text(d.name)}, {"default", Text(d.default_value)}, {"value", Text(d.value)}});
  }
  Json out = Json::object();
  out["http"] = Text(s.http);
  out["transport"] = Text(s.transport);
  out["timeout_ms"] = s.timeout_ms;
  out["tls"] = Json{{"verify", s.tls_verify}, {"ca_file", Text(s.tls_ca_file)}};
  out["vars"] = VarsJson(s.vars);
  out["cases"] = TextArray(s.case_paths);
  out["discovery"] = Json{{"enabled", s.discovery},
                          {"replaced", std::move(replaced)},
                          {"notes", TextArray(s.discovery_notes)}};
  return out;
}

Json RunJson(const core::RunResult& run) {
  const core::Summary sum = core::Summarize(run);
  Json out = Json::object();
  out["schema"] = kJsonSchema;
  out["tool"] = Json{{"name", Text(run.tool_name)}, {"version", Text(run.tool_version)}};
  out["target"] = Json{{"url", Text(run.target_url)}};
  // Addition of version 3: `httpconform proxy` runs name the origin behind
  // the intermediary (target.url).
  if (!run.proxy.origin.empty()) {
    out["proxy"] = Json{{"origin", Text(run.proxy.origin)},
                        {"mode", run.proxy.forward ? "forward" : "gateway"},
                        {"untagged_count", run.proxy.untagged_count},
                        {"untagged", TextArray(run.proxy.untagged)}};
  }
  out["started_at"] = Text(run.started_at);
  out["duration_ms"] = run.duration_ms;
  const core::RunVerdict verdict = core::JudgeRun(run);
  // findings and failing: additions to version 1. failing counts what makes
  // the run fail under `policy` (exit 1 iff > 0), so a reader need not redo it.
  out["summary"] = Json{{"total", sum.total},
                        {"pass", sum.pass},
                        {"fail", sum.fail},
                        {"skip", sum.skip},
                        {"error", sum.error},
                        {"findings", verdict.findings},
                        {"failing", verdict.failing()}};
  // Version 4: a run over several HTTP versions counts each, and names the
  // cases whose verdict differs between them.
  const std::set<std::string> differs = core::VerdictDiffers(run);
  if (core::IsMultiVersion(run)) {
    Json versions = Json::array();
    for (const std::string& v : core::VersionsOf(run)) {
      const core::Summary vs = core::SummarizeVersion(run, v);
      versions.push_back(Json{{"http", Text(v)},
                              {"total", vs.total},
                              {"pass", vs.pass},
                              {"fail", vs.fail},
                              {"skip", vs.skip},
                              {"error", vs.error}});
    }
    out["summary"]["versions"] = std::move(versions);
    out["summary"]["verdict_differs"] =
        TextArray(std::vector<std::string>(differs.begin(), differs.end()));
  }
  out["incomplete"] = run.incomplete;
  out["notes"] = TextArray(run.notes);
  if (!run.stop_reason.empty()) out["stop_reason"] = Text(run.stop_reason);
  // Additions to version 1: what fails the run, and a run-level error.
  out["policy"] = Json{{"fail_on", core::LevelName(run.policy.fail_on)},
                       {"fail_on_flaky", run.policy.fail_on_flaky},
                       {"strict_baseline", run.policy.strict_baseline}};
  out["error"] = Text(run.error);
  // Version 2: how the run was made.
  if (run.settings.recorded) out["settings"] = SettingsJson(run.settings);
  Json results = Json::array();
  for (const core::CaseResult& r : run.results) {
    results.push_back(CaseJson(r, differs.count(r.id) > 0));
  }
  out["results"] = std::move(results);
  return out;
}

std::string Dump(const core::RunResult& run, int indent) {
  return RunJson(run).dump(indent, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace);
}

// ---- Reading ----

// Thrown inside this file only; ParseJsonReport turns it into core::Error.
struct ReadError {
  std::string pointer;
  std::string message;
};

const Json& Member(const Json& obj, const char* key, const std::string& at) {
  auto it = obj.find(key);
  if (it == obj.end()) throw ReadError{at, std::string("missing member \"") + key + "\""};
  return *it;
}

const Json& Object(const Json& obj, const char* key, const std::string& at) {
  const Json& v = Member(obj, key, at);
  if (!v.is_object()) throw ReadError{at + "/" + key, "expected an object"};
  return v;
}

const Json& Array(const Json& obj, const char* key, const std::string& at) {
  const Json& v = Member(obj, key, at);
  if (!v.is_array()) throw ReadError{at + "/" + key, "expected an array"};
  return v;
}

std::string String(const Json& obj, const char* key, const std::string& at) {
  const Json& v = Member(obj, key, at);
  if (!v.is_string()) throw ReadError{at + "/" + key, "expected a string"};
  return v.get<std::string>();
}

std::string ByteString(const Json& obj, const char* key, const std::string& at) {
  std::optional<std::string> bytes = Latin1Utf8ToBytes(String(obj, key, at));
  if (!bytes) throw ReadError{at + "/" + key, "byte string has a character above U+00FF"};
  return *std::move(bytes);
}

bool Bool(const Json& obj, const char* key, const std::string& at) {
  const Json& v = Member(obj, key, at);
  if (!v.is_boolean()) throw ReadError{at + "/" + key, "expected a boolean"};
  return v.get<bool>();
}

double Number(const Json& obj, const char* key, const std::string& at) {
  const Json& v = Member(obj, key, at);
  if (!v.is_number()) throw ReadError{at + "/" + key, "expected a number"};
  return v.get<double>();
}

template <typename Int>
Int Integer(const Json& obj, const char* key, const std::string& at) {
  const Json& v = Member(obj, key, at);
  if (!v.is_number_integer()) throw ReadError{at + "/" + key, "expected an integer"};
  if (std::is_unsigned<Int>::value && !v.is_number_unsigned()) {
    throw ReadError{at + "/" + key, "expected a non-negative integer"};
  }
  return v.get<Int>();
}

std::vector<std::string> StringArray(const Json& obj, const char* key, const std::string& at) {
  std::vector<std::string> out;
  const Json& arr = Array(obj, key, at);
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_string()) {
      throw ReadError{at + "/" + key + "/" + std::to_string(i), "expected a string"};
    }
    out.push_back(arr[i].get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> StringMap(const Json& obj, const char* key,
                                             const std::string& at) {
  std::map<std::string, std::string> out;
  for (const auto& item : Object(obj, key, at).items()) {
    if (!item.value().is_string()) {
      throw ReadError{at + "/" + key + "/" + item.key(), "expected a string"};
    }
    out[item.key()] = item.value().get<std::string>();
  }
  return out;
}

core::Fields ReadFields(const Json& obj, const char* key, const std::string& at) {
  core::Fields out;
  const Json& arr = Array(obj, key, at);
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const Json& pair = arr[i];
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      throw ReadError{at + "/" + key + "/" + std::to_string(i), "expected [name, value] strings"};
    }
    out.push_back(core::Field{pair[0].get<std::string>(), pair[1].get<std::string>()});
  }
  return out;
}

core::Level ReadLevel(const Json& obj, const char* key, const std::string& at) {
  std::optional<core::Level> level = core::ParseLevel(String(obj, key, at));
  if (!level) throw ReadError{at + "/" + key, "expected MUST, SHOULD or MAY"};
  return *level;
}

core::ResponseHead ReadHead(const Json& obj, const std::string& at) {
  core::ResponseHead head;
  head.version = String(obj, "version", at);
  head.status = Integer<int>(obj, "status", at);
  head.reason = String(obj, "reason", at);
  head.fields = ReadFields(obj, "headers", at);
  return head;
}

core::Response ReadResponse(const Json& obj, const std::string& at) {
  core::Response r;
  r.head = ReadHead(obj, at);
  r.content_size = Integer<std::uint64_t>(obj, "body_size", at);
  r.content = ByteString(obj, "body_preview", at);
  if (obj.contains("body_sha256")) r.content_sha256 = String(obj, "body_sha256", at);
  r.content_truncated = Bool(obj, "truncated", at);
  const std::string framing = String(obj, "framing", at);
  if (framing == "no-content") {
    r.framing = core::Framing::kNoContent;
  } else if (framing == "content-length") {
    r.framing = core::Framing::kContentLength;
  } else if (framing == "chunked") {
    r.framing = core::Framing::kChunked;
  } else if (framing == "close-delimited") {
    r.framing = core::Framing::kCloseDelimited;
  } else {
    throw ReadError{at + "/framing", "unknown framing \"" + framing + "\""};
  }
  r.complete = Bool(obj, "complete", at);
  if (obj.contains("trailers")) r.trailers = ReadFields(obj, "trailers", at);
  if (obj.contains("fields_omitted")) {
    r.fields_omitted = Integer<std::size_t>(obj, "fields_omitted", at);
  }
  const Json& diags = Array(obj, "diagnostics", at);
  for (std::size_t i = 0; i < diags.size(); ++i) {
    const std::string here = at + "/diagnostics/" + std::to_string(i);
    if (!diags[i].is_object()) throw ReadError{here, "expected an object"};
    core::Diagnostic d{String(diags[i], "id", here), Integer<std::size_t>(diags[i], "offset", here),
                       String(diags[i], "detail", here), Bool(diags[i], "fatal", here)};
    r.diagnostics.push_back(std::move(d));
  }
  return r;
}

core::StepResult ReadStep(const Json& obj, const std::string& at) {
  core::StepResult s;
  const Json& req = Object(obj, "request", at);
  const std::string rat = at + "/request";
  s.request.method = String(req, "method", rat);
  s.request.target = String(req, "target", rat);
  s.request.headers = ReadFields(req, "headers", rat);
  s.request.raw = Bool(req, "raw", rat);
  s.request.bytes = ByteString(req, "bytes", rat);
  const Json& resp = Member(obj, "response", at);
  if (resp.is_object()) {
    s.response = ReadResponse(resp, at + "/response");
  } else if (!resp.is_null()) {
    throw ReadError{at + "/response", "expected an object or null"};
  }
  const Json& interim = Array(obj, "interim", at);
  if (!interim.empty() && !s.response) {
    throw ReadError{at + "/interim", "interim responses without a final response"};
  }
  for (std::size_t i = 0; i < interim.size(); ++i) {
    const std::string here = at + "/interim/" + std::to_string(i);
    if (!interim[i].is_object()) throw ReadError{here, "expected an object"};
    s.response->interim.push_back(ReadHead(interim[i], here));
  }
  s.received = ByteString(obj, "received", at);
  s.connection_closed = Bool(obj, "connection_closed", at);
  s.response_before_content = Bool(obj, "response_before_content", at);
  s.duration_ms = Number(obj, "duration_ms", at);
  s.error = String(obj, "error", at);
  const Json& checks = Array(obj, "checks", at);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const std::string here = at + "/checks/" + std::to_string(i);
    if (!checks[i].is_object()) throw ReadError{here, "expected an object"};
    core::CheckResult c;
    c.kind = String(checks[i], "kind", here);
    c.name = String(checks[i], "name", here);
    c.passed = Bool(checks[i], "passed", here);
    c.expected = String(checks[i], "expected", here);
    c.actual = String(checks[i], "actual", here);
    s.checks.push_back(std::move(c));
  }
  return s;
}

core::Outcome ReadOutcome(const Json& obj, const std::string& at) {
  const std::string name = String(obj, "outcome", at);
  for (core::Outcome o :
       {core::Outcome::kPass, core::Outcome::kFail, core::Outcome::kSkip, core::Outcome::kError}) {
    if (name == core::OutcomeName(o)) return o;
  }
  throw ReadError{at + "/outcome", "expected pass, fail, skip or error"};
}

core::CaseResult ReadCase(const Json& obj, const std::string& at) {
  core::CaseResult r;
  r.id = String(obj, "id", at);
  r.title = String(obj, "title", at);
  const Json& spec = Object(obj, "spec", at);
  r.spec.rfc = Integer<int>(spec, "rfc", at + "/spec");
  r.spec.section = String(spec, "section", at + "/spec");
  r.spec.level = ReadLevel(spec, "level", at + "/spec");
  r.spec.quote = String(spec, "quote", at + "/spec");
  const Json& codes = Array(obj, "codes", at);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!codes[i].is_number_integer()) {
      throw ReadError{at + "/codes/" + std::to_string(i), "expected an integer"};
    }
    r.codes.push_back(codes[i].get<int>());
  }
  r.tags = StringArray(obj, "tags", at);
  r.outcome = ReadOutcome(obj, at);
  r.reason = String(obj, "reason", at);
  r.expected = StringArray(obj, "expected", at);
  r.actual = String(obj, "actual", at);
  r.duration_ms = Number(obj, "duration_ms", at);
  const Json& findings = Array(obj, "findings", at);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const std::string here = at + "/findings/" + std::to_string(i);
    if (!findings[i].is_object()) throw ReadError{here, "expected an object"};
    core::PassiveFinding f;
    f.rule = String(findings[i], "rule", here);
    f.level = ReadLevel(findings[i], "level", here);
    f.status = Integer<int>(findings[i], "status", here);
    f.rfc_section = String(findings[i], "section", here);
    // "sections" (every section, its own first) is newer than "section".
    if (findings[i].contains("sections")) {
      std::vector<std::string> all = StringArray(findings[i], "sections", here);
      if (!all.empty()) f.also_sections.assign(all.begin() + 1, all.end());
    }
    f.message = String(findings[i], "message", here);
    f.step = Integer<int>(findings[i], "step", here);
    r.findings.push_back(std::move(f));
  }
  const Json& steps = Array(obj, "steps", at);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string here = at + "/steps/" + std::to_string(i);
    if (!steps[i].is_object()) throw ReadError{here, "expected an object"};
    r.steps.push_back(ReadStep(steps[i], here));
  }
  if (obj.contains("attempts")) r.attempts = Integer<int>(obj, "attempts", at);
  if (obj.contains("flaky")) r.flaky = Bool(obj, "flaky", at);
  if (obj.contains("baseline")) r.baseline = String(obj, "baseline", at);
  if (obj.contains("vars")) r.vars = StringMap(obj, "vars", at);
  if (obj.contains("after")) r.after = StringArray(obj, "after", at);
  if (obj.contains("blocked_by")) {
    const Json& b = Object(obj, "blocked_by", at);
    r.blocked_by = core::BlockedBy{String(b, "id", at + "/blocked_by"),
                                   String(b, "outcome", at + "/blocked_by")};
  }
  if (obj.contains("pulled_in_by")) r.pulled_in_by = StringArray(obj, "pulled_in_by", at);
  if (obj.contains("source")) {
    const Json& source = Object(obj, "source", at);
    r.file = String(source, "file", at + "/source");
    if (source.contains("line")) r.line = Integer<int>(source, "line", at + "/source");
  }
  if (obj.contains("optional_not_taken")) {
    r.optional_not_taken = Bool(obj, "optional_not_taken", at);
  }
  if (obj.contains("http")) r.http = String(obj, "http", at);
  if (obj.contains("http_not_applicable")) {
    r.http_not_applicable = Bool(obj, "http_not_applicable", at);
  }
  return r;
}

core::RunSettings ReadSettings(const Json& obj, const std::string& at) {
  core::RunSettings s;
  s.recorded = true;
  s.http = String(obj, "http", at);
  s.transport = String(obj, "transport", at);
  s.timeout_ms = Integer<int>(obj, "timeout_ms", at);
  const Json& tls = Object(obj, "tls", at);
  s.tls_verify = Bool(tls, "verify", at + "/tls");
  s.tls_ca_file = String(tls, "ca_file", at + "/tls");
  s.vars = StringMap(obj, "vars", at);
  s.case_paths = StringArray(obj, "cases", at);
  const Json& discovery = Object(obj, "discovery", at);
  const std::string dat = at + "/discovery";
  s.discovery = Bool(discovery, "enabled", dat);
  const Json& replaced = Array(discovery, "replaced", dat);
  for (std::size_t i = 0; i < replaced.size(); ++i) {
    const std::string here = dat + "/replaced/" + std::to_string(i);
    if (!replaced[i].is_object()) throw ReadError{here, "expected an object"};
    s.discovered.push_back({String(replaced[i], "name", here), String(replaced[i], "default", here),
                            String(replaced[i], "value", here)});
  }
  s.discovery_notes = StringArray(discovery, "notes", dat);
  return s;
}

core::RunResult ReadRun(const Json& doc) {
  if (!doc.is_object() || !doc.contains("schema")) {
    throw ReadError{"",
                    "not an httpconform JSON report (no \"schema\" member; write one with "
                    "run --report json:PATH)"};
  }
  const std::string schema = String(doc, "schema", "");
  if (schema.rfind("httpconform-baseline/", 0) == 0) {
    throw ReadError{"",
                    "this is a baseline file, not a JSON report (a report is what run "
                    "--report json:PATH writes)"};
  }
  if (schema != kJsonSchema && schema != kJsonSchemaV3 && schema != kJsonSchemaV2 &&
      schema != kJsonSchemaV1) {
    throw ReadError{"/schema", "unsupported schema \"" + schema + "\" (expected \"" +
                                   std::string(kJsonSchema) + "\", \"" + kJsonSchemaV3 + "\", \"" +
                                   kJsonSchemaV2 + "\" or \"" + kJsonSchemaV1 + "\")"};
  }
  core::RunResult run;
  const Json& tool = Object(doc, "tool", "");
  run.tool_name = String(tool, "name", "/tool");
  run.tool_version = String(tool, "version", "/tool");
  run.target_url = String(Object(doc, "target", ""), "url", "/target");
  if (doc.contains("proxy")) {
    const Json& proxy = Object(doc, "proxy", "");
    run.proxy.origin = String(proxy, "origin", "/proxy");
    run.proxy.forward = String(proxy, "mode", "/proxy") == "forward";
  }
  run.started_at = String(doc, "started_at", "");
  run.duration_ms = Number(doc, "duration_ms", "");
  Object(doc, "summary", "");  // Derived from results; checked for presence only.
  if (doc.contains("incomplete")) run.incomplete = Bool(doc, "incomplete", "");
  if (doc.contains("notes")) run.notes = StringArray(doc, "notes", "");
  if (doc.contains("stop_reason")) run.stop_reason = String(doc, "stop_reason", "");
  if (doc.contains("settings"))
    run.settings = ReadSettings(Object(doc, "settings", ""), "/settings");
  if (doc.contains("policy")) {
    const Json& policy = Object(doc, "policy", "");
    run.policy.fail_on = ReadLevel(policy, "fail_on", "/policy");
    run.policy.fail_on_flaky = Bool(policy, "fail_on_flaky", "/policy");
    run.policy.strict_baseline = Bool(policy, "strict_baseline", "/policy");
  }
  if (doc.contains("error")) run.error = String(doc, "error", "");
  const Json& results = Array(doc, "results", "");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string here = "/results/" + std::to_string(i);
    if (!results[i].is_object()) throw ReadError{here, "expected an object"};
    run.results.push_back(ReadCase(results[i], here));
  }
  return run;
}

}  // namespace

std::string ContentSha256(std::string_view content) {
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (std::uint8_t b : Sha256(content.substr(0, core::kKeptContentBytes))) {
    hex += kHex[b >> 4];
    hex += kHex[b & 0xF];
  }
  return hex;
}

std::string RenderJson(const core::RunResult& run) { return Dump(run, 2) + "\n"; }

std::string RenderJsonCompact(const core::RunResult& run) { return Dump(run, -1); }

core::Expected<core::RunResult> ParseJsonReport(std::string_view text) {
  core::Expected<Json> doc = ParseBoundedJson(text, "report", /*comments=*/false);
  if (!doc) return doc.error();
  try {
    return ReadRun(*doc);
  } catch (const ReadError& e) {
    return core::MakeError("report", (e.pointer.empty() ? "" : e.pointer + ": ") + e.message);
  } catch (const Json::exception& e) {
    // Any other nlohmann error (none expected after the checks above).
    return core::MakeError("report", std::string("bad value: ") + e.what());
  }
}

// NDJSON (see report.h): the same result and run objects as the JSON
// report, one per line, tagged with "type" so a reader can dispatch.
std::string RenderNdjsonResult(const core::CaseResult& result) {
  // As results stream, whether the other version differs is not known yet:
  // the summary line's verdict_differs says it.
  Json line = Json{{"type", "result"}, {"result", CaseJson(result, false)}};
  return line.dump(-1, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace) + "\n";
}

std::string RenderNdjsonSummary(const core::RunResult& run) {
  Json line = Json{{"type", "summary"}};
  const Json whole = RunJson(run);  // Named: items() must not outlive it.
  for (const auto& item : whole.items()) {
    if (item.key() != "results") line[item.key()] = item.value();
  }
  return line.dump(-1, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace) + "\n";
}

}  // namespace httpconform::reports
