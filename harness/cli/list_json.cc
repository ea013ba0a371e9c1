#include "harness/cli/list_json.h"

#include <nlohmann/json.hpp>

#include "reports/text.h"

namespace httpconform::cli {

std::string RenderCaseListJson(const std::vector<core::Case>& cases) {
  using Json = nlohmann::ordered_json;
  const auto text = [](const std::string& s) { return Json(reports::SanitizeUtf8(s)); };
  Json list = Json::array();
  for (const core::Case& c : cases) {
    Json tags = Json::array();
    for (const std::string& t : c.tags) tags.push_back(text(t));
    Json vars = Json::object();
    for (const auto& [name, value] : c.vars) {
      vars[reports::SanitizeUtf8(name)] = value ? text(*value) : Json(nullptr);
    }
    Json one = Json::object();
    one["id"] = text(c.id);
    one["title"] = text(c.title);
    one["spec"] = Json{{"rfc", c.spec.rfc},
                       {"section", text(c.spec.section)},
                       {"level", core::LevelName(c.spec.level)},
                       {"quote", text(c.spec.quote)}};
    one["codes"] = c.codes;
    one["tags"] = std::move(tags);
    one["vars"] = std::move(vars);
    one["file"] = text(c.file);
    one["line"] = c.line;
    list.push_back(std::move(one));
  }
  const Json doc = Json{{"schema", kCaseListSchema}, {"cases", std::move(list)}};
  return doc.dump(2, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace) + "\n";
}

}  // namespace httpconform::cli
