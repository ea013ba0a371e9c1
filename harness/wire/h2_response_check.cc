// RFC 9113 §8 checks on a received HTTP/2 response; see h2_response_check.h.
#include "harness/wire/h2_response_check.h"

#include <string>
#include <string_view>

namespace httpconform::wire {
namespace {

using core::Diagnostic;
using core::Field;
using core::Fields;

// RFC 9113 §8.2.2 (and RFC 9110 §7.6.1): fields with connection-specific
// semantics, which no HTTP/2 message may carry. TE is allowed in requests
// only ("MAY be present in an HTTP/2 request"), so a response has none.
bool ConnectionSpecific(std::string_view name) {
  for (std::string_view banned :
       {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"}) {
    if (core::EqualsIgnoreCase(name, banned)) return true;
  }
  return false;
}

bool HasUppercase(std::string_view name) {
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

bool ThreeDigits(std::string_view value) {
  if (value.size() != 3) return false;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Collects each id once, at its first occurrence.
class Findings {
 public:
  void Add(std::string_view id, std::size_t offset, std::string detail) {
    if (core::FindDiagnostic(out_, id)) return;
    out_.push_back(Diagnostic{std::string(id), offset, std::move(detail), false});
  }
  std::vector<Diagnostic> Take() { return std::move(out_); }

 private:
  std::vector<Diagnostic> out_;
};

// The rules every block of a response obeys: field names (§8.2.1, §8.2.2)
// and pseudo-headers (§8.3, §8.3.2). `base` is the offset of its first line.
// Trailers carry no pseudo-header at all (§8.1: "Trailers MUST NOT include
// pseudo-header fields").
void CheckBlock(const Fields& block, std::size_t base, bool trailers, Findings* f) {
  bool regular_seen = false;
  int statuses = 0;
  for (std::size_t i = 0; i < block.size(); ++i) {
    const Field& field = block[i];
    const std::size_t at = base + i;
    if (HasUppercase(field.name)) {
      f->Add("h2.uppercase-name", at, "field name \"" + field.name + "\" has uppercase letters");
    }
    if (!field.name.empty() && field.name[0] == ':') {
      if (trailers) {
        f->Add("h2.pseudo-in-trailers", at, "pseudo-header " + field.name + " in the trailers");
        continue;
      }
      if (field.name != ":status") {
        f->Add("h2.pseudo-header-not-allowed", at,
               "response pseudo-header " + field.name + " (only :status is defined)");
        continue;
      }
      ++statuses;
      if (statuses == 2) f->Add("h2.status-repeated", at, ":status appears more than once");
      if (regular_seen) f->Add("h2.status-not-first", at, ":status after a regular field");
      if (statuses == 1 && !ThreeDigits(field.value)) {
        f->Add("h2.status-invalid", at, ":status \"" + field.value + "\" is not three digits");
      }
      continue;
    }
    regular_seen = true;
    if (ConnectionSpecific(field.name)) {
      f->Add("h2.connection-specific-field", at,
             "connection-specific field \"" + field.name + "\"");
    } else if (core::EqualsIgnoreCase(field.name, "te")) {
      f->Add("h2.connection-specific-field", at, "TE in a response");
    }
  }
  if (!trailers && statuses == 0) {
    f->Add("h2.status-absent", base, "header block without :status");
  }
}

}  // namespace

std::optional<int> H2Status(const Fields& block) {
  for (const Field& field : block) {
    if (field.name != ":status") continue;
    if (!ThreeDigits(field.value)) return std::nullopt;
    return std::stoi(field.value);
  }
  return std::nullopt;
}

std::vector<Diagnostic> CheckH2Response(const H2ReceivedResponse& response) {
  Findings f;
  std::size_t base = 0;
  for (const Fields& block : response.interim) {
    CheckBlock(block, base, /*trailers=*/false, &f);
    if (H2Status(block) == 101) {
      f.Add("h2.status-101", base, "101 (Switching Protocols) over HTTP/2");
    }
    base += block.size();
  }
  CheckBlock(response.head, base, /*trailers=*/false, &f);
  const std::optional<int> status = H2Status(response.head);
  if (status == 101) f.Add("h2.status-101", base, "101 (Switching Protocols) over HTTP/2");
  const std::size_t head_base = base;
  base += response.head.size();
  if (!response.trailers.empty()) CheckBlock(response.trailers, base, /*trailers=*/true, &f);

  // Content: none on HEAD, 204, 304 (RFC 9110 §6.4.1), whose content-length
  // may be anything (RFC 9113 §8.1.1); otherwise content-length equals the
  // DATA received, judged only once END_STREAM says the DATA is all there.
  const bool no_content =
      response.head_request || status == 204 || status == 304 || (status && *status < 200);
  if (no_content) {
    if (response.data_length > 0) {
      f.Add("h2.content-not-allowed", head_base,
            std::to_string(response.data_length) + " bytes of DATA in a response with no content");
    }
    return f.Take();
  }
  if (!response.end_stream) return f.Take();
  for (std::size_t i = 0; i < response.head.size(); ++i) {
    const Field& field = response.head[i];
    if (!core::EqualsIgnoreCase(field.name, "content-length")) continue;
    std::uint64_t announced = 0;
    bool digits = !field.value.empty() && field.value.size() <= 19;
    for (char c : field.value) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      announced = announced * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (!digits || announced != response.data_length) {
      f.Add("h2.content-length-mismatch", head_base + i,
            "content-length \"" + field.value + "\" but " + std::to_string(response.data_length) +
                " bytes of DATA");
    }
  }
  return f.Take();
}

}  // namespace httpconform::wire
