// A fuzzing campaign against one live server: the loop, minimization of
// findings, their files (raw bytes + a replayable case), and the campaign
// report (JSON per reports/fuzz-report.schema.json, and HTML). See
// campaign.cc for the design.
#ifndef HTTPCONFORM_NETFUZZ_CAMPAIGN_H_
#define HTTPCONFORM_NETFUZZ_CAMPAIGN_H_

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/netfuzz/client.h"
#include "harness/netfuzz/mutators.h"
#include "harness/netfuzz/oracle.h"

namespace httpconform::netfuzz {

/// Flags of `httpconform fuzz`.
struct FuzzOptions {
  std::string url;
  std::uint64_t seed = 1;
  double duration_s = 60;
  std::int64_t max_requests = 1000000;
  int timeout_ms = 3000;
  int jobs = 1;  ///< Worker threads (--workers), each on its own connections.
  Shard shard;   ///< This process's share of the campaign (--shard K/N).
  std::string out_dir = "fuzz-findings";  ///< "" : do not write finding files.
  std::string tool_version = "0";
  std::ostream* progress = nullptr;  ///< Progress lines (stderr); nullptr: silent.
  bool progress_tty = false;         ///< Rewrite one line (\r) instead of printing lines.
  int liveness_every = 50;           ///< Base request on a new connection every N requests.
  /// Silence (ms) that ends the exchange of a request that cannot be complete
  /// (no hang can be judged there); -1 waits out timeout_ms as for the rest.
  int incomplete_quiet_ms = 200;
};

/// One minimized, reproducible finding.
struct Finding {
  std::string id;  ///< "<kind>-<8 hex>", stable for the same bytes.
  std::string kind;
  std::string reason;
  Rule rule;
  Verdict verdict = Verdict::kValid;
  std::string plan;     ///< DescribePlan() of the minimized plan.
  std::string request;  ///< Exact bytes sent.
  std::vector<Piece> pieces;
  std::string response;  ///< Bytes received (capped at 4 KiB here).
  std::vector<int> statuses;
  std::string bin_path;   ///< Where the bytes were saved, or "".
  std::string case_path;  ///< Where the case file was saved, or "".
};

/// What a campaign did.
struct CampaignResult {
  std::string target;
  std::uint64_t seed = 0;
  Shard shard;
  std::string started_at;  ///< ISO 8601 UTC.
  double duration_ms = 0;
  std::int64_t requests = 0;
  double requests_per_second = 0;
  bool stopped_early = false;
  std::string stop_reason;  ///< "", "liveness", "interrupted".
  std::vector<Finding> findings;
};

/// Runs a campaign; errors: "usage" (bad URL, https), "connect" (target
/// unreachable or the base request unanswered).
core::Expected<CampaignResult> RunCampaign(const FuzzOptions& options,
                                           const std::atomic<bool>* stop = nullptr);

/// The campaign report as JSON (schema "httpconform-fuzz-report/1").
std::string FuzzReportJson(const CampaignResult& result, const std::string& tool_version);
/// The campaign report as one self-contained, escaped HTML page.
std::string FuzzReportHtml(const CampaignResult& result);
/// A case file (docs/case-format.md) replaying `finding` as a regression case.
std::string FindingCaseJson(const Finding& finding, const std::string& authority);

/// Writes `out_dir`/`id`.bin (`bytes`) and `out_dir`/`id`.json (`json`),
/// creating `out_dir`; returns the stem ("out_dir/id"), or "" when either
/// file could not be written.
std::string SaveFindingFiles(const std::string& out_dir, const std::string& id,
                             const std::string& bytes, const std::string& json);

/// 8 hex digits of FNV-1a over `bytes`: the part of a finding id that
/// depends on the request, stable across runs.
std::string FindingHash(const std::string& bytes);
/// `bytes` as case-file raw text: escapes for controls, bytes >= 0x7f and
/// the backslash, "$" doubled, `authority` as ${authority}.
std::string CaseRawText(const std::string& bytes, const std::string& authority);

/// The requests a campaign with `seed` sends (shard `shard`), first `count`
/// of them, as bytes.
std::vector<std::string> RequestSequenceForTesting(std::uint64_t seed, int count,
                                                   const BaseTarget& target, Shard shard = {});

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_CAMPAIGN_H_
