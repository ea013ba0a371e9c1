#include "harness/runner/passive_rules.h"

#include <ctime>
#include <optional>
#include <string>

#include "harness/core/http_date.h"
#include "harness/core/status_registry.h"
#include "harness/core/status_rule_ids.h"

namespace httpconform::runner {
namespace {

using core::PassiveFinding;
using core::Response;
using core::ResponseHead;

// Diagnostics that say more about our limits or the connection than about the
// server's syntax are not passive findings: a cap we set, or a stream cut
// short (the case itself reports incomplete responses as errors).
// HTTP/2 diagnostics (wire/h2_response_check.h) are not RFC 9112 syntax:
// wire.well-formed, which quotes RFC 9112 §2.1, does not judge them; they stay
// on the response for cases and reports.
bool IsSenderSyntaxDiagnostic(const std::string& id) {
  return id.rfind("h2.", 0) != 0 && id != "message.incomplete" && id.rfind("head.too-", 0) != 0 &&
         id != "line.too-long" && id != "interim.too-many";
}

void Add(std::vector<PassiveFinding>* out, const std::string& rule_id, int status, int step,
         const std::string& message) {
  const core::StatusRule* rule = core::FindStatusRule(rule_id);
  PassiveFinding f;
  f.rule = rule_id;
  f.level = rule ? rule->level : core::Level::kMust;
  f.rfc_section = rule ? rule->section : "";
  if (rule) {
    for (const core::RuleStatement& s : rule->also_stated) f.also_sections.push_back(s.section);
  }
  f.status = status;
  f.step = step;
  f.message = message;
  out->push_back(std::move(f));
}

// "websocket", "h2c" from "WebSocket", "HTTP/2.0": names compare
// case-insensitively and without the version (RFC 9110 §7.8).
std::string ProtocolName(const std::string& member) {
  std::string name = member.substr(0, member.find('/'));
  for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return name;
}

bool Has(const ResponseHead& h, const char* name) { return core::FindField(h.fields, name); }

// A server's text in a finding: at most 64 bytes of it.
std::string Clip(const std::string& text) {
  return text.size() <= 64 ? text : text.substr(0, 64) + "...";
}

void CheckHead(const ResponseHead& h, bool final_response, const Response& r,
               const RequestFacts& req, int step, std::vector<PassiveFinding>* out) {
  const int s = h.status;
  const std::string code = std::to_string(s);
  if (s < 100 || s > 599) {
    Add(out, core::rule_ids::kStatusRange, s, step, "status code " + code + " is outside 100..599");
    return;
  }
  // §8.6, RFC 9112 §6.1: 1xx and 204 are framed by their header section alone.
  if ((s < 200 || s == 204) && Has(h, "Content-Length")) {
    Add(out, core::rule_ids::kContentLength1xx204, s, step,
        "a " + code + " response with Content-Length");
  }
  if ((s < 200 || s == 204) && Has(h, "Transfer-Encoding")) {
    Add(out, core::rule_ids::kTransferEncoding1xx204, s, step,
        "a " + code + " response with Transfer-Encoding");
  }
  // §15.5, §15.6: an error response explains itself, except to HEAD. Only a
  // complete response with zero content is evidence of a missing explanation.
  if (final_response && s >= 400 && !req.head && r.complete && r.content_size == 0) {
    Add(out, s < 500 ? core::rule_ids::k4xxExplanation : core::rule_ids::k5xxExplanation, s, step,
        "a " + code + " response without content explaining the error");
  }
  if (s >= 200 && s < 500 && !Has(h, "Date")) {
    Add(out, core::rule_ids::kDateOrigin, s, step,
        "a " + code + " response without a Date header field");
  }
  // §8.8.2.1: Last-Modified is never later than the Date it is sent with.
  // Both must be single valid HTTP-dates: an invalid or repeated one is a
  // syntax matter, not a comparison this rule can make.
  if (core::FieldValues(h.fields, "Date").size() == 1 &&
      core::FieldValues(h.fields, "Last-Modified").size() == 1) {
    const std::string& date = core::FindField(h.fields, "Date")->value;
    const std::string& modified = core::FindField(h.fields, "Last-Modified")->value;
    std::optional<std::time_t> d = core::ParseHttpDate(date);
    std::optional<std::time_t> m = core::ParseHttpDate(modified);
    if (d && m && *m > *d) {
      Add(out, core::rule_ids::kLastModifiedNotAfterDate, s, step,
          "Last-Modified \"" + Clip(modified) + "\" is later than Date \"" + Clip(date) + "\"");
    }
  }
  switch (s) {
    case 101: {
      if (!Has(h, "Upgrade")) {
        Add(out, core::rule_ids::k101Upgrade, s, step, "101 without an Upgrade field");
        break;
      }
      // §7.8: only protocols the client offered may be switched to. One
      // finding names the first other one, however many the server lists.
      for (const std::string& member : core::FieldListMembers(h.fields, "Upgrade")) {
        std::string name = ProtocolName(member);
        bool offered = false;
        for (const std::string& o : req.upgrade_offered) offered = offered || o == name;
        if (!offered) {
          Add(out, core::rule_ids::k101Unsolicited, s, step,
              "101 switches to \"" + Clip(member) +
                  "\", which the request did not offer in Upgrade");
          break;
        }
      }
      break;
    }
    case 206: {
      // Multiple parts carry their Content-Range inside each part (§15.3.7.2).
      const core::Field* ct = core::FindField(h.fields, "Content-Type");
      bool multipart = ct && ct->value.find("multipart/byteranges") != std::string::npos;
      if (!multipart && !Has(h, "Content-Range")) {
        Add(out, core::rule_ids::k206ContentRange, s, step,
            "single-part 206 without a Content-Range field");
      }
      break;
    }
    case 301:
    case 308:
      if (!Has(h, "Location"))
        Add(out, core::rule_ids::k3xxLocationPermanent, s, step, code + " without Location");
      break;
    case 302:
    case 307:
      if (!Has(h, "Location"))
        Add(out, core::rule_ids::k3xxLocationTemporary, s, step, code + " without Location");
      break;
    case 401:
      if (!Has(h, "WWW-Authenticate")) {
        Add(out, core::rule_ids::k401WwwAuthenticate, s, step,
            "401 without a WWW-Authenticate challenge");
      }
      break;
    case 405:
      if (!Has(h, "Allow"))
        Add(out, core::rule_ids::k405Allow, s, step, "405 without an Allow field");
      break;
    case 407:
      if (!Has(h, "Proxy-Authenticate")) {
        Add(out, core::rule_ids::k407ProxyAuthenticate, s, step,
            "407 without a Proxy-Authenticate challenge");
      }
      break;
    case 416:
      if (req.had_range && !Has(h, "Content-Range")) {
        Add(out, core::rule_ids::k416ContentRange, s, step,
            "416 to a byte-range request without Content-Range: bytes */LENGTH");
      }
      break;
    case 426:
      if (!Has(h, "Upgrade"))
        Add(out, core::rule_ids::k426Upgrade, s, step, "426 without an Upgrade field");
      break;
    case 429:
      if (!Has(h, "Retry-After"))
        Add(out, core::rule_ids::k429RetryAfter, s, step, "429 without Retry-After");
      break;
    case 503:
      if (!Has(h, "Retry-After"))
        Add(out, core::rule_ids::k503RetryAfter, s, step, "503 without Retry-After");
      break;
    default:
      break;
  }
  if (final_response && (s == 204 || s == 304 || s == 205) && r.content_size > 0) {
    Add(out, core::rule_ids::NoContentRule(s), s, step,
        code + " response with " + std::to_string(r.content_size) + " bytes of content");
  }
}

}  // namespace

std::vector<std::string> OfferedProtocols(const core::Fields& fields) {
  std::vector<std::string> out;
  for (const std::string& m : core::FieldListMembers(fields, "Upgrade"))
    out.push_back(ProtocolName(m));
  return out;
}

bool HasStatusLine(const Response& response) {
  return !response.head.version.empty() || !response.interim.empty();
}

std::vector<PassiveFinding> CheckPassiveRules(const Response& response, const RequestFacts& request,
                                              int step) {
  std::vector<PassiveFinding> out;
  // Bytes without a status line are no response: no status code, no rule.
  if (!HasStatusLine(response)) return out;
  for (const ResponseHead& h : response.interim) CheckHead(h, false, response, request, step, &out);
  // No final status line arrived (the stream ended or broke after the
  // interim ones): there is no final status code to hold to its rules.
  const bool final_head = !response.head.version.empty();
  if (final_head) CheckHead(response.head, true, response, request, step, &out);
  // Wire diagnostics belong to the last status line that arrived.
  const int status = final_head || response.interim.empty() ? response.head.status
                                                            : response.interim.back().status;
  for (const core::Diagnostic& d : response.diagnostics) {
    if (d.id == "message.content-not-allowed") {
      // Found in front of this response, it belongs to the one before it.
      int s = request.stray_after_status != 0 ? request.stray_after_status : status;
      const char* no_content = core::rule_ids::NoContentRule(s);
      std::string rule = no_content ? no_content : core::rule_ids::kWireWellFormed;
      Add(&out, rule, s, step,
          "content bytes after a response that cannot have content (byte " +
              std::to_string(d.offset) + (d.detail.empty() ? ")" : "): " + d.detail));
      continue;
    }
    if (!IsSenderSyntaxDiagnostic(d.id)) continue;
    Add(&out, core::rule_ids::kWireWellFormed, status, step,
        d.id + " at byte " + std::to_string(d.offset) + (d.detail.empty() ? "" : ": " + d.detail));
  }
  return out;
}

}  // namespace httpconform::runner
