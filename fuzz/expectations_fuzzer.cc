// Fuzz target: the expectation evaluator and the captures (harness/runner:
// Evaluate, Describe, DescribeObserved, CaptureValue, ApplyCaptures) over
// any response, with any patterns (RE2 through harness/pattern).
//
// Input layout: 64 control bytes, then 8 strings separated by NUL bytes,
// then the content (every remaining byte, NUL included). The control bytes
// choose the status, the fields, the flags (no response, content cut short,
// connection closed, an interim 100, wire diagnostics, a large content, an
// earlier step) and the checks: header checks of every op, content checks of
// every kind, captures of every source. The strings are the patterns (0-3),
// field values (4-5), the earlier step's content (6) and a variable's value
// (7); field names come from a pool of real ones or from the strings. Seeds
// (make_seeds.py) put each pattern of the case library in string 0;
// expectations.dict adds RE2 syntax.
//
// Caps: input at most 64 KiB; content repeated up to 64 times (at most
// 256 KiB, four times the window regexes used to see), so that searches
// over whole large contents are exercised while runs stay fast.
//
// Invariants: an alternative is met exactly when every one of its checks
// passed, and has one check per condition; `matches` and `not_matches` of a
// valid pattern disagree (unless content cut short, where `not_matches` never
// passes); what a check says it saw stays short whatever was received; a
// pattern's Search and Capture agree; a capture's value is the status, the
// combined field value, or a piece of the text its regex searched;
// ApplyCaptures sets exactly the captures before the first that found
// nothing, with their values.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "harness/core/case.h"
#include "harness/core/result.h"
#include "harness/pattern/pattern.h"
#include "harness/runner/captures.h"
#include "harness/runner/expectations.h"

namespace {

using namespace httpconform;

constexpr std::size_t kMaxInput = 64 * 1024;
constexpr std::size_t kControlBytes = 64;
constexpr std::size_t kStrings = 8;
constexpr std::size_t kMaxContent = 256 * 1024;

const char* const kNames[] = {"Content-Type", "ETag",    "Content-Range",    "Set-Cookie",
                              "Allow",        "Vary",    "Location",         "Date",
                              "Retry-After",  "Upgrade", "WWW-Authenticate", "Cookie"};
constexpr std::size_t kNameCount = sizeof(kNames) / sizeof(kNames[0]);
const int kStatuses[] = {100, 101, 200, 204, 206, 301, 304, 400,
                         404, 405, 412, 416, 426, 500, 503, 999};
const char* const kDiagnostics[] = {"line.bare-lf", "field.obs-fold", "message.incomplete", "*"};

struct Input {
  std::uint8_t control[kControlBytes] = {};
  std::string strings[kStrings];
  std::string content;
};

Input Split(const std::uint8_t* data, std::size_t size) {
  Input in;
  const std::size_t control = std::min(size, kControlBytes);
  std::copy(data, data + control, in.control);
  std::string_view rest(reinterpret_cast<const char*>(data) + control, size - control);
  for (std::string& s : in.strings) {
    const std::size_t nul = rest.find('\0');
    if (nul == std::string_view::npos) {
      s = std::string(rest);
      rest = {};
      break;
    }
    s = std::string(rest.substr(0, nul));
    rest.remove_prefix(nul + 1);
  }
  in.content = std::string(rest);
  return in;
}

// Hands out the control bytes in order, then zeros.
class Choices {
 public:
  explicit Choices(const Input& in) : in_(in) {}
  unsigned Next() { return next_ < kControlBytes ? in_.control[next_++] : 0; }
  const std::string& String(unsigned i) const { return in_.strings[i % kStrings]; }
  // A field name: one in eight is a string of the input, the rest real ones.
  std::string Name(unsigned b) const {
    return b % 8 == 7 ? String(4 + b / 8 % 4) : kNames[b / 8 % kNameCount];
  }

 private:
  const Input& in_;
  std::size_t next_ = 0;
};

std::size_t Conditions(const core::Expectation& e) {
  return (e.status.empty() ? 0 : 1) + e.headers.size() + e.content.size() + (e.interim ? 1 : 0) +
         (e.connection_closed ? 1 : 0) + e.diagnostics_present.size() +
         e.diagnostics_absent.size() + (e.response_before_content ? 1 : 0) +
         (e.no_response ? 1 : 0);
}

core::Expectation MakeExpectation(Choices& c) {
  using Op = core::HeaderCheck::Op;
  using Kind = core::ContentCheck::Kind;
  core::Expectation e;
  const unsigned shape = c.Next();
  if (shape & 1) e.status = {kStatuses[shape / 2 % 16], kStatuses[shape / 32 % 16]};
  for (int i = 0, n = static_cast<int>(c.Next() % 4); i < n; ++i) {
    const unsigned op = c.Next();
    core::HeaderCheck h;
    h.op = static_cast<Op>(op % 8);
    h.name = c.Name(c.Next());
    // Patterns for the regex ops, values (templates) for the others.
    h.value = (h.op == Op::kMatches || h.op == Op::kNotMatches) ? c.String(op / 8 % 4)
                                                                : c.String(4 + op / 8 % 4);
    h.count = static_cast<int>(op / 32 % 4);
    e.headers.push_back(std::move(h));
  }
  for (int i = 0, n = static_cast<int>(c.Next() % 3); i < n; ++i) {
    const unsigned kind = c.Next();
    const unsigned arg = c.Next();
    core::ContentCheck cc;
    cc.kind = static_cast<Kind>(kind % 9);
    cc.value = (cc.kind == Kind::kMatches || cc.kind == Kind::kNotMatches) ? c.String(kind / 16 % 4)
                                                                           : c.String(7);
    cc.size = arg;
    cc.step = arg & 0x80 ? 1 : 0;  // 1 names a step that does not exist.
    cc.first = std::to_string(arg % 16);
    cc.last = arg & 0x40 ? "${v}" : std::to_string(arg / 2 % 64);
    e.content.push_back(std::move(cc));
  }
  const unsigned more = c.Next();
  if (more & 1) e.interim = (more & 2) ? std::vector<int>{100} : std::vector<int>{};
  if (more & 4) e.connection_closed = (more & 8) != 0;
  if (more & 16) e.diagnostics_present = {kDiagnostics[more / 64 % 4]};
  if (more & 32) e.diagnostics_absent = {kDiagnostics[(more / 64 + 1) % 4]};
  if (more & 64) e.response_before_content = (more & 128) != 0;
  if ((more & 3) == 3) e.no_response = (more & 8) != 0;
  e.because = (more & 128) ? "because" : "";
  return e;
}

void CheckEvaluation(const core::Expectation& e, const runner::Evaluation& ev,
                     std::size_t longest_string) {
  bool all = true;
  for (const core::CheckResult& check : ev.checks) {
    all = all && check.passed;
    fuzz::Check(check.kind == "expect", "check kind is not the one asked for", check.kind);
    fuzz::Check(!check.name.empty() && !check.expected.empty(), "check without name or text",
                check.name, check.expected);
    // What a check saw is clipped (expectations.h): quoting a megabyte of
    // content or ten thousand field lines must not make it long.
    fuzz::CheckLazy(check.actual.size() <= 8192 + 2 * longest_string, "check says too much",
                    [&] { return check.actual.substr(0, 512); });
  }
  fuzz::Check(ev.met == all, "met disagrees with the checks");
  fuzz::Check(ev.checks.size() == Conditions(e), "not one check per condition");
}

// Whether an expectation holding only `yes`, and one holding only `no`, are
// met; `list` is the member they go in (headers or content).
template <typename Check>
std::pair<bool, bool> MetEach(std::vector<Check> core::Expectation::*list, Check yes, Check no,
                              const runner::StepView& view, const runner::VarLookup& vars) {
  core::Expectation a, b;
  (a.*list).push_back(std::move(yes));
  (b.*list).push_back(std::move(no));
  return {runner::Evaluate(a, view, vars, "expect").met,
          runner::Evaluate(b, view, vars, "expect").met};
}

// `matches` and `not_matches` of the same valid pattern never agree.
void CheckComplements(const core::Expectation& e, const runner::StepView& view,
                      const runner::VarLookup& vars) {
  const core::Response* r = view.step->response ? &*view.step->response : nullptr;
  if (r == nullptr) return;
  using Op = core::HeaderCheck::Op;
  using Kind = core::ContentCheck::Kind;
  for (const core::HeaderCheck& h : e.headers) {
    if ((h.op != Op::kMatches && h.op != Op::kNotMatches) || !pattern::Shared(h.value)) continue;
    core::HeaderCheck yes = h, no = h;
    yes.op = Op::kMatches;
    no.op = Op::kNotMatches;
    const auto [a, b] = MetEach(&core::Expectation::headers, yes, no, view, vars);
    fuzz::Check(a != b, "header matches and not_matches agree", h.name, h.value);
  }
  for (const core::ContentCheck& cc : e.content) {
    if ((cc.kind != Kind::kMatches && cc.kind != Kind::kNotMatches) || !pattern::Shared(cc.value)) {
      continue;
    }
    core::ContentCheck yes = cc, no = cc;
    yes.kind = Kind::kMatches;
    no.kind = Kind::kNotMatches;
    const auto [a, b] = MetEach(&core::Expectation::content, yes, no, view, vars);
    if (r->content_truncated) {
      fuzz::Check(!b, "not_matches passed on content cut short", cc.value);
    } else {
      fuzz::Check(a != b, "content matches and not_matches agree", cc.value);
    }
  }
}

void CheckCaptures(Choices& c, const core::Response* r) {
  using Source = core::Capture::Source;
  std::vector<core::Capture> captures;
  for (int i = 0, n = 1 + static_cast<int>(c.Next() % 4); i < n; ++i) {
    const unsigned source = c.Next();
    core::Capture cap;
    cap.var = "c" + std::to_string(i);
    cap.source = static_cast<Source>(source % 4);
    cap.regex = c.String(source / 4 % 4);
    cap.header = c.Name(c.Next());
    captures.push_back(std::move(cap));
  }
  std::vector<std::optional<std::string>> values;
  for (const core::Capture& cap : captures) {
    values.push_back(r != nullptr ? runner::CaptureValue(cap, *r) : std::nullopt);
    if (r == nullptr || !values.back()) continue;
    const std::string& v = *values.back();
    switch (cap.source) {
      case Source::kStatus:
        fuzz::Check(v == std::to_string(r->head.status), "status capture is not the status", v);
        break;
      case Source::kHeader:
        fuzz::Check(!core::FieldValues(r->head.fields, cap.header).empty(),
                    "header capture of an absent field", cap.header);
        break;
      case Source::kHeaderRegex: {
        const core::Field* f = core::FindField(r->head.fields, cap.header);
        fuzz::Check(f != nullptr && f->value.find(v) != std::string::npos,
                    "header regex capture is not in the field value", v, cap.regex);
        break;
      }
      case Source::kContentRegex:
        fuzz::Check(r->content.find(v) != std::string::npos,
                    "content regex capture is not in the content", v, cap.regex);
        break;
    }
  }
  std::map<std::string, std::string> set;
  const std::string missing =
      runner::ApplyCaptures(captures, r, [&](const std::string& name, const std::string& value) {
        fuzz::Check(set.emplace(name, value).second, "a capture was set twice", name);
      });
  std::size_t found = 0;
  while (found < values.size() && values[found]) ++found;
  fuzz::Check(missing == (found < captures.size() ? captures[found].var : ""),
              "ApplyCaptures names the wrong capture", missing);
  fuzz::Check(set.size() == found, "ApplyCaptures set the wrong number of variables");
  for (std::size_t i = 0; i < found; ++i) {
    fuzz::Check(set[captures[i].var] == *values[i], "ApplyCaptures set another value",
                captures[i].var);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return -1;
  const Input in = Split(data, size);
  Choices c(in);
  std::size_t longest = 0;
  for (const std::string& s : in.strings) longest = std::max(longest, s.size());

  // The response.
  const unsigned status = c.Next();
  const unsigned fields = c.Next();
  const unsigned flags = c.Next();
  const unsigned repeat = c.Next();
  core::StepResult step;
  if ((flags & 1) == 0) {
    core::Response r;
    r.head.version = "HTTP/1.1";
    r.head.status = kStatuses[status % 16];
    r.head.reason = c.String(status / 16);
    for (unsigned i = 0, n = fields % 8; i < n; ++i) {
      // Repeated names too: several field lines, combined values, counts.
      const unsigned at = c.Next();
      r.head.fields.push_back({c.Name(at), c.String(4 + at % 2)});
    }
    if (fields & 0x80) {
      for (int i = 0; i < 300; ++i) r.head.fields.push_back({"Set-Cookie", c.String(5)});
    }
    r.content = in.content;
    if ((flags & 64) && !in.content.empty()) {
      const std::size_t times =
          std::min<std::size_t>(1 + repeat % 64, kMaxContent / in.content.size());
      for (std::size_t i = 1; i < times; ++i) r.content += in.content;
    }
    r.content_size = r.content.size();
    if (flags & 2) {
      r.content_truncated = true;
      r.content_size += 1000;
    }
    if (flags & 16) r.interim.push_back(core::ResponseHead{"HTTP/1.1", 100, "Continue", {}, 0});
    if (flags & 32) r.diagnostics.push_back({"line.bare-lf", 3, "detail", false});
    r.complete = true;
    step.response = std::move(r);
  }
  step.connection_closed = (flags & 4) != 0;
  step.response_before_content = (flags & 8) != 0;

  std::vector<core::StepResult> earlier;
  if (flags & 128) {
    core::StepResult first;
    core::Response base;
    base.head.status = 200;
    base.content = c.String(6);
    base.content_size = base.content.size();
    base.complete = true;
    first.response = std::move(base);
    earlier.push_back(std::move(first));
  }
  const runner::StepView view{&step, &earlier};
  const std::map<std::string, std::string> var_values = {{"v", c.String(7)}};
  const runner::VarLookup vars = [&](const std::string& name) -> const std::string* {
    auto it = var_values.find(name);
    return it == var_values.end() ? nullptr : &it->second;
  };

  // The alternatives.
  const std::size_t alternatives = 1 + c.Next() % 3;
  for (std::size_t i = 0; i < alternatives; ++i) {
    const core::Expectation e = MakeExpectation(c);
    const runner::Evaluation ev = runner::Evaluate(e, view, vars, "expect");
    CheckEvaluation(e, ev, longest);
    const std::string described = runner::Describe(e, vars);
    fuzz::Check(!described.empty(), "empty description");
    fuzz::Check((described == "any response") == (Conditions(e) == 0),
                "\"any response\" for an expectation with conditions", described);
    (void)runner::AcceptsNoResponse(e);
    CheckComplements(e, view, vars);
  }
  const std::string observed = runner::DescribeObserved(step);
  fuzz::Check(!observed.empty() && observed.size() <= 1024, "observed description size", observed);

  // Patterns alone: Search and Capture agree, on the content and on a value.
  for (unsigned i = 0; i < 4; ++i) {
    auto p = pattern::Shared(c.String(i));
    if (!p) continue;
    for (std::string_view text : {std::string_view(in.content), std::string_view(c.String(4))}) {
      const bool found = (*p)->Search(text);
      const std::optional<std::string_view> captured = (*p)->Capture(text);
      fuzz::Check(found == captured.has_value(), "Search and Capture disagree", c.String(i));
    }
  }

  CheckCaptures(c, step.response ? &*step.response : nullptr);
  return 0;
}
