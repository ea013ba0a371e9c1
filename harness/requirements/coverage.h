// Which requirements of the catalogue the case library covers. A case (or a
// passive status-code rule) covers a requirement when its quote lies within
// the requirement's sentence, in the same RFC section, at the requirement's
// keyword class, with a keyword of that class inside the quoted part — the
// rules of docs/requirements/README.md ("Coverage"), strict so that a case
// cannot cover a sentence it does not test.
#ifndef HTTPCONFORM_REQUIREMENTS_COVERAGE_H_
#define HTTPCONFORM_REQUIREMENTS_COVERAGE_H_

#include <array>
#include <map>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/requirements/catalogue.h"

namespace httpconform::requirements {

/// A quoted requirement: a case's spec, or a passive rule's.
struct Quote {
  std::string source;  ///< the case id, or "rule:" and the rule id
  int rfc = 0;
  std::string section;
  core::Level level = core::Level::kMust;
  std::string text;
};

/// The quotes of `cases` (their spec).
std::vector<Quote> CaseQuotes(const std::vector<core::Case>& cases);
/// The quotes of the status-code registry's rules whose section reads "RFC N §S".
std::vector<Quote> StatusRuleQuotes();

/// Whether `quote` covers `requirement`. `repeated`: the requirement's
/// sentence occurs more than once in its section, so only a quote that
/// starts in its context (the sentences before it) can say it means this one.
bool Covers(const Quote& quote, const Requirement& requirement, bool repeated);

/// A quote that covers no requirement, and why.
struct Outside {
  Quote quote;
  std::string why;
};

/// What the quotes cover.
struct Coverage {
  std::map<std::string, std::vector<std::string>> covered_by;  ///< requirement id -> sources
  std::vector<Outside> outside;                                ///< in the order of the quotes
};

Coverage ComputeCoverage(const std::vector<CatalogueFile>& catalogue,
                         const std::vector<Quote>& quotes);

/// Counts for one keyword class: origin-observable requirements a quote
/// covers, origin-observable requirements, all requirements.
struct Tally {
  int covered = 0;
  int origin = 0;
  int total = 0;
};
/// Indexed by core::Level (kMust, kShould, kMay).
using Tallies = std::array<Tally, 3>;

/// One top-level section of one RFC.
struct SectionTally {
  int rfc = 0;
  std::string section;  ///< "13"
  std::string title;
  Tallies tallies;
};

/// The matrix: per RFC and top-level section, per RFC, and RFC 9110 and
/// RFC 9112 together (the figures the project's target is about).
struct Matrix {
  std::vector<SectionTally> sections;  ///< RFC order, then section order
  std::map<int, Tallies> rfcs;
  Tallies semantics_and_messaging;  ///< RFC 9110 + RFC 9112
};

Matrix Tabulate(const std::vector<CatalogueFile>& catalogue, const Coverage& coverage);

/// covered / origin as a percentage with one decimal ("46.7"); "-" for 0/0.
std::string Percent(const Tally& tally);

}  // namespace httpconform::requirements

#endif  // HTTPCONFORM_REQUIREMENTS_COVERAGE_H_
