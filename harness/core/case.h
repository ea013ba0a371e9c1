// The declarative test case model: what the loader builds from cases/*.json
// and the runner executes. Strings in requests, checks and captures are
// templates: "${name}" is replaced at run time from --var, case vars, the
// built-ins (${scheme} ${host} ${port} ${authority} ${path}) and earlier
// captures. docs/case-format.md is the user-facing description of this shape.
#ifndef HTTPCONFORM_CORE_CASE_H_
#define HTTPCONFORM_CORE_CASE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/message.h"
#include "harness/core/origin.h"

namespace httpconform::core {

/// Requirement level of RFC 2119 / RFC 8174 keywords.
enum class Level { kMust, kShould, kMay };

/// "MUST", "SHOULD", "MAY".
const char* LevelName(Level level);
/// Parses "MUST"/"must", "SHOULD", "MAY"; nullopt otherwise.
std::optional<Level> ParseLevel(const std::string& text);

/// Where the requirement comes from.
struct SpecRef {
  int rfc = 0;
  std::string section;  ///< e.g. "13.1.2".
  Level level = Level::kMust;
  std::string quote;  ///< The requirement sentence, verbatim from the RFC.
};

/// A piece of a raw request: bytes sent after an optional pause, or after
/// waiting (up to wait_for_response_ms) for the server to start answering.
struct RawSegment {
  std::string bytes;  ///< Template; escapes were decoded by the loader.
  int delay_ms = 0;
  int wait_for_response_ms = 0;  ///< >0: wait for response bytes (or the timeout) first.
};

/// A request of one step: structured (method, target, fields, content) or raw bytes.
struct RequestSpec {
  bool raw = false;
  // Structured.
  std::string method = "GET";
  std::string target = "/";
  Fields headers;                   ///< In order; values are templates.
  std::optional<std::string> body;  ///< Content; Content-Length is added unless given.
  bool default_headers = true;      ///< Add Host and User-Agent unless present.
  int continue_wait_ms = 0;  ///< >0: send the head, wait up to N ms for a response, then content.
  // Raw.
  std::vector<RawSegment> segments;  ///< Sent in order on one connection.
  // Both.
  bool reuse_connection = false;  ///< Send on the connection the previous step left open.
  bool half_close = false;        ///< Shut down our sending side after the request.
};

/// One header assertion.
struct HeaderCheck {
  enum class Op {
    kPresent,
    kAbsent,
    kEquals,
    kMatches,
    kNotMatches,  ///< No field line's value has a match (an absent field passes).
    kListContains,
    kListExcludes,
    kCount
  };
  std::string name;
  Op op = Op::kPresent;
  std::string value;  ///< Template (equals, list members) or regex (matches, not_matches).
  int count = 0;      ///< For kCount: exact number of field lines with this name.
};

/// One content assertion.
struct ContentCheck {
  enum class Kind {
    kEmpty,
    kNonEmpty,
    kEquals,
    kMatches,
    kNotMatches,  ///< The regex finds no match in the content.
    kSize,
    kRangeOf,
    kSameAs,
    kMatchesContentRange,  ///< Bytes of step N's content named by this response's Content-Range.
  };
  Kind kind = Kind::kEmpty;
  std::string value;       ///< kEquals template, kMatches / kNotMatches regex.
  std::uint64_t size = 0;  ///< kSize.
  int step = 0;            ///< kRangeOf / kSameAs / kMatchesContentRange: earlier step (0-based).
  std::string first;       ///< kRangeOf: first byte offset, template (decimal).
  std::string last;        ///< kRangeOf: last byte offset, inclusive, template (decimal).
};

/// What a step expects the scripted origin to have received (proxy cases,
/// `origin_received`): checks on the requests that carried the step's tag.
struct OriginExpectation {
  std::optional<int> count;  ///< Requests with the step's tag; 0: none reached the origin.
  std::string method;        ///< Of the first such request; "" any.
  std::string version;       ///< HTTP-version of the first such request ("HTTP/1.1"); "" any.
  std::string target;        ///< Template; of the first such request; "" any.
  std::vector<HeaderCheck> headers;  ///< On the first such request's fields.
  std::string framing;               ///< "none", "content-length", "chunked"; "" any.
  std::optional<std::uint64_t>
      content_size;  ///< Bytes of the first request's (de-chunked) content.
};

/// A set of conditions on one exchange; all must hold. A list of them
/// (see Step) is a set of alternatives of which one must hold.
struct Expectation {
  std::vector<int> status;  ///< Acceptable final status codes; empty: any.
  std::vector<HeaderCheck> headers;
  std::vector<ContentCheck> content;
  std::optional<std::vector<int>> interim;  ///< Exact sequence of interim status codes.
  std::optional<bool> connection_closed;  ///< Server closed (true) or kept (false) the connection.
  std::vector<std::string> diagnostics_present;  ///< Wire diagnostic ids that must appear.
  std::vector<std::string>
      diagnostics_absent;  ///< Ids that must not appear; "*" means none at all.
  std::optional<bool> response_before_content;  ///< A response began before we sent content.
  std::optional<bool> no_response;  ///< The server sent nothing at all (closed or timed out).
  std::optional<OriginExpectation> origin_received;  ///< Proxy cases: what reached the origin.
  std::string because;  ///< Why; used in skip reasons and failure messages.
};

/// Saves a value from a response into a variable for later steps.
struct Capture {
  enum class Source { kHeader, kStatus, kContentRegex, kHeaderRegex };
  std::string var;
  Source source = Source::kHeader;
  std::string header;  ///< kHeader / kHeaderRegex.
  std::string regex;   ///< kContentRegex / kHeaderRegex: group 1 (or the whole match).
};

/// One request and what is asserted about its response.
struct Step {
  RequestSpec request;
  std::vector<Expectation> require;  ///< Alternatives; none met: the case is skipped.
  std::vector<Expectation> expect;   ///< Alternatives; none met: the case fails.
  std::vector<Capture> captures;
  std::string note;
  /// Proxy cases: how the scripted origin answers the request this step
  /// causes (matched by the step's tag, ${origin_path}).
  std::optional<OriginScript> origin;
};

/// A base case this case refines (the case file's "after"): the case runs
/// only when that one passed (docs/case-format.md, docs/verdicts.md).
struct Dependency {
  std::string id;
  /// JSON pointer of the id in the case file (`/cases/3/after/0`), located
  /// only when a message needs it (file:line:column of a dependency error).
  std::string pointer;
};

/// A test case, loaded once from a case file.
struct Case {
  std::string id;  ///< Stable, dotted: "conditional.if-none-match.304".
  std::string title;
  SpecRef spec;
  std::vector<int> codes;
  std::vector<std::string> tags;
  std::map<std::string, std::optional<std::string>> vars;  ///< nullopt: must be given by --var.
  std::vector<std::string> killed_by;
  std::string unkillable;  ///< Non-empty: why no server-side fault can make it fail.
  int timeout_ms = 0;      ///< 0: use the run's --timeout.
  /// The rule binds HTTP/1.1 messages only: a server that answers in HTTP/1.0
  /// handles the request as HTTP/1.0 (RFC 9110 §6.2), so the case is skipped.
  bool http11_only = false;
  /// The HTTP versions the case applies to ("1.1", "2"); empty: both. Over
  /// another version it is skipped, with `http_reason` as the reason.
  std::vector<std::string> http;
  /// Why it applies to `http` only: the loader's inference ("raw request
  /// bytes are HTTP/1.1 messages") or the case file's "http" member.
  std::string http_reason;
  /// Whether the case runs over HTTP version `version` ("1.1" or "2").
  bool AppliesToHttp(const std::string& version) const {
    if (http.empty()) return true;
    for (const std::string& v : http) {
      if (v == version) return true;
    }
    return false;
  }
  /// Runs (each on fresh connections) before a failure stands: for verdicts
  /// one exchange cannot establish (a server MAY close any connection at any
  /// time, RFC 9112 §9.5). 1: the usual single run.
  int attempts = 1;
  std::vector<Step> steps;
  std::vector<Dependency> after;  ///< Base cases; this one runs only when all of them passed.
  /// Set by case selection, not by the case file: the selected cases that
  /// refine this one when it was not selected itself (run --only/--tag pull
  /// in the bases of what they select). Empty when it was selected.
  std::vector<std::string> pulled_in_by;
  std::string file;  ///< Where it was loaded from (for messages).
  int line = 0;
  /// A proxy case: some step scripts the origin. Only `httpconform proxy`
  /// runs these, and it runs nothing else.
  bool IsProxyCase() const {
    for (const Step& s : steps) {
      if (s.origin) return true;
    }
    return false;
  }
};

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_CASE_H_
