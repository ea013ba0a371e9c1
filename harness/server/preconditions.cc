#include "harness/server/preconditions.h"

#include <algorithm>
#include <vector>

namespace httpconform::server {
namespace {

using core::FieldListMembers;
using core::FieldValues;
using core::FindField;

bool Has(const RouteContext& c, Fault f) { return c.faults->Has(f); }

// The members of an If-Match / If-None-Match list; the etag-list-first-only
// fault keeps just the first one.
std::vector<std::string> TagList(const wire::Request& req, const char* name,
                                 const RouteContext& c) {
  std::vector<std::string> members = FieldListMembers(req.fields, name);
  if (Has(c, Fault::kEtagListFirstOnly) && members.size() > 1) members.resize(1);
  // §5.6.1.2: a recipient parses and ignores empty list elements and the OWS
  // around commas; these faults read the raw values without doing so.
  if (Has(c, Fault::kListEmptyElementRejected) || Has(c, Fault::kListOwsNotStripped)) {
    std::vector<std::string> raw;
    for (const std::string& value : FieldValues(req.fields, name)) {
      std::size_t start = 0;
      while (start <= value.size()) {
        std::size_t comma = std::min(value.find(',', start), value.size());
        std::string item = value.substr(start, comma - start);
        if (Has(c, Fault::kListEmptyElementRejected) &&
            item.find_first_not_of(" \t") == std::string::npos) {
          return {};  // An empty element: the whole list read as matching nothing.
        }
        if (!item.empty() && item[0] == ' ') item.erase(0, 1);  // Only one SP after a comma.
        raw.push_back(item);
        start = comma + 1;
      }
    }
    if (Has(c, Fault::kListOwsNotStripped)) members = raw;
  }
  return members;
}

// Step 3: If-None-Match, weak comparison (§13.1.2); nullopt: go on.
std::optional<Precondition> IfNoneMatch(const wire::Request& req, const EntityTag& etag,
                                        bool get_or_head, const RouteContext& c) {
  std::vector<std::string> members = TagList(req, "If-None-Match", c);
  // inm-star-false: "*" is read as a tag that matches nothing.
  if (Has(c, Fault::kInmStarFalse) && members.size() == 1 && members[0] == "*") {
    return std::nullopt;
  }
  const bool strong = Has(c, Fault::kStrongIfNoneMatch);
  if (EntityTagListMatches(members, etag, strong) || Has(c, Fault::kInmNotCompared)) {
    if (get_or_head && !Has(c, Fault::k412ForGetInm)) return Precondition::kNotModified;
    return Precondition::kFailed;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::time_t> ConditionalDate(const std::string& text, const RouteContext& c) {
  std::optional<std::time_t> date = ParseHttpDate(text);
  if (date && Has(c, Fault::kImfFixdateOnly) && FormatHttpDate(*date) != text) return std::nullopt;
  // §5.6.7: an rfc850-date's two-digit year more than 50 years ahead is in the
  // past century; rfc850-year-2000s reads every such year as 20YY.
  constexpr std::time_t kYear2000 = 946684800;
  if (date && Has(c, Fault::kRfc850Year2000s) && text.find('-') != std::string::npos &&
      *date < kYear2000) {
    *date += static_cast<std::time_t>(36525) * 86400;
  }
  return date;
}

Precondition EvaluatePreconditions(const wire::Request& req, const EntityTag& etag,
                                   std::time_t last_modified, const RouteContext& c) {
  const bool get_or_head = req.method == "GET" || req.method == "HEAD";
  // §13.2.1: preconditions bind every method that selects or modifies a
  // representation; these faults evaluate them on some methods only.
  if (!get_or_head && Has(c, Fault::kPreconditionsIgnoredOnUnsafe)) return Precondition::kProceed;
  if (req.method == "HEAD" && Has(c, Fault::kPreconditionsIgnoredOnHead)) {
    return Precondition::kProceed;
  }
  const bool has_if_match = FindField(req.fields, "If-Match") != nullptr;
  std::vector<std::string> ims = FieldValues(req.fields, "If-Modified-Since");
  // ims-over-inm: If-Modified-Since replaces If-None-Match, the reverse of §13.1.3.
  const bool has_inm = FindField(req.fields, "If-None-Match") != nullptr &&
                       !(Has(c, Fault::kImsOverInm) && !ims.empty());
  const bool evaluate_inm = has_inm && !Has(c, Fault::kIgnoreIfNoneMatch);

  // inm-evaluated-first: step 3 before steps 1 and 2.
  if (evaluate_inm && Has(c, Fault::kInmEvaluatedFirst)) {
    if (auto inm = IfNoneMatch(req, etag, get_or_head, c)) return *inm;
  }
  // Step 1: If-Match, strong comparison (§13.1.1).
  if (has_if_match && !Has(c, Fault::kIgnoreIfMatch)) {
    const bool strong = !Has(c, Fault::kWeakIfMatch);
    std::vector<std::string> members = TagList(req, "If-Match", c);
    if (Has(c, Fault::kIfMatchStarFalse) && members.size() == 1 && members[0] == "*") {
      return Precondition::kFailed;
    }
    if (!EntityTagListMatches(members, etag, strong)) return Precondition::kFailed;
    // if-match-ends-evaluation: a true If-Match skips the remaining steps
    // (§13.2.2 step 1: "if true, continue to step 3").
    if (Has(c, Fault::kIfMatchEndsEvaluation)) return Precondition::kProceed;
  }
  // Step 2: If-Unmodified-Since, only without If-Match (§13.1.4: a recipient
  // MUST ignore it when If-Match is present, or when it is not a valid date,
  // including a list of dates).
  std::vector<std::string> ius = FieldValues(req.fields, "If-Unmodified-Since");
  if ((!has_if_match || Has(c, Fault::kIgnorePrecedence)) && !ius.empty() &&
      !Has(c, Fault::kIgnoreIfUnmodifiedSince)) {
    std::optional<std::time_t> date =
        ius.size() == 1 ? ConditionalDate(ius[0], c) : std::optional<std::time_t>();
    if (!date) {
      if (Has(c, Fault::kInvalidIusNotIgnored)) return Precondition::kFailed;
    } else if (last_modified > *date || Has(c, Fault::kIusNotCompared)) {
      return Precondition::kFailed;
    }
  }
  // Step 3: If-None-Match.
  if (evaluate_inm && !Has(c, Fault::kInmEvaluatedFirst)) {
    if (auto inm = IfNoneMatch(req, etag, get_or_head, c)) return *inm;
  }
  // Step 4: If-Modified-Since, GET/HEAD only and only without If-None-Match
  // (§13.1.3: MUST ignore otherwise, and when the date is invalid).
  if ((get_or_head || Has(c, Fault::kImsOnPut)) && (!has_inm || Has(c, Fault::kIgnorePrecedence)) &&
      !ims.empty() && !Has(c, Fault::kIgnoreIfModifiedSince)) {
    std::optional<std::time_t> date =
        ims.size() == 1 ? ConditionalDate(ims[0], c) : std::optional<std::time_t>();
    if (!date) {
      if (Has(c, Fault::kInvalidImsNotIgnored)) return Precondition::kNotModified;
    } else if (last_modified <= *date || Has(c, Fault::kImsNotCompared)) {
      return Precondition::kNotModified;
    }
  }
  return Precondition::kProceed;
}

}  // namespace httpconform::server
