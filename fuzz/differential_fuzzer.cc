// Fuzz target: our ResponseParser against two independent strict parsers,
// llhttp 8.1 and http-parser 2.9.4 (oracle.h). A finding is
//   (i)  we accept silently (complete, no diagnostic saying what is wrong)
//        what every oracle rejects, or
//   (ii) everyone accepts silently but we extract a different version,
//        status, reason, field list, content or trailers.
// Where we accept a deviation *with* a diagnostic, that is by design and
// documented, id by id, in QUIRKS.md (e.g. bare LF, RFC 9112 §2.2); the same
// goes for the few silent differences listed in KnownQuirk() below.
//
// Caps: input at most 16 KiB (under http-parser's 80 KiB header cap, so a
// rejection is never just the oracle's size limit); the request is a GET
// and the stream ends after the input (HEAD and CONNECT framing are covered
// by response_head and response_stream).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/oracle.h"
#include "harness/core/message.h"
#include "harness/wire/response_parser.h"

namespace {

using namespace httpconform;

constexpr std::size_t kMaxInput = 16 * 1024;

// Diagnostics that describe the message without saying it is wrong.
bool IsInformational(const std::string& id) {
  return id == "framing.chunk-ext" || id == "message.trailing-bytes";
}

bool Silent(const core::Response& response) {
  for (const core::Diagnostic& d : response.diagnostics) {
    if (!IsInformational(d.id)) return false;
  }
  return true;
}

// Silent differences we accept on purpose; each is a row of QUIRKS.md.
const char* KnownQuirk(std::string_view bytes, const core::Response& ours,
                       const fuzz::OracleResult& a, const fuzz::OracleResult& b) {
  // Framing fields in a trailer section are kept as data, never interpreted
  // (RFC 9110 §6.5.1); the oracles validate them as if they were header fields.
  for (const core::Field& field : ours.trailers) {
    if (core::EqualsIgnoreCase(field.name, "Content-Length") ||
        core::EqualsIgnoreCase(field.name, "Transfer-Encoding")) {
      return "framing field in trailers";
    }
  }
  // A 304 has no content whatever its framing fields say (RFC 9112 §6.3
  // item 1), and RFC 9110 §8.6 lets it carry the Content-Length a 200 would
  // have; both oracles wait for that many bytes of content.
  if (ours.head.status == 304 &&
      (core::FindField(ours.head.fields, "Content-Length") != nullptr ||
       core::FindField(ours.head.fields, "Transfer-Encoding") != nullptr)) {
    return "framing fields in a 304";
  }
  // Empty members of a list are ignored (RFC 9110 §5.6.1), so "chunked," is
  // chunked, and OWS around a field value is not part of it (RFC 9112 §5.1),
  // so "chunked<HTAB>" is chunked too; the oracles take "" or "chunked<HTAB>"
  // as the final coding and read the content until the close.
  for (const fuzz::OracleResult* oracle : {&a, &b}) {
    for (const auto& [name, value] : oracle->final_head.fields) {
      if (!core::EqualsIgnoreCase(name, "Transfer-Encoding")) continue;
      if (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
        return "trailing OWS in Transfer-Encoding";
      }
      std::string_view rest = value;
      while (true) {
        const std::size_t comma = rest.find(',');
        if (rest.substr(0, comma).find_first_not_of(" \t") == std::string_view::npos) {
          return "an empty member in Transfer-Encoding";
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
  }
  // A higher minor version of HTTP/1 is processed as the highest one known
  // (RFC 9110 §2.5); llhttp rejects any version but 0.9, 1.0, 1.1 and 2.0.
  auto newer_minor = [](const core::ResponseHead& head) {
    return head.version.size() == 8 && head.version.compare(0, 7, "HTTP/1.") == 0 &&
           head.version[7] >= '2' && head.version[7] <= '9';
  };
  if (newer_minor(ours.head)) return "a newer minor version of HTTP/1";
  for (const core::ResponseHead& head : ours.interim) {
    if (newer_minor(head)) return "a newer minor version of HTTP/1";
  }
  // OWS after a Content-Length value is not part of it (RFC 9112 §5.1);
  // http-parser rejects an HTAB there as an invalid Content-Length.
  for (std::string_view rest = bytes; !rest.empty();) {
    const std::size_t lf = rest.find('\n');
    std::string_view line = rest.substr(0, lf);
    rest = lf == std::string_view::npos ? std::string_view() : rest.substr(lf + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos &&
        core::EqualsIgnoreCase(line.substr(0, colon), "Content-Length") && !line.empty() &&
        (line.back() == ' ' || line.back() == '\t')) {
      return "trailing OWS in Content-Length";
    }
  }
  return nullptr;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  char hex[4];
  for (unsigned char c : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", c);
    out += hex;
  }
  return out;
}

std::string Describe(const fuzz::OracleHead& head) {
  std::string out = "HTTP/" + std::to_string(head.major) + "." + std::to_string(head.minor) + " " +
                    std::to_string(head.status) + " \"" + head.reason + "\"\n";
  for (const auto& [name, value] : head.fields) out += "  field " + name + ": " + value + "\n";
  return out;
}

std::string Describe(const fuzz::OracleResult& result) {
  if (!result.accepted) return "rejected: " + result.error + "\n";
  std::string out;
  for (const auto& head : result.interim) out += "interim " + Describe(head);
  out += "final " + Describe(result.final_head);
  out += "content " + std::to_string(result.body.size()) + "\n";
  for (const auto& [name, value] : result.trailers) out += "trailer " + name + ": " + value + "\n";
  return out;
}

[[noreturn]] void Finding(const char* what, std::string_view bytes, const core::Response& ours,
                          const fuzz::OracleResult& llhttp, const fuzz::OracleResult& hp) {
  std::fprintf(stderr,
               "differential finding: %s\ninput (hex): %s\n--- ours:\n%s--- llhttp:\n%s"
               "--- http-parser:\n%s",
               what, Hex(bytes.substr(0, 4096)).c_str(), wire::Dump(ours).c_str(),
               Describe(llhttp).c_str(), Describe(hp).c_str());
  std::abort();
}

// Both oracles keep trailing whitespace in field values; RFC 9112 §5.1
// excludes OWS from the value (QUIRKS.md: "trailing OWS").
std::string TrimOws(const std::string& value) {
  const std::size_t begin = value.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return value.substr(begin, value.find_last_not_of(" \t") + 1 - begin);
}

bool SameHead(const core::ResponseHead& ours, const fuzz::OracleHead& theirs) {
  const std::string version =
      "HTTP/" + std::to_string(theirs.major) + "." + std::to_string(theirs.minor);
  if (ours.version != version || ours.status != theirs.status || ours.reason != theirs.reason) {
    return false;
  }
  if (ours.fields.size() != theirs.fields.size()) return false;
  for (std::size_t i = 0; i < ours.fields.size(); ++i) {
    if (ours.fields[i].name != theirs.fields[i].first ||
        ours.fields[i].value != TrimOws(theirs.fields[i].second)) {
      return false;
    }
  }
  return true;
}

bool SameResult(const core::Response& ours, const fuzz::OracleResult& theirs) {
  if (ours.interim.size() != theirs.interim.size()) return false;
  for (std::size_t i = 0; i < ours.interim.size(); ++i) {
    if (!SameHead(ours.interim[i], theirs.interim[i])) return false;
  }
  if (!SameHead(ours.head, theirs.final_head) || ours.content != theirs.body) return false;
  if (ours.trailers.size() != theirs.trailers.size()) return false;
  for (std::size_t i = 0; i < ours.trailers.size(); ++i) {
    if (ours.trailers[i].name != theirs.trailers[i].first ||
        ours.trailers[i].value != TrimOws(theirs.trailers[i].second)) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return -1;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const core::Response ours = wire::ParseResponse(bytes);
  const fuzz::OracleResult llhttp = fuzz::ParseWithLlhttp(bytes);
  const fuzz::OracleResult hp = fuzz::ParseWithHttpParser(bytes);
  if (!ours.complete || !Silent(ours)) return 0;
  if (KnownQuirk(bytes, ours, llhttp, hp) != nullptr) return 0;
  if (!llhttp.accepted && !hp.accepted) {
    Finding("we accept silently what every oracle rejects", bytes, ours, llhttp, hp);
  }
  // Where the oracles disagree with each other, agreeing with one is enough.
  if (llhttp.accepted && hp.accepted && !SameResult(ours, llhttp) && !SameResult(ours, hp)) {
    Finding("everyone accepts, but the results differ", bytes, ours, llhttp, hp);
  }
  return 0;
}
