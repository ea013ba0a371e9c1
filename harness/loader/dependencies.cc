// Cycle detection is an iterative depth-first search (a user's file may chain
// thousands of cases; recursion would tie stack use to that). A cycle is
// reported once per back edge, at the "after" entry that closes it, with the
// whole loop spelled out, so the author sees which link to cut.
#include "harness/loader/dependencies.h"

#include <map>
#include <memory>
#include <set>
#include <utility>

#include "harness/loader/json_locator.h"
#include "harness/loader/suggest.h"

namespace httpconform::loader {
namespace {

using core::Case;

// Locates JSON pointers in the source files, one full scan per file, built
// only when an error needs it.
class Locations {
 public:
  explicit Locations(const std::vector<SourceFile>& files) : files_(files) {}

  LoadError At(const Case& c, const std::string& pointer, std::string message) {
    LoadError e;
    e.file = c.file;
    e.pointer = pointer;
    e.message = std::move(message);
    const SourceFile* file = nullptr;
    for (const SourceFile& f : files_) {
      if (f.path == c.file) file = &f;
    }
    if (file == nullptr) return e;
    auto& located = located_[file];
    if (!located) located = std::make_unique<Located>(file->text);
    const std::size_t offset = located->locator.NearestValueOffset(pointer);
    const LineColumn lc = located->lines.At(offset);
    e.line = lc.line;
    e.column = lc.column;
    e.source_line = std::string(located->lines.Line(offset));
    return e;
  }

 private:
  struct Located {
    explicit Located(const std::string& text) : locator(text), lines(text) {}
    JsonLocator locator;
    LineIndex lines;
  };
  const std::vector<SourceFile>& files_;
  std::map<const SourceFile*, std::unique_ptr<Located>> located_;
};

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

std::vector<Case> MergeCases(std::vector<Case> base, std::vector<Case> extra) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < base.size(); ++i) index[base[i].id] = i;
  for (Case& c : extra) {
    auto it = index.find(c.id);
    if (it != index.end()) {
      base[it->second] = std::move(c);
    } else {
      index[c.id] = base.size();
      base.push_back(std::move(c));
    }
  }
  return base;
}

std::vector<LoadError> CheckDependencies(const std::vector<Case>& cases,
                                         const std::vector<SourceFile>& files) {
  std::vector<LoadError> errors;
  Locations where(files);
  std::map<std::string, std::size_t> index;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    index.emplace(cases[i].id, i);
    ids.push_back(cases[i].id);
  }
  // Edges to known cases; unknown ids are errors of their own.
  std::vector<std::vector<std::pair<std::size_t, const core::Dependency*>>> edges(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    for (const core::Dependency& d : cases[i].after) {
      auto it = index.find(d.id);
      if (it != index.end()) {
        edges[i].emplace_back(it->second, &d);
        continue;
      }
      std::string message = "unknown case id " + Quote(d.id) + " in \"after\"";
      const std::string suggestion = Suggest(d.id, ids);
      if (!suggestion.empty()) message += " (did you mean " + Quote(suggestion) + "?)";
      errors.push_back(where.At(cases[i], d.pointer, message));
    }
  }
  // 0: not visited, 1: on the current path, 2: done.
  std::vector<int> state(cases.size(), 0);
  struct Frame {
    std::size_t node;
    std::size_t next_edge;
  };
  for (std::size_t root = 0; root < cases.size(); ++root) {
    if (state[root] != 0) continue;
    std::vector<Frame> path = {{root, 0}};
    state[root] = 1;
    while (!path.empty()) {
      Frame& top = path.back();
      if (top.next_edge == edges[top.node].size()) {
        state[top.node] = 2;
        path.pop_back();
        continue;
      }
      const auto [to, dep] = edges[top.node][top.next_edge++];
      if (state[to] == 0) {
        state[to] = 1;
        path.push_back({to, 0});
      } else if (state[to] == 1) {
        // A back edge: the loop is the path from `to` down to here, then `to`.
        std::string loop;
        bool in_loop = false;
        for (const Frame& f : path) {
          in_loop = in_loop || f.node == to;
          if (in_loop) loop += cases[f.node].id + " -> ";
        }
        loop += cases[to].id;
        errors.push_back(where.At(
            cases[top.node], dep->pointer,
            "dependency cycle in \"after\": " + loop + " (a case cannot run after itself)"));
      }
    }
  }
  return errors;
}

std::vector<Case> WithBases(std::vector<Case> all, const std::vector<bool>& selected) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < all.size(); ++i) index[all[i].id] = i;
  // For every case: the selected cases that need it (directly or through
  // other bases), found by walking down from each selected case.
  std::vector<std::set<std::string>> needed_by(all.size());
  for (std::size_t s = 0; s < all.size(); ++s) {
    if (!selected[s]) continue;
    std::vector<std::size_t> stack = {s};
    std::set<std::size_t> seen = {s};
    while (!stack.empty()) {
      const std::size_t at = stack.back();
      stack.pop_back();
      for (const core::Dependency& d : all[at].after) {
        auto it = index.find(d.id);
        if (it == index.end() || !seen.insert(it->second).second) continue;
        needed_by[it->second].insert(all[s].id);
        stack.push_back(it->second);
      }
    }
  }
  std::vector<Case> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!selected[i] && needed_by[i].empty()) continue;
    if (!selected[i]) {
      all[i].pulled_in_by.assign(needed_by[i].begin(), needed_by[i].end());
    }
    out.push_back(std::move(all[i]));
  }
  return out;
}

std::vector<LoadError> LintLibrary(const std::vector<SourceFile>& builtin,
                                   const std::vector<SourceFile>& extra) {
  std::vector<Case> base_cases, extra_cases;
  // Built-in errors first: they are the library's, not the user's.
  std::vector<LoadError> errors = LintCases(builtin, &base_cases);
  std::vector<LoadError> extra_errors = LintCases(extra, &extra_cases);
  errors.insert(errors.end(), extra_errors.begin(), extra_errors.end());
  if (!errors.empty()) return errors;  // Dependencies only between cases that loaded.
  std::vector<SourceFile> all = builtin;
  all.insert(all.end(), extra.begin(), extra.end());
  return CheckDependencies(MergeCases(std::move(base_cases), std::move(extra_cases)), all);
}

core::Expected<std::vector<Case>> LoadLibrary(const std::vector<SourceFile>& builtin,
                                              const std::vector<SourceFile>& extra) {
  core::Expected<std::vector<Case>> base = LoadCases(builtin);
  if (!base) return base.error();
  core::Expected<std::vector<Case>> more = LoadCases(extra);
  if (!more) return more.error();
  std::vector<Case> all = MergeCases(std::move(*base), std::move(*more));
  std::vector<SourceFile> files = builtin;
  files.insert(files.end(), extra.begin(), extra.end());
  std::vector<LoadError> errors = CheckDependencies(all, files);
  if (!errors.empty()) return core::MakeError("case-file", errors.front().Format());
  return all;
}

}  // namespace httpconform::loader
