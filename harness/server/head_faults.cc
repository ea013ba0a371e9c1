// See head_faults.h. Each function is the whole of one fault's effect.
#include "harness/server/head_faults.h"

#include <cctype>
#include <cstdint>

namespace httpconform::server {

void NulToLineEndForFault(std::string& head) {
  std::string out;
  for (char ch : head) out += ch == '\0' ? std::string("\r\n") : std::string(1, ch);
  head = out;
}

std::size_t CutHeadEarlyForFault(std::string& pending) {
  const std::size_t first = pending.find("\r\n");
  const std::size_t second = first == std::string::npos ? first : pending.find("\r\n", first + 2);
  if (second == std::string::npos) return second;
  pending.insert(second + 2, "\r\n");
  return second + 4;
}

void KeepTrailingWhitespaceForFault(std::string& head) {
  std::size_t line_start = head.find("\r\n");  // Field lines only, not the request-line.
  while (line_start != std::string::npos) {
    line_start += 2;
    const std::size_t end = head.find("\r\n", line_start);
    if (end == std::string::npos || end == line_start) break;
    for (std::size_t i = end; i > line_start && (head[i - 1] == ' ' || head[i - 1] == '\t'); --i) {
      head[i - 1] = '_';
    }
    line_start = end;
  }
}

void WrapContentLengthForFault(std::string& head) {
  const std::string name = "\r\ncontent-length:";
  std::size_t at = 0;
  while ((at = head.find("\r\n", at)) != std::string::npos) {
    if (head.size() - at >= name.size() &&
        core::EqualsIgnoreCase(std::string_view(head).substr(at, name.size()), name)) {
      std::size_t digits = at + name.size();
      while (digits < head.size() && (head[digits] == ' ' || head[digits] == '\t')) ++digits;
      std::size_t end = digits;
      std::uint64_t value = 0;  // Unsigned arithmetic wraps modulo 2^64: the fault.
      while (end < head.size() && head[end] >= '0' && head[end] <= '9') {
        value = value * 10 + static_cast<std::uint64_t>(head[end] - '0');
        ++end;
      }
      if (end > digits) head.replace(digits, end - digits, std::to_string(value));
    }
    at += 2;
  }
}

void RememberCredentialsForFault(core::Fields& fields, std::string& remembered) {
  if (const core::Field* auth = core::FindField(fields, "Authorization")) {
    remembered = auth->value;
  } else if (!remembered.empty()) {
    fields.push_back(core::Field{"Authorization", remembered});
  }
}

void BreakChunkExtBwsForFault(std::string& pending) {
  std::size_t start = 0;
  while (start < pending.size()) {
    std::size_t end = pending.find("\r\n", start);
    if (end == std::string::npos) end = pending.size();
    const bool hex_first = std::isxdigit(static_cast<unsigned char>(pending[start])) != 0;
    const std::size_t semicolon = pending.find(';', start);
    if (hex_first && semicolon < end) {
      for (std::size_t i = semicolon; i < end; ++i) {
        const bool ws = pending[i] == ' ' || pending[i] == '\t';
        const bool next_to_delimiter =
            (i > start && (pending[i - 1] == ';' || pending[i - 1] == '=')) ||
            (i + 1 < end && (pending[i + 1] == ';' || pending[i + 1] == '='));
        if (ws && next_to_delimiter) pending[i] = '\x01';
      }
      for (std::size_t i = start; i < semicolon; ++i) {  // BWS before the first ";".
        if (pending[i] == ' ' || pending[i] == '\t') pending[i] = '\x01';
      }
    }
    start = end + 2;
  }
}

}  // namespace httpconform::server
