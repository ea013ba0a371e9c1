// Merging findings. Two shards, or two machines, that hit the same broken
// rule usually minimize it to the same request (minimization is
// deterministic: campaign.cc), and then their findings have the same bytes
// and the same id; findings are keyed by the reproducer itself, not by the
// id, so that the same bytes sent in other segments (a timing finding) stay
// apart and a changed id scheme cannot merge what differs. The reproducer of
// a finding is its .bin (the exact bytes) with the request of its case file
// (the segments and their delays); the first of each key, in the order the
// directories are given, is copied with both files to the output, each
// written to a temporary name and renamed. Bounds: a file is read whole, and
// .bin files are the capped requests the campaign wrote.
#include "harness/netfuzz/merge.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>

namespace httpconform::netfuzz {
namespace {

namespace fs = std::filesystem;

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

bool WriteAtomically(const fs::path& path, const std::string& bytes) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << bytes;
    if (!out) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

// The request of a finding's case file: its first step's segments.
core::Expected<std::string> CaseRequest(const fs::path& path, const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json* segments = nullptr;
  if (json.is_object() && json.contains("cases") && json["cases"].is_array() &&
      !json["cases"].empty()) {
    const auto& c = json["cases"][0];
    if (c.contains("steps") && c["steps"].is_array() && !c["steps"].empty()) {
      const auto& step = c["steps"][0];
      if (step.contains("request") && step["request"].contains("raw") &&
          step["request"]["raw"].contains("segments")) {
        segments = &step["request"]["raw"]["segments"];
      }
    }
  }
  if (segments == nullptr) {
    return core::MakeError("usage", path.string() + ": not a finding's case file");
  }
  return segments->dump();
}

}  // namespace

core::Expected<MergeResult> MergeFindings(const std::vector<std::string>& dirs,
                                          const std::string& out_dir) {
  if (dirs.empty()) return core::MakeError("usage", "no directory to merge");
  MergeResult result;
  std::map<std::string, std::string> kept;                // Reproducer -> id kept.
  std::vector<std::pair<fs::path, std::string>> to_copy;  // (.json path, id)
  for (const std::string& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> cases;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".json") cases.push_back(it->path());
    }
    if (ec) return core::MakeError("usage", dir + ": " + ec.message());
    std::sort(cases.begin(), cases.end());
    for (const fs::path& json_path : cases) {
      fs::path bin_path = json_path;
      bin_path.replace_extension(".bin");
      std::string text, bytes;
      if (!ReadFile(json_path, &text) || !ReadFile(bin_path, &bytes)) {
        return core::MakeError("usage", json_path.string() + ": cannot read it and its .bin");
      }
      auto request = CaseRequest(json_path, text);
      if (!request) return request.error();
      ++result.findings;
      const std::string id = json_path.stem().string();
      const auto [at, inserted] = kept.emplace(bytes + '\0' + *request, id);
      if (!inserted) {
        result.duplicates.push_back((fs::path(dir) / id).string() + " = " + at->second);
        continue;
      }
      result.kept.push_back(id);
      to_copy.emplace_back(json_path, id);
    }
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return core::MakeError("usage", out_dir + ": " + ec.message());
  for (const auto& [json_path, id] : to_copy) {
    fs::path bin_path = json_path;
    bin_path.replace_extension(".bin");
    for (const fs::path& from : {bin_path, json_path}) {
      std::string bytes;
      if (!ReadFile(from, &bytes) || !WriteAtomically(fs::path(out_dir) / from.filename(), bytes)) {
        return core::MakeError("usage", "cannot copy " + from.string() + " to " + out_dir);
      }
    }
  }
  return result;
}

}  // namespace httpconform::netfuzz
