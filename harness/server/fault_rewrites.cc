// Fault helpers; see fault_rewrites.h.
#include "harness/server/fault_rewrites.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool NameIs(const std::string& line, const std::string& name) {
  return line.size() > name.size() && line[name.size()] == ':' &&
         core::EqualsIgnoreCase(line.substr(0, name.size()), name);
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

}  // namespace

std::vector<std::string> HeadLines(const std::string& head) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    std::size_t end = nl == std::string::npos ? head.size() : nl + 1;
    lines.push_back(head.substr(pos, end - pos));
    pos = end;
  }
  return lines;
}

void SumContentLengthListForFault(std::string& head) {
  std::vector<std::string> lines = HeadLines(head);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!NameIs(lines[i], "Content-Length")) continue;
    std::uint64_t sum = 0, n = 0;
    bool in_number = false;
    for (std::size_t k = 15; k < lines[i].size(); ++k) {
      char c = lines[i][k];
      if (IsDigit(c)) {
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
        in_number = true;
      } else if (in_number) {
        sum += n;
        n = 0;
        in_number = false;
      }
    }
    if (in_number) sum += n;
    lines[i] = "Content-Length: " + std::to_string(sum) + "\r\n";
  }
  head = Join(lines);
}

void StripTeParametersForFault(std::string& head) {
  std::vector<std::string> lines = HeadLines(head);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!NameIs(lines[i], "Transfer-Encoding")) continue;
    std::string out;
    bool in_params = false;
    for (char c : lines[i]) {
      if (c == ';') in_params = true;
      if (c == ',' || c == '\r' || c == '\n') in_params = false;
      if (!in_params) out += c;
    }
    lines[i] = out;
  }
  head = Join(lines);
}

std::string WrapRangeNumeralsForFault(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    if (!IsDigit(value[i])) {
      out += value[i++];
      continue;
    }
    std::uint64_t n = 0;  // Unsigned arithmetic wraps: the fault.
    while (i < value.size() && IsDigit(value[i])) n = n * 10 + (value[i++] - '0');
    out += std::to_string(n);
  }
  return out;
}

void ApplyRangeToContentForFault(const wire::Request& req, Reply& reply) {
  const core::Field* range = core::FindField(req.fields, "Range");
  if (range == nullptr) return;
  RangeRequest rr = ParseRange(range->value, reply.content.size());
  if (rr.kind != RangeRequest::Kind::kSatisfiable || rr.ranges.size() != 1) return;
  const ByteRange& br = rr.ranges[0];
  AddField(reply.fields, "Content-Range",
           "bytes " + std::to_string(br.first) + "-" + std::to_string(br.last) + "/" +
               std::to_string(reply.content.size()));
  reply.content = reply.content.substr(br.first, br.last - br.first + 1);
  reply.status = 206;
}

void PlaceContentRangePartForFault(const wire::Request& req, Reply& reply) {
  const core::Field* cr = core::FindField(req.fields, "Content-Range");
  if (cr == nullptr) return;
  // bytes FIRST-LAST/LENGTH
  unsigned long long first = 0, last = 0, length = 0;
  if (std::sscanf(cr->value.c_str(), "bytes %llu-%llu/%llu", &first, &last, &length) != 3 ||
      last < first || length > 1024 * 1024 || last >= length) {
    return;
  }
  std::string whole(length, '\0');
  whole.replace(first, last - first + 1, reply.content.substr(0, last - first + 1));
  reply.content = whole;
}

std::optional<Reply> DateConditionsWithoutDateForFault(const wire::Request& req,
                                                       const FaultSet& faults) {
  const bool ims = faults.Has(Fault::kImsWithoutModificationDate);
  const bool ius = faults.Has(Fault::kIusWithoutModificationDate);
  const std::time_t now = std::time(nullptr);
  const core::Field* since = core::FindField(req.fields, "If-Modified-Since");
  if (ims && since != nullptr) {
    std::optional<std::time_t> date = ParseHttpDate(since->value);
    if (date && *date >= now) {
      Reply r;
      r.status = 304;
      return r;
    }
  }
  const core::Field* unmodified = core::FindField(req.fields, "If-Unmodified-Since");
  if (ius && unmodified != nullptr) {
    std::optional<std::time_t> date = ParseHttpDate(unmodified->value);
    if (date && *date < now) return Simple(412);
  }
  return std::nullopt;
}

bool HasValidPort(const std::string& authority) {
  const std::size_t colon = authority.rfind(':');
  if (colon == std::string::npos) return false;
  const std::string port = authority.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (!IsDigit(c)) return false;
  }
  return std::atoi(port.c_str()) <= 65535;
}

}  // namespace httpconform::server
