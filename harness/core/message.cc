#include "harness/core/message.h"

namespace httpconform::core {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

const Field* FindField(const Fields& fields, std::string_view name) {
  for (const Field& f : fields) {
    if (EqualsIgnoreCase(f.name, name)) return &f;
  }
  return nullptr;
}

std::vector<std::string> FieldValues(const Fields& fields, std::string_view name) {
  std::vector<std::string> out;
  for (const Field& f : fields) {
    if (EqualsIgnoreCase(f.name, name)) out.push_back(f.value);
  }
  return out;
}

std::vector<std::string> FieldListMembers(const Fields& fields, std::string_view name) {
  // Splits on commas outside quoted strings, since entity-tags and
  // parameters may contain commas inside quotes (RFC 9110 §5.6.4).
  std::vector<std::string> out;
  for (const Field& f : fields) {
    if (!EqualsIgnoreCase(f.name, name)) continue;
    std::string_view v = f.value;
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= v.size(); ++i) {
      if (i < v.size() && v[i] == '"') quoted = !quoted;
      if (i < v.size() && v[i] == '\\' && quoted) {
        ++i;
        continue;
      }
      if (i == v.size() || (v[i] == ',' && !quoted)) {
        std::string_view member = TrimOws(v.substr(start, i - start));
        if (!member.empty()) out.emplace_back(member);
        start = i + 1;
      }
    }
  }
  return out;
}

const Diagnostic* FindDiagnostic(const std::vector<Diagnostic>& diagnostics, std::string_view id) {
  for (const Diagnostic& d : diagnostics) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace httpconform::core
