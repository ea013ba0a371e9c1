// The ids of the passive rules: the registry states each rule
// (status_registry.cc: level, section, quote) and runner/passive_rules.cc
// applies it, and both name it by these constants, so a rule applied is a
// rule stated. status_rule_ids_test.cc checks that every constant is a rule
// of the registry and every rule of the registry a constant;
// passive_rules_test.cc that each is reported by the check that applies it.
// Ids are a stable contract (reports, baselines and SARIF carry them).
#ifndef HTTPCONFORM_CORE_STATUS_RULE_IDS_H_
#define HTTPCONFORM_CORE_STATUS_RULE_IDS_H_

namespace httpconform::core::rule_ids {

inline constexpr char kStatusRange[] = "status.range";
inline constexpr char kWireWellFormed[] = "wire.well-formed";
inline constexpr char kDateOrigin[] = "date.origin";
inline constexpr char kNoContent1xx[] = "no-content.1xx";
inline constexpr char kNoContent204[] = "no-content.204";
inline constexpr char kNoContent205[] = "no-content.205";
inline constexpr char kNoContent304[] = "no-content.304";
inline constexpr char kContentLength1xx204[] = "content-length.1xx-204";
inline constexpr char kTransferEncoding1xx204[] = "transfer-encoding.1xx-204";
inline constexpr char k4xxExplanation[] = "4xx.explanation";
inline constexpr char k5xxExplanation[] = "5xx.explanation";
inline constexpr char k101Upgrade[] = "101.upgrade";
inline constexpr char k101Unsolicited[] = "101.unsolicited";
inline constexpr char k206ContentRange[] = "206.content-range";
inline constexpr char k3xxLocationPermanent[] = "3xx.location.permanent";
inline constexpr char k3xxLocationTemporary[] = "3xx.location.temporary";
inline constexpr char k401WwwAuthenticate[] = "401.www-authenticate";
inline constexpr char k405Allow[] = "405.allow";
inline constexpr char k407ProxyAuthenticate[] = "407.proxy-authenticate";
inline constexpr char k416ContentRange[] = "416.content-range";
inline constexpr char k426Upgrade[] = "426.upgrade";
inline constexpr char k429RetryAfter[] = "429.retry-after";
inline constexpr char k503RetryAfter[] = "503.retry-after";
inline constexpr char kLastModifiedNotAfterDate[] = "last-modified.not-after-date";

/// Every id above, in the order of the registry.
inline constexpr const char* kAll[] = {
    kStatusRange,          kWireWellFormed,      kDateOrigin,
    kNoContent1xx,         kNoContent204,        kNoContent205,
    kNoContent304,         kContentLength1xx204, kTransferEncoding1xx204,
    k4xxExplanation,       k5xxExplanation,      k101Upgrade,
    k101Unsolicited,       k206ContentRange,     k3xxLocationPermanent,
    k3xxLocationTemporary, k401WwwAuthenticate,  k405Allow,
    k407ProxyAuthenticate, k416ContentRange,     k426Upgrade,
    k429RetryAfter,        k503RetryAfter,       kLastModifiedNotAfterDate,
};

/// The rule a response with status `status` breaks by carrying content:
/// 1xx, 204, 205 and 304 have none (RFC 9110 §15.2, §15.3.5, §15.3.6,
/// §15.4.5); nullptr for any other status.
inline const char* NoContentRule(int status) {
  if (status >= 100 && status < 200) return kNoContent1xx;
  if (status == 204) return kNoContent204;
  if (status == 205) return kNoContent205;
  if (status == 304) return kNoContent304;
  return nullptr;
}

}  // namespace httpconform::core::rule_ids

#endif  // HTTPCONFORM_CORE_STATUS_RULE_IDS_H_
