// Redaction of credential fields in structured fields and raw bytes.
//
// Raw bytes are scanned without parsing HTTP: a line (after CR or LF, or at
// the start) that begins with a credential field name, optional whitespace
// and ':' has the rest of the line replaced, and so have the obs-fold
// continuation lines that follow it (RFC 9112 §5.2: a line starting with SP
// or HTAB continues the previous field value). Matching anywhere, not only
// inside a header section, errs on the side of hiding: a content line that
// looks like "Cookie: x" loses its value too, which costs nothing, whereas a
// parser that a malformed message confuses could leak a value. CR and LF
// both count as line ends for the same reason (a server may use bare CR).
// Bounds: one forward pass over the bytes, no recursion, output at most the
// input plus the "[redacted]" markers; messages are rewritten in one pass too.
#include "reports/redact.h"

#include <utility>
#include <vector>

namespace httpconform::reports {
namespace {

constexpr std::string_view kCredentialFields[] = {"authorization", "proxy-authorization", "cookie",
                                                  "set-cookie"};

bool IsLineEnd(char c) { return c == '\r' || c == '\n'; }

// Length of a credential field name plus optional whitespace and the colon
// at bytes[pos], or 0 when the line there is no credential field line.
std::size_t CredentialPrefix(std::string_view bytes, std::size_t pos) {
  for (std::string_view name : kCredentialFields) {
    if (bytes.size() - pos < name.size() ||
        !core::EqualsIgnoreCase(bytes.substr(pos, name.size()), name)) {
      continue;
    }
    std::size_t i = pos + name.size();
    // Whitespace before the colon is invalid (RFC 9112 §5.1) but some
    // cases send it on purpose; redact those lines all the same.
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t')) ++i;
    if (i < bytes.size() && bytes[i] == ':') return i + 1 - pos;
  }
  return 0;
}

// Appends bytes[pos..line end) to *out with the value replaced (leading
// whitespace kept); returns the line end.
std::size_t RedactValue(std::string_view bytes, std::size_t pos, std::string* out) {
  while (pos < bytes.size() && (bytes[pos] == ' ' || bytes[pos] == '\t'))
    out->push_back(bytes[pos++]);
  std::size_t end = pos;
  while (end < bytes.size() && !IsLineEnd(bytes[end])) ++end;
  if (end > pos) *out += kRedacted;
  return end;
}

}  // namespace

bool IsCredentialField(std::string_view name) {
  for (std::string_view n : kCredentialFields) {
    if (core::EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

std::string RedactRawBytes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  bool in_credential = false;  // The previous line was a credential field line.
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    // At the start of a line.
    const std::size_t prefix = CredentialPrefix(bytes, pos);
    if (prefix > 0) {
      out.append(bytes.substr(pos, prefix));
      pos = RedactValue(bytes, pos + prefix, &out);
      in_credential = true;
    } else if (in_credential && (bytes[pos] == ' ' || bytes[pos] == '\t')) {
      pos = RedactValue(bytes, pos, &out);  // obs-fold continuation.
    } else {
      in_credential = false;
      while (pos < bytes.size() && !IsLineEnd(bytes[pos])) out.push_back(bytes[pos++]);
    }
    // The line ending itself; "\r\n" counts as one, so a CRLF does not
    // produce an empty line that would end an obs-fold run.
    if (pos < bytes.size() && bytes[pos] == '\r') out.push_back(bytes[pos++]);
    if (pos < bytes.size() && bytes[pos] == '\n') out.push_back(bytes[pos++]);
  }
  return out;
}

core::Fields RedactFields(core::Fields fields) {
  for (core::Field& f : fields) {
    if (IsCredentialField(f.name) && !f.value.empty()) f.value = kRedacted;
  }
  return fields;
}

namespace {

// One pass that builds the result, so the cost is linear in the text however
// many times `what` occurs (replacing in place would move the rest of the
// text once per occurrence).
void ReplaceAll(std::string* text, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  std::string out;
  std::size_t from = 0;
  for (std::size_t pos = text->find(what); pos != std::string::npos; pos = text->find(what, from)) {
    out.append(*text, from, pos - from);
    out += with;
    from = pos + what.size();
  }
  if (from == 0) return;
  out.append(*text, from, std::string::npos);
  *text = std::move(out);
}

// The values of the credential field lines in raw bytes.
std::vector<std::string> CredentialValues(std::string_view bytes) {
  std::vector<std::string> values;
  for (std::size_t pos = 0; pos < bytes.size();) {
    std::size_t end = pos;
    while (end < bytes.size() && !IsLineEnd(bytes[end])) ++end;
    if (const std::size_t prefix = CredentialPrefix(bytes, pos)) {
      values.emplace_back(bytes.substr(pos + prefix, end - pos - prefix));
    }
    pos = end + 1;
  }
  return values;
}

}  // namespace

core::CaseResult RedactCase(core::CaseResult result) {
  // A variable that went into a credential field is a credential too.
  std::vector<std::string> secrets;
  for (const core::StepResult& s : result.steps) {
    for (const core::Field& f : s.request.headers) {
      if (IsCredentialField(f.name)) secrets.push_back(f.value);
    }
    for (std::string& v : CredentialValues(s.request.bytes)) secrets.push_back(std::move(v));
  }
  for (auto& [name, value] : result.vars) {
    for (const std::string& secret : secrets) {
      if (!value.empty() && secret.find(value) != std::string::npos) value = kRedacted;
    }
  }
  // A header check on a credential field shows the values it saw, as
  // `Name: "v1", "v2"` (runner/expectations.cc); hide them there and
  // wherever the case's summary repeats that text.
  for (core::StepResult& s : result.steps) {
    for (core::CheckResult& c : s.checks) {
      const std::string prefix = "header ";
      if (c.name.rfind(prefix, 0) != 0) continue;
      const std::string field = c.name.substr(prefix.size());
      if (!IsCredentialField(field)) continue;
      const std::string seen = field + ": ";
      if (c.actual.rfind(seen, 0) != 0 || c.actual.size() == seen.size()) continue;
      const std::string hidden = seen + kRedacted;
      if (c.actual == hidden) continue;
      ReplaceAll(&result.actual, c.actual, hidden);
      ReplaceAll(&result.reason, c.actual, hidden);
      c.actual = hidden;
    }
  }
  for (core::StepResult& s : result.steps) {
    s.request.headers = RedactFields(std::move(s.request.headers));
    s.request.bytes = RedactRawBytes(s.request.bytes);
    s.received = RedactRawBytes(s.received);
    if (s.response) {
      for (core::ResponseHead& h : s.response->interim)
        h.fields = RedactFields(std::move(h.fields));
      s.response->head.fields = RedactFields(std::move(s.response->head.fields));
      s.response->trailers = RedactFields(std::move(s.response->trailers));
    }
  }
  return result;
}

core::RunResult RedactRun(core::RunResult run) {
  for (core::CaseResult& r : run.results) {
    r = RedactCase(std::move(r));
    for (const auto& [name, value] : r.vars) {
      auto given = run.settings.vars.find(name);
      if (value == kRedacted && given != run.settings.vars.end()) given->second = kRedacted;
    }
  }
  return run;
}

}  // namespace httpconform::reports
