// Autodiscovery: finds, on an unknown server, the resources the case library
// needs, instead of skipping every case whose default (a route of the
// reference server) does not exist there.
//
// Each variable discovery understands has a role with a test on a probe's
// response: `resource`, `data`, `second` want a static representation with
// ETag, Last-Modified and Accept-Ranges: bytes (and, when chosen from links,
// at least 20 bytes of content, enough for range cases); `weak` a weak ETag;
// `missing` a 404 or 410; `protected` a 401 with WWW-Authenticate;
// `readonly` an existing resource whose OPTIONS Allow does not list DELETE;
// `redirect` (any of 301, 302, 307, 308) and `redirect_301` ... `redirect_308`
// a redirect of that status, looked for where every static server has one:
// the directory of a resource found, requested without its trailing slash.
// The case defaults are probed first: a default that passes is kept, so a
// server that already serves the defaults (the reference server) runs exactly
// as without discovery. Only when a default fails does discovery look
// further: it GETs the run's URL and follows the href/src links it serves
// (same origin only, breadth first), and replaces that default with the best
// candidate found. Every probe is bounded: at most `max_probes` requests and
// `budget_ms` in all; a probe that times out ends discovery (a server that
// does not answer has nothing to discover), and so does `stop`. Memory too:
// a probe keeps its content (within the run's content budget) only while
// its links may still be walked, and a page's links are queued only as far
// as the probes left can reach, so a page of 100,000 links costs what its
// first few do. The result is a map for
// RunOptions::replaced_defaults and the notes that say what was chosen and why.
#ifndef HTTPCONFORM_RUNNER_DISCOVERY_H_
#define HTTPCONFORM_RUNNER_DISCOVERY_H_

#include <atomic>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/case.h"
#include "harness/transport/transport.h"

namespace httpconform::runner {

/// Bounds and identity of discovery probes.
struct DiscoveryOptions {
  int max_probes = 20;            ///< Requests in all (GET and OPTIONS).
  int budget_ms = 15000;          ///< Wall-clock budget for the whole discovery.
  int request_timeout_ms = 3000;  ///< Per probe.
  std::string user_agent = "httpconform";
  const std::atomic<bool>* stop = nullptr;  ///< When true, no further probe is sent.
};

/// What discovery chose.
struct DiscoveryResult {
  /// Variable -> (case default, "" for a null one -> replacement); feed to
  /// RunOptions::replaced_defaults.
  std::map<std::string, std::map<std::string, std::string>> replaced_defaults;
  std::vector<std::string> notes;  ///< One line per variable: what and why.
  int probes = 0;                  ///< Requests sent.
  /// Every probe sent timed out without a byte: the target accepts
  /// connections but does not answer, and a run would only wait.
  bool silent = false;
  /// Variable -> the probed paths that could serve its role, best first,
  /// each "PATH (what was seen)", at most 3: what to try with --var when
  /// cases using the variable skip.
  std::map<std::string, std::vector<std::string>> candidates;
};

/// The variable names discovery knows how to find.
std::vector<std::string> DiscoverableVars();

/// Probes `transport` for the discoverable variables used by `cases` and not
/// in `given` (the --var values, which always win).
DiscoveryResult Discover(const std::vector<core::Case>& cases, const transport::Target& target,
                         transport::Transport& transport,
                         const std::map<std::string, std::string>& given,
                         const DiscoveryOptions& options = {});

/// The href/src links of an HTML document at `page_path` that stay on
/// `target`'s origin, as absolute paths (query kept, fragment dropped),
/// deduplicated, in document order.
std::vector<std::string> ExtractSameOriginLinks(std::string_view html, const std::string& page_path,
                                                const transport::Target& target);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_DISCOVERY_H_
