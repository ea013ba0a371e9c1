// Parsing the JSON files the CLI reads back (reports for diff, replay and
// baseline; baseline files), bounded. Their nesting is ours (a report about
// seven levels, a baseline three): whatever a server sent is inside strings.
// nlohmann parses without recursion but keeps a stack entry and a node per
// open level, so a hostile file of millions of "[" would cost gigabytes and
// minutes; the parse stops at the first level past kMaxReadNesting instead,
// and is otherwise linear in the file. Private to reports/ (nlohmann is).
#ifndef HTTPCONFORM_REPORTS_JSON_READ_H_
#define HTTPCONFORM_REPORTS_JSON_READ_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/core/expected.h"
#include "reports/json_error.h"

namespace httpconform::reports {

inline constexpr int kMaxReadNesting = 64;

/// `text` parsed (comments allowed when `comments`), or an Error with `code`
/// saying why: not JSON, or nested deeper than kMaxReadNesting.
inline core::Expected<nlohmann::ordered_json> ParseBoundedJson(std::string_view text,
                                                               const char* code, bool comments) {
  using Json = nlohmann::ordered_json;
  struct TooDeep {};
  try {
    return Json::parse(
        text.begin(), text.end(),
        [](int depth, Json::parse_event_t event, Json& /*parsed*/) {
          if ((event == Json::parse_event_t::object_start ||
               event == Json::parse_event_t::array_start) &&
              depth >= kMaxReadNesting) {
            throw TooDeep{};
          }
          return true;
        },
        /*allow_exceptions=*/true, comments);
  } catch (const TooDeep&) {
    return core::MakeError(code, "arrays and objects nested deeper than " +
                                     std::to_string(kMaxReadNesting) + " levels");
  } catch (const Json::exception& e) {
    return core::MakeError(code, JsonSyntaxError(e.what()));
  }
}

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_JSON_READ_H_
