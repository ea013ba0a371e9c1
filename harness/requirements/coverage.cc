// Quote matching works on "squashed" text: every whitespace character
// removed, as tests/quote_check.py compares quotes with the RFC, so a quote
// wrapped or spaced differently still matches. Keywords are found in the
// text with its spaces (word boundaries matter: "MAY" in "MAYBE" is none)
// and their positions carried over into the squashed text, so the check
// "a keyword of the quote's level lies inside the quoted part" is exact.
#include "harness/requirements/coverage.h"

#include <cctype>
#include <cstdio>
#include <set>

#include "harness/core/status_registry.h"

namespace httpconform::requirements {
namespace {

struct Keyword {
  core::Level level;
  size_t begin, end;  ///< in the squashed text
};

struct Squashed {
  std::string text;
  std::vector<Keyword> keywords;
};

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The class of one uppercase word, or false when it is no BCP 14 keyword.
// "MUST NOT" and "NOT RECOMMENDED" take the class of MUST and RECOMMENDED.
bool WordLevel(const std::string& word, core::Level* level) {
  if (word == "MUST" || word == "REQUIRED" || word == "SHALL") {
    *level = core::Level::kMust;
  } else if (word == "SHOULD" || word == "RECOMMENDED") {
    *level = core::Level::kShould;
  } else if (word == "MAY" || word == "OPTIONAL") {
    *level = core::Level::kMay;
  } else {
    return false;
  }
  return true;
}

Squashed Squash(const std::string& text) {
  Squashed out;
  for (size_t i = 0; i < text.size();) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    if (!IsWord(text[i])) {
      out.text += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWord(text[j])) ++j;
    std::string word = text.substr(i, j - i);
    core::Level level;
    if (WordLevel(word, &level)) {
      out.keywords.push_back({level, out.text.size(), out.text.size() + word.size()});
    }
    out.text += word;
    i = j;
  }
  return out;
}

// The quote's pieces between "..." elisions, squashed, empty ones dropped.
std::vector<std::string> Pieces(const std::string& quote) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (true) {
    size_t dots = quote.find("...", start);
    std::string piece = Squash(quote.substr(start, dots - start)).text;
    if (!piece.empty()) pieces.push_back(piece);
    if (dots == std::string::npos) break;
    start = dots + 3;
  }
  return pieces;
}

// Mode A: the pieces lie, in order, in the requirement's context and text
// (reaching the text), with a keyword of `level` inside a piece and inside
// the text — or, for a list requirement, inside its lead-in when the quote
// lies within the list. `level` nullptr: no keyword check (for diagnosis).
bool WithinRequirement(const std::vector<std::string>& pieces, const Requirement& r, bool repeated,
                       const core::Level* level) {
  const Squashed hay = Squash(r.context.empty() ? r.text : r.context + " " + r.text);
  const size_t text_begin = Squash(r.context).text.size();
  const size_t list_begin = text_begin + Squash(r.lead_in).text.size();
  // Try every occurrence of the first piece, so that a piece that also
  // appears in the context does not hide the match in the text.
  for (size_t first = hay.text.find(pieces[0]); first != std::string::npos;
       first = hay.text.find(pieces[0], first + 1)) {
    std::vector<std::pair<size_t, size_t>> spans{{first, first + pieces[0].size()}};
    bool found = true;
    for (size_t p = 1; p < pieces.size() && found; ++p) {
      size_t at = hay.text.find(pieces[p], spans.back().second);
      found = at != std::string::npos;
      if (found) spans.push_back({at, at + pieces[p].size()});
    }
    if (!found) break;  // later starts cannot find what this one could not
    if (spans.back().second <= text_begin) continue;  // within the context alone
    if (repeated && first >= text_begin) continue;    // does not say which of the two
    if (level == nullptr) return true;
    for (const Keyword& k : hay.keywords) {
      if (k.level != *level || k.begin < text_begin) continue;
      for (const auto& [b, e] : spans) {
        if (b <= k.begin && k.end <= e) return true;
      }
      if (!r.lead_in.empty() && first >= list_begin && k.end <= list_begin) return true;
    }
  }
  return false;
}

// Mode B: one piece holds the whole sentence (a quote of several sentences).
bool HoldsRequirement(const std::vector<std::string>& pieces, const Requirement& r, bool repeated) {
  if (repeated) return false;
  const std::string text = Squash(r.text).text;
  for (const std::string& p : pieces) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

bool TextMatches(const Quote& quote, const Requirement& r, bool repeated, bool check_keyword) {
  const std::vector<std::string> pieces = Pieces(quote.text);
  if (pieces.empty()) return false;
  return WithinRequirement(pieces, r, repeated, check_keyword ? &quote.level : nullptr) ||
         HoldsRequirement(pieces, r, repeated);
}

// "RFC 9110 §15.2" -> 9110, "15.2".
bool ParseReference(const std::string& reference, int* rfc, std::string* section) {
  const std::string mark = " \xc2\xa7";  // " §"
  size_t at = reference.find(mark);
  if (reference.rfind("RFC ", 0) != 0 || at == std::string::npos) return false;
  *rfc = std::atoi(reference.substr(4, at - 4).c_str());
  *section = reference.substr(at + mark.size());
  return *rfc > 0 && !section->empty();
}

// Whether the sentence of `r` occurs more than once in its section.
std::set<std::string> RepeatedIds(const std::vector<CatalogueFile>& catalogue) {
  std::map<std::string, std::vector<std::string>> by_text;
  for (const CatalogueFile& f : catalogue) {
    for (const Requirement& r : f.requirements) {
      by_text[std::to_string(r.rfc) + " " + r.section + " " + Squash(r.text).text].push_back(r.id);
    }
  }
  std::set<std::string> repeated;
  for (const auto& [text, ids] : by_text) {
    if (ids.size() > 1) repeated.insert(ids.begin(), ids.end());
  }
  return repeated;
}

std::string WhyOutside(const Quote& q, const std::vector<CatalogueFile>& catalogue,
                       const std::set<std::string>& repeated) {
  const CatalogueFile* file = nullptr;
  for (const CatalogueFile& f : catalogue) file = f.rfc == q.rfc ? &f : file;
  if (file == nullptr) return "RFC " + std::to_string(q.rfc) + " is not in the catalogue";
  for (const Requirement& r : file->requirements) {
    bool rep = repeated.count(r.id) > 0;
    if (!TextMatches(q, r, rep, /*check_keyword=*/false)) continue;
    if (r.section != q.section) {
      return "the quoted sentence is in \xc2\xa7" + r.section + " (" + r.id +
             "), the quote cites \xc2\xa7" + q.section;
    }
    if (r.level != q.level) {
      return std::string("the quoted sentence is a ") + core::LevelName(r.level) +
             " requirement (" + r.id + "), the quote is at " + core::LevelName(q.level);
    }
    return std::string("the quoted part of ") + r.id + " has no " + core::LevelName(q.level) +
           " keyword";
  }
  return "not within a keyword sentence of RFC " + std::to_string(q.rfc) + " \xc2\xa7" + q.section +
         " (a sentence without BCP 14 keywords, or a quote across sentences)";
}

}  // namespace

std::vector<Quote> CaseQuotes(const std::vector<core::Case>& cases) {
  std::vector<Quote> quotes;
  for (const core::Case& c : cases) {
    quotes.push_back({c.id, c.spec.rfc, c.spec.section, c.spec.level, c.spec.quote});
  }
  return quotes;
}

std::vector<Quote> StatusRuleQuotes() {
  std::vector<Quote> quotes;
  for (const core::StatusRule& rule : core::AllStatusRules()) {
    Quote q{"rule:" + rule.id, 0, "", rule.level, rule.quote};
    if (ParseReference(rule.section, &q.rfc, &q.section)) quotes.push_back(q);
    // The same rule stated in another section covers that sentence too.
    for (const core::RuleStatement& also : rule.also_stated) {
      Quote a{"rule:" + rule.id, 0, "", rule.level, also.quote};
      if (ParseReference(also.section, &a.rfc, &a.section)) quotes.push_back(a);
    }
  }
  return quotes;
}

bool Covers(const Quote& quote, const Requirement& requirement, bool repeated) {
  return quote.rfc == requirement.rfc && quote.section == requirement.section &&
         quote.level == requirement.level &&
         TextMatches(quote, requirement, repeated, /*check_keyword=*/true);
}

Coverage ComputeCoverage(const std::vector<CatalogueFile>& catalogue,
                         const std::vector<Quote>& quotes) {
  Coverage coverage;
  const std::set<std::string> repeated = RepeatedIds(catalogue);
  for (const Quote& q : quotes) {
    bool any = false;
    for (const CatalogueFile& f : catalogue) {
      if (f.rfc != q.rfc) continue;
      for (const Requirement& r : f.requirements) {
        if (Covers(q, r, repeated.count(r.id) > 0)) {
          coverage.covered_by[r.id].push_back(q.source);
          any = true;
        }
      }
    }
    if (!any) coverage.outside.push_back({q, WhyOutside(q, catalogue, repeated)});
  }
  return coverage;
}

Matrix Tabulate(const std::vector<CatalogueFile>& catalogue, const Coverage& coverage) {
  Matrix m;
  for (const CatalogueFile& f : catalogue) {
    Tallies& rfc = m.rfcs[f.rfc];
    for (const Requirement& r : f.requirements) {
      const std::string top = TopSection(r.section);
      if (m.sections.empty() || m.sections.back().rfc != f.rfc ||
          m.sections.back().section != top) {
        auto title = f.sections.find(top);
        m.sections.push_back({f.rfc, top, title == f.sections.end() ? "" : title->second, {}});
      }
      const bool origin = r.observable == Observable::kOrigin;
      const bool covered = origin && coverage.covered_by.count(r.id) > 0;
      for (Tallies* t : {&m.sections.back().tallies, &rfc}) {
        Tally& tally = (*t)[static_cast<int>(r.level)];
        tally.total += 1;
        tally.origin += origin;
        tally.covered += covered;
      }
    }
  }
  for (int rfc : {9110, 9112}) {
    auto it = m.rfcs.find(rfc);
    if (it == m.rfcs.end()) continue;
    for (int level = 0; level < 3; ++level) {
      m.semantics_and_messaging[level].covered += it->second[level].covered;
      m.semantics_and_messaging[level].origin += it->second[level].origin;
      m.semantics_and_messaging[level].total += it->second[level].total;
    }
  }
  return m;
}

std::string Percent(const Tally& tally) {
  if (tally.origin == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * tally.covered / tally.origin);
  return buf;
}

}  // namespace httpconform::requirements
