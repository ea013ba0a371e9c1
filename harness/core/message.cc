#include "harness/core/message.h"

namespace httpconform::core {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

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
    ForEachListMember(f.value, [&out](std::string_view member) { out.emplace_back(member); });
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
