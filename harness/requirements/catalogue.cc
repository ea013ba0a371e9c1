// Parsing the catalogue files. The layout is checked strictly (a wrong
// type, a missing field or an unknown observability is an error naming the
// file and the requirement), because a catalogue that parses wrongly would
// print coverage figures that are not true. scripts/requirements/extract.py
// check keeps the text fields equal to the RFCs; this parser trusts them.
#include "harness/requirements/catalogue.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "harness/requirements/embedded_catalogue.h"

namespace httpconform::requirements {
namespace {

using nlohmann::json;

core::Error Bad(const std::string& path, const std::string& where, const std::string& what) {
  return core::MakeError("catalogue", path + ": " + where + ": " + what);
}

// Reads member `key` of `object` as a string; absent is "" unless required.
bool ReadString(const json& object, const char* key, bool required, std::string* out,
                std::string* error) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) *error = std::string("missing \"") + key + "\"";
    return !required;
  }
  if (!it->is_string()) {
    *error = std::string("\"") + key + "\" is not a string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

bool ReadStrings(const json& object, const char* key, std::vector<std::string>* out,
                 std::string* error) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) {
    *error = std::string("\"") + key + "\" is not an array";
    return false;
  }
  for (const json& v : *it) {
    if (!v.is_string()) {
      *error = std::string("\"") + key + "\" holds a non-string";
      return false;
    }
    out->push_back(v.get<std::string>());
  }
  return true;
}

bool ParseObservable(const json& value, Observable* out) {
  if (!value.is_string()) return false;
  const std::string s = value.get<std::string>();
  static const std::pair<const char*, Observable> kNames[] = {
      {"origin", Observable::kOrigin},
      {"intermediary", Observable::kIntermediary},
      {"client", Observable::kClient},
      {"none", Observable::kNone}};
  for (const auto& [name, o] : kNames) {
    if (s == name) {
      *out = o;
      return true;
    }
  }
  return false;
}

core::Expected<Requirement> ParseRequirement(const std::string& path, int rfc, size_t index,
                                             const json& entry) {
  std::string where = "requirement " + std::to_string(index + 1);
  if (!entry.is_object()) return Bad(path, where, "not an object");
  Requirement r;
  r.rfc = rfc;
  std::string error;
  if (!ReadString(entry, "id", true, &r.id, &error)) return Bad(path, where, error);
  where = r.id;
  if (!ReadString(entry, "section", true, &r.section, &error) ||
      !ReadString(entry, "title", true, &r.title, &error) ||
      !ReadString(entry, "text", true, &r.text, &error) ||
      !ReadString(entry, "lead_in", false, &r.lead_in, &error) ||
      !ReadString(entry, "context", false, &r.context, &error) ||
      !ReadString(entry, "reason", false, &r.reason, &error) ||
      !ReadString(entry, "plan", false, &r.plan, &error) ||
      !ReadString(entry, "note", false, &r.note, &error) ||
      !ReadStrings(entry, "keywords", &r.keywords, &error) ||
      !ReadStrings(entry, "binds", &r.binds, &error)) {
    return Bad(path, where, error);
  }
  if (r.id.rfind(std::to_string(rfc) + "-" + r.section + "-", 0) != 0) {
    return Bad(path, where, "the id does not begin with RFC-SECTION-");
  }
  if (r.keywords.empty()) return Bad(path, where, "no keywords");
  r.level = KeywordClass(r.keywords);
  auto obs = entry.find("observable");
  if (obs == entry.end() || obs->is_null()) {
    return Bad(path, where, "unclassified (\"observable\" is null: docs/requirements/README.md)");
  }
  if (!ParseObservable(*obs, &r.observable)) {
    return Bad(path, where, "\"observable\" is not origin, intermediary, client or none");
  }
  return r;
}

}  // namespace

const char* ObservableName(Observable observable) {
  switch (observable) {
    case Observable::kOrigin:
      return "origin";
    case Observable::kIntermediary:
      return "intermediary";
    case Observable::kClient:
      return "client";
    case Observable::kNone:
      return "none";
  }
  return "none";
}

core::Level KeywordClass(const std::vector<std::string>& keywords) {
  auto any = [&](std::initializer_list<const char*> names) {
    return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& k) {
      return std::any_of(names.begin(), names.end(), [&](const char* n) { return k == n; });
    });
  };
  if (any({"MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT"})) return core::Level::kMust;
  if (any({"SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED"})) return core::Level::kShould;
  return core::Level::kMay;
}

std::string TopSection(const std::string& section) { return section.substr(0, section.find('.')); }

core::Expected<CatalogueFile> ParseCatalogue(const std::string& path, const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Bad(path, "file", "not a JSON object");
  CatalogueFile file;
  auto rfc = doc.find("rfc");
  if (rfc == doc.end() || !rfc->is_number_integer()) return Bad(path, "file", "no integer \"rfc\"");
  file.rfc = rfc->get<int>();
  auto sections = doc.find("sections");
  if (sections == doc.end() || !sections->is_object()) {
    return Bad(path, "file", "no \"sections\" object");
  }
  for (const auto& [number, title] : sections->items()) {
    if (!title.is_string()) return Bad(path, "sections", number + " has no string title");
    file.sections[number] = title.get<std::string>();
  }
  auto list = doc.find("requirements");
  if (list == doc.end() || !list->is_array()) return Bad(path, "file", "no \"requirements\" array");
  std::set<std::string> ids;
  for (size_t i = 0; i < list->size(); ++i) {
    core::Expected<Requirement> r = ParseRequirement(path, file.rfc, i, (*list)[i]);
    if (!r) return r.error();
    if (!ids.insert(r->id).second) return Bad(path, r->id, "duplicate id");
    file.requirements.push_back(std::move(*r));
  }
  return file;
}

core::Expected<std::vector<CatalogueFile>> EmbeddedCatalogue() {
  std::vector<CatalogueFile> files;
  for (const cases::EmbeddedFile& f : EmbeddedCatalogueFiles()) {
    core::Expected<CatalogueFile> parsed = ParseCatalogue(f.path, f.text);
    if (!parsed) return parsed.error();
    files.push_back(std::move(*parsed));
  }
  std::sort(files.begin(), files.end(),
            [](const CatalogueFile& a, const CatalogueFile& b) { return a.rfc < b.rfc; });
  return files;
}

}  // namespace httpconform::requirements
