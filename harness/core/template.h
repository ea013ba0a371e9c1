// Templates: the strings of a case (request parts, expected values) may name
// variables as "${name}". "$$" stands for a literal "$"; any other "$" (one
// not followed by "{" or "$") is literal too, so ordinary text rarely needs
// escaping. A "${" must close with "}" around a valid name: a typo there is
// reported rather than sent to the server verbatim. The loader uses
// ScanTemplate to check names at load time; the runner uses Substitute.
#ifndef HTTPCONFORM_CORE_TEMPLATE_H_
#define HTTPCONFORM_CORE_TEMPLATE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"

namespace httpconform::core {

/// One "${name}" reference in a template.
struct TemplateVariable {
  std::string name;
  std::size_t offset = 0;  ///< Index of the "$" in the template.
};

/// A template's syntax problem: where, and what.
struct TemplateSyntaxError {
  std::size_t offset = 0;  ///< Index of the offending "$".
  std::string message;     ///< e.g. "unterminated ${".
};

/// The variables a template references, in order; syntax errors go to `errors` (may be null).
std::vector<TemplateVariable> ScanTemplate(std::string_view tmpl,
                                           std::vector<TemplateSyntaxError>* errors);

/// The names a template references, in order of first use, without duplicates.
std::vector<std::string> VariablesUsed(const std::string& text);

/// True for `[A-Za-z_][A-Za-z0-9_-]*`, the names "${...}" may hold.
bool IsValidVariableName(std::string_view name);

/// True for the variables derived from the target URL: scheme host port authority path.
bool IsBuiltinVariable(const std::string& name);

/// The built-in variable names, in documentation order.
const std::vector<std::string>& BuiltinVariables();

/// Replaces each "${name}" by *lookup(name) and "$$" by "$". An unknown name
/// (lookup returns null) or bad syntax is an Error with code "template".
Expected<std::string> Substitute(
    const std::string& tmpl, const std::function<const std::string*(const std::string&)>& lookup);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_TEMPLATE_H_
