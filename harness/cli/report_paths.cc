#include "harness/cli/report_paths.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

namespace httpconform::cli {
namespace fs = std::filesystem;

namespace {

core::Error Bad(const std::pair<std::string, std::string>& report, const std::string& why) {
  return core::MakeError(
      "usage", "httpconform run: --report " + report.first + ":" + report.second + ": " + why);
}

}  // namespace

core::Expected<void> CheckReportPaths(const ReportSpecs& reports) {
  std::map<std::string, std::string> seen;  // Normalized path -> the report that took it.
  for (const auto& report : reports) {
    const std::string& path = report.second;
    if (path == "-") {
      auto [it, inserted] = seen.emplace("-", report.first);
      if (!inserted) {
        return Bad(report, "standard output already takes the " + it->second +
                               " report; two reports on one stream cannot be read apart");
      }
      continue;
    }
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_directory(p, ec)) return Bad(report, "is a directory; give a file name");
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    if (!fs::exists(dir, ec)) return Bad(report, "directory " + dir.string() + " does not exist");
    if (!fs::is_directory(dir, ec)) return Bad(report, dir.string() + " is not a directory");
    // Reports are written to a temporary file beside the path, then renamed
    // (reports/report.h): the directory must be writable, not only the file.
    if (access(dir.c_str(), W_OK | X_OK) != 0) {
      return Bad(report, "directory " + dir.string() + " is not writable: " + std::strerror(errno));
    }
    if (fs::exists(p, ec) && access(p.c_str(), W_OK) != 0) {
      return Bad(report, "file is not writable: " + std::string(std::strerror(errno)));
    }
    const fs::path absolute = fs::absolute(p, ec);
    const std::string key = ec ? path : fs::weakly_canonical(absolute, ec).string();
    auto [it, inserted] = seen.emplace(ec ? path : key, report.first);
    if (!inserted) return Bad(report, "the " + it->second + " report is written there too");
  }
  return {};
}

}  // namespace httpconform::cli
