#include "harness/cli/replay_compare.h"

#include "harness/cli/console.h"
#include "reports/redact.h"
#include "reports/report.h"

namespace httpconform::cli {
namespace {

std::string Quoted(const std::string& s) { return "\"" + PrintableForTerminal(s) + "\""; }

// A field's values joined as a list, or "(absent)".
std::string FieldText(const core::Fields& fields, const std::string& name) {
  const std::vector<std::string> values = core::FieldValues(fields, name);
  if (values.empty()) return "(absent)";
  std::string joined;
  for (const std::string& v : values) joined += (joined.empty() ? "" : ", ") + v;
  return PrintableForTerminal(joined);
}

// The first line where two byte strings differ, for a one-line summary.
std::string FirstDifferentLine(const std::string& now, const std::string& then) {
  std::size_t begin = 0;
  while (begin < now.size() && begin < then.size()) {
    const std::size_t a = now.find('\n', begin), b = then.find('\n', begin);
    std::string la = now.substr(begin, a == std::string::npos ? a : a - begin);
    std::string lb = then.substr(begin, b == std::string::npos ? b : b - begin);
    if (la != lb || a == std::string::npos || b == std::string::npos) {
      for (std::string* line : {&la, &lb}) {
        if (!line->empty() && line->back() == '\r') line->pop_back();
      }
      return Quoted(la) + ", recorded " + Quoted(lb);
    }
    begin = a + 1;
  }
  return now.size() > then.size() ? "longer than recorded" : "shorter than recorded";
}

// Status, key fields, content (size, then digest: the report keeps only a
// preview of the recorded content).
void CompareResponses(const std::string& label, const core::Response& then,
                      const core::Response& now, std::vector<std::string>* out) {
  if (now.head.status != then.head.status) {
    out->push_back(label + "status " + std::to_string(now.head.status) + ", recorded " +
                   std::to_string(then.head.status));
  }
  for (const std::string& name : ComparedFields()) {
    const std::string x = FieldText(now.head.fields, name), y = FieldText(then.head.fields, name);
    if (x != y) out->push_back(label + name + " " + x + ", recorded " + y);
  }
  const std::string digest = reports::ContentSha256(now.content);
  const std::string recorded_digest =
      then.content_sha256.empty() ? reports::ContentSha256(then.content) : then.content_sha256;
  if (now.content_size != then.content_size) {
    out->push_back(label + "content " + std::to_string(now.content_size) + " bytes, recorded " +
                   std::to_string(then.content_size));
  } else if (digest != recorded_digest) {
    out->push_back(label + "content differs (same size, SHA-256 " + digest.substr(0, 12) +
                   "..., recorded " + recorded_digest.substr(0, 12) + "...)");
  }
}

void CompareSteps(const std::string& label, const core::StepResult& then,
                  const core::StepResult& now, std::vector<std::string>* out) {
  // The report holds redacted bytes: compare like with like.
  const std::string sent = reports::RedactRawBytes(now.request.bytes);
  if (sent != then.request.bytes) {
    out->push_back(label + "request differs: " + FirstDifferentLine(sent, then.request.bytes));
  }
  if (!now.response || !then.response) {
    if (now.response || then.response) {
      out->push_back(label + (now.response ? "a response now" : "no response now") + ", recorded " +
                     (then.response ? std::to_string(then.response->head.status) : "none"));
    }
  } else {
    CompareResponses(label, *then.response, *now.response, out);
  }
  if (now.connection_closed != then.connection_closed) {
    out->push_back(label + "connection " + (now.connection_closed ? "closed" : "open") +
                   ", recorded " + (then.connection_closed ? "closed" : "open"));
  }
}

}  // namespace

const std::vector<std::string>& ComparedFields() {
  static const std::vector<std::string> kFields = {"Content-Type",
                                                   "Content-Length",
                                                   "Content-Range",
                                                   "Content-Encoding",
                                                   "Transfer-Encoding",
                                                   "ETag",
                                                   "Last-Modified",
                                                   "Location",
                                                   "Allow",
                                                   "Vary",
                                                   "Accept-Ranges",
                                                   "WWW-Authenticate",
                                                   "Cache-Control",
                                                   "Upgrade"};
  return kFields;
}

std::vector<std::string> CompareExchanges(const core::CaseResult& recorded,
                                          const core::CaseResult& fresh) {
  std::vector<std::string> out;
  const std::size_t n = std::max(recorded.steps.size(), fresh.steps.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string label = "step " + std::to_string(i + 1) + ": ";
    if (i >= fresh.steps.size()) {
      out.push_back(label + "recorded, not reached now");
    } else if (i >= recorded.steps.size()) {
      out.push_back(label + "reached now, not in the recorded run");
    } else {
      CompareSteps(label, recorded.steps[i], fresh.steps[i], &out);
    }
  }
  return out;
}

}  // namespace httpconform::cli
