// One scanner serves both checking (ScanTemplate) and expansion (Substitute)
// so that the loader and the runner can never disagree on what a template
// means.
#include "harness/core/template.h"

#include <algorithm>

namespace httpconform::core {
namespace {

bool IsNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// Walks `tmpl`, calling on_text for literal runs and on_var for references.
// Returns false at the first syntax error (filled into *error).
template <typename OnText, typename OnVar>
bool Walk(std::string_view tmpl, OnText on_text, OnVar on_var, TemplateSyntaxError* error) {
  std::size_t i = 0;
  while (i < tmpl.size()) {
    std::size_t dollar = tmpl.find('$', i);
    if (dollar == std::string_view::npos) {
      on_text(tmpl.substr(i));
      return true;
    }
    on_text(tmpl.substr(i, dollar - i));
    char next = dollar + 1 < tmpl.size() ? tmpl[dollar + 1] : '\0';
    if (next == '$') {
      on_text("$");
      i = dollar + 2;
      continue;
    }
    if (next != '{') {
      on_text("$");
      i = dollar + 1;
      continue;
    }
    std::size_t close = tmpl.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      *error = {dollar, "unterminated ${ (write $$ for a literal $)"};
      return false;
    }
    std::string_view name = tmpl.substr(dollar + 2, close - dollar - 2);
    if (!IsValidVariableName(name)) {
      *error = {dollar, "invalid variable name ${" + std::string(name) +
                            "}: use letters, digits, '_' and '-', not starting with a digit"};
      return false;
    }
    on_var(std::string(name), dollar);
    i = close + 1;
  }
  return true;
}

}  // namespace

bool IsValidVariableName(std::string_view name) {
  if (name.empty() || !IsNameStart(name[0])) return false;
  return std::all_of(name.begin(), name.end(), IsNameChar);
}

const std::vector<std::string>& BuiltinVariables() {
  static const std::vector<std::string> kBuiltins = {"scheme", "host", "port", "authority", "path"};
  return kBuiltins;
}

bool IsBuiltinVariable(const std::string& name) {
  const auto& builtins = BuiltinVariables();
  return std::find(builtins.begin(), builtins.end(), name) != builtins.end();
}

std::vector<TemplateVariable> ScanTemplate(std::string_view tmpl,
                                           std::vector<TemplateSyntaxError>* errors) {
  std::vector<TemplateVariable> vars;
  TemplateSyntaxError error;
  bool ok = Walk(
      tmpl, [](std::string_view) {},
      [&](std::string name, std::size_t offset) {
        vars.push_back({std::move(name), offset});
      },
      &error);
  if (!ok && errors != nullptr) errors->push_back(std::move(error));
  return vars;
}

std::vector<std::string> VariablesUsed(const std::string& text) {
  std::vector<std::string> names;
  for (auto& var : ScanTemplate(text, nullptr)) {
    if (std::find(names.begin(), names.end(), var.name) == names.end()) {
      names.push_back(std::move(var.name));
    }
  }
  return names;
}

Expected<std::string> Substitute(
    const std::string& tmpl, const std::function<const std::string*(const std::string&)>& lookup) {
  std::string out;
  std::string unknown;
  TemplateSyntaxError error;
  bool ok = Walk(
      tmpl, [&](std::string_view text) { out.append(text); },
      [&](const std::string& name, std::size_t) {
        const std::string* value = lookup ? lookup(name) : nullptr;
        if (value != nullptr) {
          out += *value;
        } else if (unknown.empty()) {
          unknown = name;
        }
      },
      &error);
  if (!ok) return MakeError("template", error.message);
  if (!unknown.empty()) return MakeError("template", "unknown variable ${" + unknown + "}");
  return out;
}

}  // namespace httpconform::core
