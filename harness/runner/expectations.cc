#include "harness/runner/expectations.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

#include "harness/core/message.h"
#include "harness/core/template.h"
#include "harness/pattern/pattern.h"
#include "harness/runner/origin_checks.h"

namespace httpconform::runner {
namespace {

using core::CheckResult;
using core::ContentCheck;
using core::HeaderCheck;

std::string Sub(const std::string& tmpl, const VarLookup& vars) {
  core::Expected<std::string> s = core::Substitute(tmpl, vars);
  return s ? *s : tmpl;
}

std::string JoinInts(const std::vector<int>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += std::to_string(v[i]);
  }
  return out;
}

// Printable text for a message: control bytes as \xHH, quotes escaped.
std::string Escape(std::string_view s, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > max) out += "...";
  return out;
}

std::string Quote(std::string_view s, std::size_t max = 120) {
  return "\"" + Escape(s, max) + "\"";
}

// The loader refuses invalid patterns; a case built otherwise says so.
bool RegexSearch(const std::string& pattern, std::string_view text, std::string* error) {
  auto compiled = pattern::Shared(pattern);
  if (!compiled) {
    *error = "invalid regex: " + compiled.error().message;
    return false;
  }
  return (*compiled)->Search(text);
}

// RFC 9110 §14.4: "bytes" SP first-pos "-" last-pos "/" ( complete-length
// / "*" ), each number 1 to 18 digits (so it fits in 64 bits); a length of
// "*" leaves `length` empty.
struct ContentRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::optional<std::uint64_t> length;
};

std::optional<ContentRange> ParseContentRange(std::string_view v) {
  constexpr std::string_view kUnit = "bytes ";
  if (v.substr(0, kUnit.size()) != kUnit) return std::nullopt;
  std::size_t i = kUnit.size();
  auto number = [&](std::uint64_t* out) {
    const std::size_t start = i;
    std::uint64_t n = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9' && i - start < 18) {
      n = n * 10 + static_cast<std::uint64_t>(v[i] - '0');
      ++i;
    }
    *out = n;
    return i > start && (i == v.size() || v[i] < '0' || v[i] > '9');
  };
  ContentRange r;
  if (!number(&r.first) || i == v.size() || v[i++] != '-') return std::nullopt;
  if (!number(&r.last) || i == v.size() || v[i++] != '/') return std::nullopt;
  if (v.substr(i) == "*") return r;
  std::uint64_t length = 0;
  if (!number(&length) || i != v.size()) return std::nullopt;
  r.length = length;
  return r;
}

const core::Response* ResponseOf(const StepView& view) {
  return view.step->response ? &*view.step->response : nullptr;
}

std::string HeaderCheckName(const HeaderCheck& h, const VarLookup& vars) {
  switch (h.op) {
    case HeaderCheck::Op::kPresent:
      return h.name + " present";
    case HeaderCheck::Op::kAbsent:
      return h.name + " absent";
    case HeaderCheck::Op::kEquals:
      return h.name + " = " + Quote(Sub(h.value, vars));
    case HeaderCheck::Op::kMatches:
      return h.name + " matches /" + h.value + "/";
    case HeaderCheck::Op::kNotMatches:
      return h.name + " does not match /" + h.value + "/";
    case HeaderCheck::Op::kListContains:
      return h.name + " lists " + Quote(Sub(h.value, vars));
    case HeaderCheck::Op::kListExcludes:
      return h.name + " does not list " + Quote(Sub(h.value, vars));
    case HeaderCheck::Op::kCount:
      return h.name + " appears " + std::to_string(h.count) + " time(s)";
  }
  return h.name;
}

// The values a header check saw, for its `actual`: at most kShownValues
// field lines, each quoted and clipped (Quote), so the text stays short
// whatever the server repeats.
constexpr std::size_t kShownValues = 8;

std::string ObservedHeader(const core::Fields& fields, const std::string& name) {
  std::vector<std::string> values = core::FieldValues(fields, name);
  if (values.empty()) return name + " absent";
  std::string out = name + ": ";
  for (std::size_t i = 0; i < values.size() && i < kShownValues; ++i) {
    if (i) out += ", ";
    out += Quote(values[i]);
  }
  if (values.size() > kShownValues) {
    out += ", ... (" + std::to_string(values.size()) + " field lines)";
  }
  return out;
}

}  // namespace

CheckResult CheckFields(const HeaderCheck& h, const core::Fields* fields, const VarLookup& vars,
                        const char* absent_as) {
  CheckResult c;
  c.name = "header " + h.name;
  c.expected = HeaderCheckName(h, vars);
  if (!fields) {
    c.actual = absent_as;
    return c;
  }
  const core::Fields& all = *fields;
  c.actual = ObservedHeader(all, h.name);
  const core::Field* f = core::FindField(all, h.name);
  switch (h.op) {
    case HeaderCheck::Op::kPresent:
      c.passed = f != nullptr;
      break;
    case HeaderCheck::Op::kAbsent:
      c.passed = f == nullptr;
      break;
    case HeaderCheck::Op::kEquals: {
      // Several field lines compare as their combined list value (RFC 9110 §5.3).
      std::vector<std::string> values = core::FieldValues(all, h.name);
      std::string combined;
      for (std::size_t i = 0; i < values.size(); ++i) combined += (i ? ", " : "") + values[i];
      c.passed = f != nullptr && combined == Sub(h.value, vars);
      break;
    }
    case HeaderCheck::Op::kMatches:
    case HeaderCheck::Op::kNotMatches: {
      std::string error;
      bool any = false;
      for (const std::string& v : core::FieldValues(all, h.name)) {
        if (RegexSearch(h.value, v, &error)) any = true;
      }
      c.passed = error.empty() && any == (h.op == HeaderCheck::Op::kMatches);
      if (!error.empty()) c.actual = error;
      break;
    }
    case HeaderCheck::Op::kListContains:
    case HeaderCheck::Op::kListExcludes: {
      std::string want = Sub(h.value, vars);
      bool found = false;
      for (const std::string& m : core::FieldListMembers(all, h.name)) {
        if (core::EqualsIgnoreCase(m, want)) found = true;
      }
      c.passed = (h.op == HeaderCheck::Op::kListContains) ? found : !found;
      break;
    }
    case HeaderCheck::Op::kCount: {
      int n = static_cast<int>(core::FieldValues(all, h.name).size());
      c.passed = n == h.count;
      c.actual = h.name + " appears " + std::to_string(n) + " time(s)";
      break;
    }
  }
  return c;
}

std::string DescribeFieldCheck(const HeaderCheck& h, const VarLookup& vars) {
  return HeaderCheckName(h, vars);
}

namespace {

CheckResult CheckHeader(const HeaderCheck& h, const core::Response* r, const VarLookup& vars) {
  return CheckFields(h, r ? &r->head.fields : nullptr, vars, "no response");
}

bool ParseOffset(const std::string& s, std::uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  *out = v;
  return true;
}

const std::string* EarlierContent(const StepView& view, int step) {
  if (!view.earlier || step < 0 || static_cast<std::size_t>(step) >= view.earlier->size()) {
    return nullptr;
  }
  const core::StepResult& s = (*view.earlier)[static_cast<std::size_t>(step)];
  return s.response ? &s.response->content : nullptr;
}

std::string ContentCheckName(const ContentCheck& cc, const VarLookup& vars) {
  switch (cc.kind) {
    case ContentCheck::Kind::kEmpty:
      return "content empty";
    case ContentCheck::Kind::kNonEmpty:
      return "content non-empty";
    case ContentCheck::Kind::kEquals:
      return "content = " + Quote(Sub(cc.value, vars), 60);
    case ContentCheck::Kind::kMatches:
      return "content matches /" + cc.value + "/";
    case ContentCheck::Kind::kNotMatches:
      return "content does not match /" + cc.value + "/";
    case ContentCheck::Kind::kSize:
      return "content of " + std::to_string(cc.size) + " bytes";
    case ContentCheck::Kind::kRangeOf:
      return "content = bytes " + Sub(cc.first, vars) + "-" + Sub(cc.last, vars) + " of step " +
             std::to_string(cc.step + 1) + "'s content";
    case ContentCheck::Kind::kSameAs:
      return "content same as step " + std::to_string(cc.step + 1) + "'s";
    case ContentCheck::Kind::kMatchesContentRange:
      return "Content-Range \"bytes F-L/LEN\" naming bytes of step " + std::to_string(cc.step + 1) +
             "'s content (LEN its size), and content equal to those bytes";
  }
  return "content";
}

CheckResult CheckContent(const ContentCheck& cc, const StepView& view, const VarLookup& vars) {
  CheckResult c;
  c.name = "content";
  c.expected = ContentCheckName(cc, vars);
  const core::Response* r = ResponseOf(view);
  if (!r) {
    c.actual = "no response";
    return c;
  }
  c.actual = std::to_string(r->content_size) + " bytes of content" +
             (r->content_size ? " " + Quote(r->content, 40) : "");
  switch (cc.kind) {
    case ContentCheck::Kind::kEmpty:
      c.passed = r->content_size == 0;
      break;
    case ContentCheck::Kind::kNonEmpty:
      c.passed = r->content_size > 0;
      break;
    case ContentCheck::Kind::kEquals:
      c.passed = !r->content_truncated && r->content == Sub(cc.value, vars);
      break;
    case ContentCheck::Kind::kMatches:
    case ContentCheck::Kind::kNotMatches: {
      std::string error;
      const bool found = RegexSearch(cc.value, r->content, &error);
      // Content cut short at the transport's cap may hold a match in the
      // part never kept: absence is not established.
      c.passed =
          error.empty() &&
          (cc.kind == ContentCheck::Kind::kMatches ? found : !found && !r->content_truncated);
      if (!error.empty()) {
        c.actual = error;
      } else if (!found && r->content_truncated) {
        c.actual += " (cut short: only the first " + std::to_string(r->content.size()) +
                    " bytes were kept)";
      }
      break;
    }
    case ContentCheck::Kind::kSize:
      c.passed = r->content_size == cc.size;
      break;
    case ContentCheck::Kind::kRangeOf: {
      const std::string* base = EarlierContent(view, cc.step);
      std::uint64_t first = 0, last = 0;
      if (!base || !ParseOffset(Sub(cc.first, vars), &first) ||
          !ParseOffset(Sub(cc.last, vars), &last) || last < first || first >= base->size()) {
        c.actual = "cannot take that range of step " + std::to_string(cc.step + 1) + "'s content";
        break;
      }
      std::size_t len =
          static_cast<std::size_t>(std::min<std::uint64_t>(last, base->size() - 1) - first + 1);
      c.passed = !r->content_truncated && r->content == base->substr(first, len);
      break;
    }
    case ContentCheck::Kind::kSameAs: {
      const std::string* base = EarlierContent(view, cc.step);
      c.passed = base && !r->content_truncated && r->content == *base;
      break;
    }
    case ContentCheck::Kind::kMatchesContentRange: {
      // RFC 9110 §14.4: Content-Range = range-unit SP ( range-resp / unsatisfied-range ),
      // range-resp = incl-range "/" ( complete-length / "*" ). A server may
      // send less than was asked for (§15.3.7), so the check is against what
      // the response says it sends, not what was requested.
      const std::string* base = EarlierContent(view, cc.step);
      std::vector<std::string> values = core::FieldValues(r->head.fields, "Content-Range");
      if (!base) {
        c.actual = "step " + std::to_string(cc.step + 1) + " has no content to compare with";
        break;
      }
      if (values.size() != 1) {
        c.actual = values.empty() ? "no Content-Range" : "several Content-Range fields";
        break;
      }
      std::optional<ContentRange> range = ParseContentRange(values[0]);
      if (!range) {
        c.actual = "Content-Range " + Quote(values[0]) + " is not bytes F-L/LEN";
        break;
      }
      const std::uint64_t first = range->first, last = range->last;
      if (range->length && *range->length != base->size()) {
        c.actual = "Content-Range " + Quote(values[0]) + " but the representation is " +
                   std::to_string(base->size()) + " bytes";
        break;
      }
      if (last < first || last >= base->size()) {
        c.actual = "Content-Range " + Quote(values[0]) + " is not within " +
                   std::to_string(base->size()) + " bytes";
        break;
      }
      std::string want =
          base->substr(static_cast<std::size_t>(first), static_cast<std::size_t>(last - first + 1));
      c.passed = !r->content_truncated && r->content == want;
      if (!c.passed) {
        c.actual = "Content-Range " + Quote(values[0]) + " but content " + Quote(r->content, 40) +
                   " differs from those bytes " + Quote(want, 40);
      }
      break;
    }
  }
  return c;
}

// A content check that needs every byte cannot be decided on a part of
// them: neither a pass nor a fail would be true. Returns why, when the
// content it looks at (this response's, or the earlier step's it compares
// with) was kept only in part; empty when the check can be decided. Sizes
// (and empty/non-empty) count every byte received, kept or not.
// `passed` is what the check said; `*whose` says whose content it was
// (Evaluation::undecided_step).
std::string UndecidableOnPart(const ContentCheck& cc, const StepView& view, const VarLookup& vars,
                              bool passed, int* whose) {
  *whose = -1;
  auto part = [](const core::Response* r, const std::string& whose) -> std::string {
    if (!r || !r->content_truncated) return "";
    return "only the first " + std::to_string(r->content.size()) + " of " + whose + " " +
           std::to_string(r->content_size) + " bytes of content were kept";
  };
  switch (cc.kind) {
    case ContentCheck::Kind::kEmpty:
    case ContentCheck::Kind::kNonEmpty:
    case ContentCheck::Kind::kSize:
      return "";
    case ContentCheck::Kind::kEquals: {
      // A size or a kept byte that differs settles it: a true fail.
      const core::Response* r = ResponseOf(view);
      const std::string want = Sub(cc.value, vars);
      if (r && (r->content_size != want.size() || want.compare(0, r->content.size(), r->content))) {
        return "";
      }
      return part(r, "its");
    }
    case ContentCheck::Kind::kMatches:
      if (passed) return "";  // A match in the part kept is a match.
      return part(ResponseOf(view), "its");
    case ContentCheck::Kind::kNotMatches:
      return part(ResponseOf(view), "its");
    case ContentCheck::Kind::kRangeOf:
    case ContentCheck::Kind::kSameAs:
    case ContentCheck::Kind::kMatchesContentRange: {
      std::string why = part(ResponseOf(view), "its");
      if (why.empty() && view.earlier && cc.step >= 0 &&
          static_cast<std::size_t>(cc.step) < view.earlier->size()) {
        const core::StepResult& base = (*view.earlier)[static_cast<std::size_t>(cc.step)];
        why = part(base.response ? &*base.response : nullptr,
                   "step " + std::to_string(cc.step + 1) + "'s");
        if (!why.empty()) *whose = cc.step;
      }
      return why;
    }
  }
  return "";
}

}  // namespace

bool AcceptsNoResponse(const core::Expectation& e) {
  return (e.no_response && *e.no_response) ||
         (e.connection_closed && *e.connection_closed && e.status.empty() && e.headers.empty() &&
          e.content.empty() && !e.interim);
}

Evaluation Evaluate(const core::Expectation& e, const StepView& view, const VarLookup& vars,
                    const std::string& kind) {
  Evaluation ev;
  const core::Response* r = ResponseOf(view);
  std::size_t failed = 0;
  std::size_t undecided = 0;
  auto add = [&](CheckResult c) {
    c.kind = kind;
    if (!c.passed) {
      ev.met = false;
      ++failed;
    }
    ev.checks.push_back(std::move(c));
  };
  if (!e.status.empty()) {
    CheckResult c;
    c.name = "status";
    c.expected = "status " + JoinInts(e.status, " or ");
    if (r && r->head.version.empty()) {
      c.actual = "no status line";  // Bytes, or only interim responses: no final status.
    } else if (r) {
      c.actual = "status " + std::to_string(r->head.status);
      c.passed = std::find(e.status.begin(), e.status.end(), r->head.status) != e.status.end();
    } else {
      c.actual = "no response";
    }
    add(std::move(c));
  }
  for (const HeaderCheck& h : e.headers) add(CheckHeader(h, r, vars));
  for (const ContentCheck& cc : e.content) {
    CheckResult c = CheckContent(cc, view, vars);
    int whose = -1;
    const std::string why = UndecidableOnPart(cc, view, vars, c.passed, &whose);
    if (!why.empty()) {
      c.passed = false;
      c.actual = "cannot tell: " + why;
      if (ev.undecided.empty()) {
        ev.undecided = "cannot check " + c.expected + ": " + why;
        ev.undecided_step = whose;
      }
      ++undecided;
    }
    add(std::move(c));
  }
  if (e.interim) {
    CheckResult c;
    c.name = "interim";
    c.expected = e.interim->empty() ? "no interim response"
                                    : "interim " + JoinInts(*e.interim, ", ") + " before the final";
    if (r) {
      std::vector<int> seen;
      for (const core::ResponseHead& h : r->interim) seen.push_back(h.status);
      c.actual = seen.empty() ? "no interim response" : "interim " + JoinInts(seen, ", ");
      c.passed = seen == *e.interim;
    } else {
      c.actual = "no response";
    }
    add(std::move(c));
  }
  if (e.connection_closed) {
    CheckResult c;
    c.name = "connection";
    c.expected = *e.connection_closed ? "connection closed by the server" : "connection kept open";
    c.actual =
        view.step->connection_closed ? "connection closed by the server" : "connection kept open";
    c.passed = view.step->connection_closed == *e.connection_closed;
    add(std::move(c));
  }
  for (const std::string& id : e.diagnostics_present) {
    CheckResult c;
    c.name = "diagnostic " + id;
    c.expected = "wire diagnostic " + id;
    c.passed = r && core::FindDiagnostic(r->diagnostics, id) != nullptr;
    c.actual = c.passed ? "present" : (r ? "absent" : "no response");
    add(std::move(c));
  }
  for (const std::string& id : e.diagnostics_absent) {
    CheckResult c;
    c.name = "diagnostic " + id;
    c.expected = id == "*" ? "a well-formed message (no wire diagnostic)" : "no diagnostic " + id;
    if (!r) {
      c.actual = "no response";
    } else if (id == "*") {
      c.passed = r->diagnostics.empty();
      c.actual = c.passed ? "well-formed"
                          : r->diagnostics.front().id + " at byte " +
                                std::to_string(r->diagnostics.front().offset);
    } else {
      const core::Diagnostic* d = core::FindDiagnostic(r->diagnostics, id);
      c.passed = d == nullptr;
      c.actual = d ? id + " at byte " + std::to_string(d->offset) : "absent";
    }
    add(std::move(c));
  }
  if (e.response_before_content) {
    CheckResult c;
    c.name = "response before content";
    c.expected = *e.response_before_content ? "a response before the content was sent"
                                            : "no response before the content was sent";
    c.passed = view.step->response_before_content == *e.response_before_content;
    c.actual = view.step->response_before_content
                   ? "a response arrived before the content was sent"
                   : "no response arrived before the content was sent";
    add(std::move(c));
  }
  if (e.origin_received) {
    for (CheckResult& c : CheckOrigin(*e.origin_received, *view.step, vars)) add(std::move(c));
  }
  if (e.no_response) {
    CheckResult c;
    c.name = "no response";
    c.expected = *e.no_response ? "no response at all" : "a response";
    c.passed = (r == nullptr) == *e.no_response;
    c.actual = !r ? "no response"
               : r->head.version.empty()
                   ? "bytes that are no response (no status line)"
                   : "a response (status " + std::to_string(r->head.status) + ")";
    add(std::move(c));
  }
  // Another check failed outright: the alternative is unmet whatever the
  // undecided one would have said.
  if (failed > undecided) ev.undecided.clear();
  return ev;
}

std::size_t ClosestAlternative(const std::vector<Evaluation>& evaluations,
                               const std::string& ignore) {
  std::size_t best = 0;
  std::pair<int, int> best_key{3, 0};  // (status unmet?, unmet checks): lower is closer.
  for (std::size_t i = 0; i < evaluations.size(); ++i) {
    int status_unmet = 0, unmet = 0;
    for (const CheckResult& c : evaluations[i].checks) {
      if (c.passed || c.name == ignore) continue;
      ++unmet;
      if (c.name == "status") status_unmet = 1;
    }
    const std::pair<int, int> key{status_unmet, unmet};
    if (key < best_key) {
      best = i;
      best_key = key;
    }
  }
  return best;
}

std::string Describe(const core::Expectation& e, const VarLookup& vars) {
  std::vector<std::string> parts;
  if (!e.status.empty()) parts.push_back("status " + JoinInts(e.status, " or "));
  for (const HeaderCheck& h : e.headers) parts.push_back(HeaderCheckName(h, vars));
  for (const ContentCheck& cc : e.content) parts.push_back(ContentCheckName(cc, vars));
  if (e.interim) {
    parts.push_back(e.interim->empty() ? "no interim response"
                                       : "interim " + JoinInts(*e.interim, ", "));
  }
  if (e.connection_closed) {
    parts.push_back(*e.connection_closed ? "connection closed" : "connection kept open");
  }
  for (const std::string& id : e.diagnostics_present) parts.push_back("diagnostic " + id);
  for (const std::string& id : e.diagnostics_absent) {
    parts.push_back(id == "*" ? "well-formed message" : "no diagnostic " + id);
  }
  if (e.response_before_content) {
    parts.push_back(*e.response_before_content ? "response before content"
                                               : "no response before content");
  }
  if (e.no_response) parts.push_back(*e.no_response ? "no response" : "a response");
  if (e.origin_received) parts.push_back(DescribeOrigin(*e.origin_received, vars));
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out.empty() ? "any response" : out;
}

std::string DescribeObserved(const core::StepResult& step) {
  if (!step.response) {
    if (!step.error.empty()) return step.error;
    return step.connection_closed ? "connection closed without a response" : "no response";
  }
  const core::Response& r = *step.response;
  if (r.head.version.empty() && r.interim.empty()) {
    // Not a response: no status line arrived (RFC 9112 §4).
    std::string s = "no status line in " + std::to_string(step.received.size()) + " bytes received";
    // The diagnostic that stopped the parser says most.
    auto fatal = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                              [](const core::Diagnostic& d) { return d.fatal; });
    if (fatal != r.diagnostics.end()) s += "; wire: " + fatal->id;
    if (step.connection_closed) s += "; connection closed";
    return s;
  }
  std::ostringstream out;
  if (!r.interim.empty()) {
    out << "interim";
    for (const core::ResponseHead& h : r.interim) out << ' ' << h.status;
    out << "; ";
  }
  out << "status " << r.head.status;
  if (!r.head.reason.empty()) out << ' ' << Escape(r.head.reason, 60);
  std::string s = out.str();
  s += "; " + std::to_string(r.content_size) + " bytes of content";
  if (!r.diagnostics.empty()) s += "; wire: " + r.diagnostics.front().id;
  if (step.connection_closed) s += "; connection closed";
  return s;
}

}  // namespace httpconform::runner
