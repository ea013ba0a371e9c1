#include "harness/cli/var_list.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "harness/cli/console.h"
#include "harness/core/template.h"
#include "reports/text.h"

namespace httpconform::cli {
namespace {

std::string ShownDefault(const std::optional<std::string>& value) {
  return value ? (value->empty() ? "\"\"" : *value) : "none (must be given with --var)";
}

}  // namespace

std::vector<VarUse> CollectVarUses(const std::vector<core::Case>& cases) {
  std::map<std::string, VarUse> by_name;
  for (const core::Case& c : cases) {
    for (const auto& [name, value] : c.vars) {
      VarUse& use = by_name[name];
      if (use.name.empty()) {
        use.name = name;
        use.info = runner::FindVariable(name);
      }
      use.cases.push_back(c.id);
      auto d = std::find_if(use.defaults.begin(), use.defaults.end(),
                            [&](const VarDefault& x) { return x.value == value; });
      if (d == use.defaults.end()) {
        use.defaults.push_back({value, 1});
      } else {
        ++d->cases;
      }
    }
  }
  std::vector<VarUse> out;
  for (auto& [name, use] : by_name) {
    std::stable_sort(use.defaults.begin(), use.defaults.end(),
                     [](const VarDefault& a, const VarDefault& b) { return a.cases > b.cases; });
    out.push_back(std::move(use));
  }
  return out;
}

std::string RenderVarListText(const std::vector<VarUse>& vars, std::size_t max_ids) {
  std::string out;
  std::size_t uses = 0;
  for (const VarUse& v : vars) {
    uses += v.cases.size();
    out += PrintableForTerminal(v.name) + "  (" + std::to_string(v.cases.size()) + " case" +
           (v.cases.size() == 1 ? "" : "s") + ")\n";
    out += "  points to:  ";
    out += v.info ? v.info->points_to : "(not described: a variable of your own case files)";
    out += "\n  default:    ";
    for (std::size_t i = 0; i < v.defaults.size(); ++i) {
      if (i > 0) out += "; ";
      out += PrintableForTerminal(ShownDefault(v.defaults[i].value));
      if (v.defaults.size() > 1) out += " (" + std::to_string(v.defaults[i].cases) + ")";
    }
    out += "\n  discovery:  ";
    const char* looks_for = v.info ? runner::DiscoveryLooksFor(*v.info) : "";
    out +=
        *looks_for != '\0'
            ? std::string("looks for ") + looks_for +
                  " (the default first; if it does not fit, the links from the run's URL)"
            : "does not look for it: give it with --var " + PrintableForTerminal(v.name) + "=VALUE";
    out += "\n  cases:      ";
    for (std::size_t i = 0; i < v.cases.size() && i < max_ids; ++i) {
      out += (i > 0 ? ", " : "") + PrintableForTerminal(v.cases[i]);
    }
    if (v.cases.size() > max_ids) {
      out += ", ... and " + std::to_string(v.cases.size() - max_ids) +
             " more (vars --json lists them all)";
    }
    out += "\n";
  }
  std::string builtins;
  for (const std::string& b : core::BuiltinVariables()) builtins += " ${" + b + "}";
  out += std::to_string(vars.size()) + " variable(s), declared " + std::to_string(uses) +
         " time(s); set one with run --var NAME=VALUE. From the run's URL, always:" + builtins +
         "\n";
  return out;
}

std::string RenderVarListJson(const std::vector<VarUse>& vars) {
  using Json = nlohmann::ordered_json;
  const auto text = [](const std::string& s) { return Json(reports::SanitizeUtf8(s)); };
  Json list = Json::array();
  for (const VarUse& v : vars) {
    Json defaults = Json::array();
    for (const VarDefault& d : v.defaults) {
      defaults.push_back(
          Json{{"value", d.value ? text(*d.value) : Json(nullptr)}, {"cases", d.cases}});
    }
    Json ids = Json::array();
    for (const std::string& id : v.cases) ids.push_back(text(id));
    const char* looks_for = v.info ? runner::DiscoveryLooksFor(*v.info) : "";
    Json one = Json::object();
    one["name"] = text(v.name);
    one["points_to"] = v.info ? Json(v.info->points_to) : Json(nullptr);
    one["discovery"] = *looks_for != '\0' ? Json(looks_for) : Json(nullptr);
    one["defaults"] = std::move(defaults);
    one["cases"] = std::move(ids);
    list.push_back(std::move(one));
  }
  const Json doc = Json{{"schema", kVarListSchema}, {"variables", std::move(list)}};
  return doc.dump(2, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace) + "\n";
}

}  // namespace httpconform::cli
