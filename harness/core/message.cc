#include "harness/core/message.h"

namespace httpconform::core {
namespace {

// ASCII lower-casing as a table: one load per byte instead of two range
// compares, each of which calls a hook in the fuzz build (trace-cmp).
struct LowerTable {
  unsigned char of[256] = {};
  constexpr LowerTable() {
    for (int c = 0; c < 256; ++c) of[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) of[c] = static_cast<unsigned char>(c - 'A' + 'a');
  }
};
constexpr LowerTable kLower;

}  // namespace

// Exempt from UBSan only: pointers stay within the views, table indexes are
// bytes. Every byte pair is compared once.
#if defined(__clang__) || defined(__GNUC__)
__attribute__((no_sanitize("undefined")))
#endif
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(a.data());
  const auto* q = reinterpret_cast<const unsigned char*>(b.data());
  for (const unsigned char* const end = p + a.size(); p != end; ++p, ++q) {
    if (kLower.of[*p] != kLower.of[*q]) return false;
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
