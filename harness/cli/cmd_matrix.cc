// `httpconform matrix REPORT.json... --out DIR [--expected DIR]`: many
// servers' JSON reports as one compatibility matrix, DIR/matrix.html (one
// offline page) and DIR/matrix.md. A server is named after its report's
// file (nginx.json -> nginx); its version is the first line of NAME.version
// beside the report (scripts/realservers.sh writes it), else the most
// common Server field in the report; NAME.about beside it, when present,
// says how the server serves the files (an application written for it).
// Reviews come from EXPECTED_DIR/NAME.json (tests/expected). Exit 0 when
// both files were written, 2 on unreadable or invalid input.
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/cli/ci_workflow.h"
#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "reports/matrix.h"
#include "reports/report.h"

namespace httpconform::cli {
namespace {

struct MatrixFlags {
  std::vector<std::string> reports;
  std::string out;
  std::string expected;
};

std::string BaseName(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0)
    base.resize(base.size() - 5);
  return base;
}

// PATH.json -> PATH.ext
std::string Beside(const std::string& report, const std::string& ext) {
  std::string stem = report;
  if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0)
    stem.resize(stem.size() - 5);
  return stem + "." + ext;
}

// The first line of a small side file, "" when there is none. Side files
// are ours (one line); only the first 200 bytes are kept.
std::string FirstLine(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "";
  char buf[256];
  const std::size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  std::string line(buf, n);
  line = line.substr(0, line.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line.substr(0, 200);
}

std::string MostCommonServerField(const core::RunResult& run) {
  std::map<std::string, int> seen;
  for (const core::CaseResult& r : run.results) {
    for (const core::StepResult& s : r.steps) {
      if (!s.response) continue;
      for (const core::Field& f : s.response->head.fields) {
        std::string name = f.name;
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "server") ++seen[f.value.substr(0, 200)];
      }
    }
  }
  std::string best;
  int count = 0;
  for (const auto& [value, n] : seen) {
    if (n > count) best = value, count = n;
  }
  return best;
}

int MatrixCommand(const MatrixFlags& flags) {
  std::vector<reports::MatrixServer> servers;
  for (const std::string& path : flags.reports) {
    core::Expected<std::string> text = ReadTextFile(path);
    if (!text) {
      std::fprintf(stderr, "httpconform matrix: %s\n", text.error().message.c_str());
      return kExitUsage;
    }
    core::Expected<core::RunResult> run = reports::ParseJsonReport(*text);
    if (!run) {
      std::fprintf(stderr, "httpconform matrix: %s: %s\n", path.c_str(),
                   run.error().message.c_str());
      return kExitUsage;
    }
    reports::MatrixServer server;
    server.name = BaseName(path);
    server.version = FirstLine(Beside(path, "version"));
    if (server.version.empty()) server.version = MostCommonServerField(*run);
    server.about = FirstLine(Beside(path, "about"));
    server.run = *std::move(run);
    if (!flags.expected.empty()) {
      const std::string exp_path = flags.expected + "/" + server.name + ".json";
      core::Expected<std::string> exp_text = ReadTextFile(exp_path);
      if (exp_text) {
        auto reviews = reports::ParseExpectedVerdicts(*exp_text);
        if (!reviews) {
          std::fprintf(stderr, "httpconform matrix: %s: %s\n", exp_path.c_str(),
                       reviews.error().message.c_str());
          return kExitUsage;
        }
        server.reviews = *std::move(reviews);
      }
    }
    servers.push_back(std::move(server));
  }
  const std::string html = flags.out + "/matrix.html";
  const std::string md = flags.out + "/matrix.md";
  for (const auto& [path, content] : {std::pair{html, reports::RenderMatrixHtml(servers)},
                                      std::pair{md, reports::RenderMatrixMarkdown(servers)}}) {
    core::Expected<void> written = reports::WriteFileAtomically(path, content);
    if (!written) {
      std::fprintf(stderr, "httpconform matrix: %s\n", written.error().message.c_str());
      return kExitUsage;
    }
    std::fprintf(stderr, "wrote %s (%zu bytes)\n", path.c_str(), content.size());
  }
  return kExitOk;
}

}  // namespace

void RegisterMatrixCommand(CommandRegistry& registry) {
  auto flags = std::make_shared<MatrixFlags>();
  CLI::App* cmd = registry.Add(
      "matrix",
      "Many servers' JSON reports as one compatibility matrix: DIR/matrix.html and DIR/matrix.md",
      [flags] { return MatrixCommand(*flags); });
  cmd->add_option("reports", flags->reports, "JSON reports, one per server (NAME.json)")
      ->required();
  cmd->add_option("--out", flags->out, "Directory to write matrix.html and matrix.md into")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--expected", flags->expected,
                  "Directory of reviewed verdicts, NAME.json per server (tests/expected)")
      ->check(CLI::ExistingDirectory);
  cmd->footer(
      "A server's version is read from NAME.version beside its report (else its Server field),\n"
      "how it serves the files from NAME.about. Exit status: 0 written, 2 on unreadable input.");
}

}  // namespace httpconform::cli
