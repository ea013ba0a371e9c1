// The status-code registry: every code in IANA's HTTP Status Code Registry
// (plus a few well-known unregistered ones, flagged), with its class, the
// document and section that define it, a one-line meaning in English and
// Korean, and the rules a response with that code must follow. The runner
// checks every response against these rules ("passive" checks); `explain`
// prints them. Rules are data here; their checks live in runner/passive_rules.
#ifndef HTTPCONFORM_CORE_STATUS_REGISTRY_H_
#define HTTPCONFORM_CORE_STATUS_REGISTRY_H_

#include <string>
#include <vector>

#include "harness/core/case.h"

namespace httpconform::core {

/// Another sentence of the RFCs that states a rule, in another section.
struct RuleStatement {
  std::string section;  ///< e.g. "RFC 9110 §15.5.6".
  std::string quote;    ///< Verbatim, at the rule's level.
};

/// A rule that every response with some status code must follow.
struct StatusRule {
  std::string id;  ///< Stable, e.g. "405.allow", "no-content.204", "date.origin".
  Level level;
  std::string section;  ///< e.g. "RFC 9110 §10.2.1": where the rule is defined.
  std::string quote;    ///< The requirement, verbatim.
  /// The same rule stated again elsewhere (405's Allow: §10.2.1 and §15.5.6),
  /// so that a search for either section lands on the rule.
  std::vector<RuleStatement> also_stated = {};
};

/// Every section that states `rule`, its own first.
std::vector<std::string> RuleSections(const StatusRule& rule);

/// One registered status code.
struct StatusInfo {
  int code;
  std::string reason;              ///< Registered reason phrase.
  std::string reference;           ///< Defining document and section, e.g. "RFC 9110 §15.3.1".
  std::string meaning;             ///< One line, English.
  std::string meaning_ko;          ///< One line, Korean.
  bool registered = true;          ///< False for codes outside the IANA registry (e.g. 444).
  std::vector<std::string> rules;  ///< Ids of StatusRule that apply.
};

/// Every code, ascending.
const std::vector<StatusInfo>& AllStatuses();
/// The entry for `code`, or nullptr.
const StatusInfo* FindStatus(int code);
/// Every rule.
const std::vector<StatusRule>& AllStatusRules();
/// The rule with `id`, or nullptr.
const StatusRule* FindStatusRule(const std::string& id);
/// "Informational", "Successful", "Redirection", "Client Error", "Server Error", or "Invalid".
const char* StatusClassName(int code);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_STATUS_REGISTRY_H_
