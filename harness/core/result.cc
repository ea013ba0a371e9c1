#include "harness/core/result.h"

namespace httpconform::core {

std::string PassiveFinding::Sections() const {
  std::string out = rfc_section;
  // "RFC 9110 §10.2.1" -> "RFC 9110 ".
  auto rfc_of = [](const std::string& s) { return s.substr(0, s.find("\xC2\xA7")); };
  std::string rfc = rfc_of(rfc_section);
  for (const std::string& s : also_sections) {
    const std::string this_rfc = rfc_of(s);
    out += this_rfc == rfc && !rfc.empty() ? ", " + s.substr(rfc.size()) : "; " + s;
    rfc = this_rfc;
  }
  return out;
}

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kSkip:
      return "skip";
    case Outcome::kError:
      return "error";
  }
  return "error";
}

CaseResult ResultFor(const Case& c) {
  CaseResult r;
  r.id = c.id;
  r.title = c.title;
  r.file = c.file;
  r.line = c.line;
  r.spec = c.spec;
  r.codes = c.codes;
  r.tags = c.tags;
  for (const Dependency& d : c.after) r.after.push_back(d.id);
  r.pulled_in_by = c.pulled_in_by;
  return r;
}

Summary Summarize(const RunResult& run) {
  Summary s;
  for (const CaseResult& r : run.results) {
    ++s.total;
    switch (r.outcome) {
      case Outcome::kPass:
        ++s.pass;
        break;
      case Outcome::kFail:
        ++s.fail;
        break;
      case Outcome::kSkip:
        ++s.skip;
        break;
      case Outcome::kError:
        ++s.error;
        break;
    }
  }
  return s;
}

}  // namespace httpconform::core
