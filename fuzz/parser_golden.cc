// The response parser's observable behaviour pinned over the fuzz corpora:
// for every input, the Dump() (heads, fields, content summary and every
// diagnostic with its offset) and each diagnostic's detail text, under four
// settings — default and response_head's small limits, as the answer to GET
// and to HEAD, and with the stream left open — hashed into one line "<file> <FNV-1a 64>". A change
// made for speed must leave every line as it was: `--check GOLDEN DIR...`
// (ctest fuzz_parser_golden) prints each input whose line changed, and
// `--write GOLDEN DIR...` records the lines after a deliberate change.
// Inputs are named by their file name (the corpora name them by sha1).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz/response_head_limits.h"
#include "harness/wire/response_parser.h"

namespace {

namespace fs = std::filesystem;
using httpconform::wire::ParserLimits;
using httpconform::wire::ResponseContext;

std::uint64_t Fnv1a64(const std::string& text, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string Line(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const bool small : {false, true}) {
    for (const bool head : {false, true}) {
      for (const bool eof : {true, false}) {
        ResponseContext context;
        context.head_request = head;
        const auto response = httpconform::wire::ParseResponse(
            bytes, context, eof, small ? httpconform::fuzz::ResponseHeadLimits() : ParserLimits{});
        std::string text = httpconform::wire::Dump(response);
        // Dump() leaves the details out; they are part of what is pinned.
        for (const auto& d : response.diagnostics) text += d.id + ": " + d.detail + '\n';
        h = Fnv1a64(text + "--\n", h);
      }
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || (std::string(argv[1]) != "--check" && std::string(argv[1]) != "--write")) {
    std::fprintf(stderr, "usage: %s --check|--write GOLDEN DIR...\n", argv[0]);
    return 2;
  }
  std::map<std::string, std::string> lines;  // Sorted by name: a stable file.
  for (int i = 3; i < argc; ++i) {
    if (!fs::is_directory(argv[i])) {
      std::fprintf(stderr, "not a directory: %s\n", argv[i]);
      return 2;
    }
    for (const auto& entry : fs::directory_iterator(argv[i])) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), {});
      lines[entry.path().filename().string()] = Line(bytes);
    }
  }
  const std::string golden = argv[2];
  if (std::string(argv[1]) == "--write") {
    std::ofstream out(golden, std::ios::binary);
    for (const auto& [name, hash] : lines) out << name << ' ' << hash << '\n';
    std::printf("%zu inputs written to %s\n", lines.size(), golden.c_str());
    return out ? 0 : 1;
  }
  std::ifstream in(golden);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", golden.c_str());
    return 2;
  }
  std::map<std::string, std::string> want;
  std::string name, hash;
  while (in >> name >> hash) want[name] = hash;
  int changed = 0;
  for (const auto& [n, h] : lines) {
    const auto it = want.find(n);
    if (it == want.end()) {
      std::printf("not in %s: %s (run --write after checking it)\n", golden.c_str(), n.c_str());
      ++changed;
    } else if (it->second != h) {
      std::printf("parse changed: %s\n", n.c_str());
      ++changed;
    }
  }
  for (const auto& [n, h] : want) {
    if (lines.count(n) == 0) {
      std::printf("input gone: %s\n", n.c_str());
      ++changed;
    }
  }
  std::printf("%zu inputs, %d changed\n", lines.size(), changed);
  return changed == 0 ? 0 : 1;
}
