// The campaign loop. One PlanGenerator (std::mt19937_64 seeded with --seed)
// hands out plans in order under a mutex, so the sequence of requests depends
// on the seed only, never on responses, timing or --workers. With --shard K/N
// the process takes every N-th plan from the K-th (ShardPlans): N machines
// with the same seed run one campaign between them, none sending what another
// sends, and `httpconform fuzz merge` joins their findings. Each plan is
// rendered, classified (oracle.cc), sent on a fresh connection and judged;
// the exchange ends as soon as its outcome is known (client.cc), so only a
// hang costs a whole timeout.
// Before the loop the unmutated base requests must be answered (otherwise
// nothing the server does to a mutation means anything); every
// `liveness_every` requests and after each finding the base GET is sent again
// on a new connection, and a server that no longer answers it ends the
// campaign with a "liveness" finding. A finding is minimized greedily —
// drop each operator, then lower each parameter, then try the GET base —
// keeping a change only when a re-run gives the same kind of finding, so
// what is saved reproduces. Findings of a kind already seen for the same
// operator are counted, not minimized again: a broken rule is reported once.
// Bounds: minimization tries at most a few candidates per operator of the
// plan (no recursion); a finding keeps at most kResponseCap bytes of what the
// server sent, escaped once when written.
#include "harness/netfuzz/campaign.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "harness/core/status_registry.h"
#include "harness/core/utc_time.h"
#include "harness/transport/transport.h"
#include "reports/reproducer.h"
#include "reports/text.h"

namespace httpconform::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;
using reports::HtmlEscape;

constexpr std::size_t kResponseCap = 4096;

std::string Iso8601Now() { return core::FormatUtcNow("%Y-%m-%dT%H:%M:%SZ"); }

std::string Fnv8(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(h & 0xffffffffULL));
  return buf;
}

// Bytes as case-file raw text: \r \n \t, \xHH for other controls, bytes
// >= 0x7f and the backslash, so the loader's escapes give the bytes back.
std::string EscapeBytes(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f || c == '\\') {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Case-file template text: "$" doubled, the authority as ${authority}.
std::string TemplateText(const std::string& bytes, const std::string& authority) {
  std::string dollar;
  for (char c : bytes) dollar += c == '$' ? std::string("$$") : std::string(1, c);
  std::string out;
  std::size_t from = 0;
  while (!authority.empty()) {
    std::size_t at = dollar.find(authority, from);
    if (at == std::string::npos) break;
    out += dollar.substr(from, at - from) + "${authority}";
    from = at + authority.size();
  }
  out += dollar.substr(from);
  return EscapeBytes(out);
}

// Statuses a conforming server may answer with, for the case file.
std::vector<int> AcceptableStatuses(Verdict verdict) {
  std::vector<int> out;
  for (const core::StatusInfo& s : core::AllStatuses()) {
    if (!s.registered || s.code < 200 || s.code > 599) continue;
    const bool server_error = s.code >= 500 && s.code != 501 && s.code != 505;
    switch (verdict) {
      case Verdict::kMust400:
        if ((s.code >= 400 && s.code <= 499) || s.code == 501 || s.code == 505)
          out.push_back(s.code);
        break;
      case Verdict::kRejectOrRepair:
        if (!server_error) out.push_back(s.code);
        break;
      default:
        out.push_back(s.code);
    }
  }
  return out;
}

std::vector<Piece> PiecesOf(const Rendered& r) {
  std::vector<Piece> pieces;
  for (const auto& s : r.segments) pieces.push_back({s.bytes, s.delay_ms});
  return pieces;
}

class Campaign {
 public:
  Campaign(const FuzzOptions& options, transport::Target target, const std::atomic<bool>* stop)
      : options_(options),
        target_(std::move(target)),
        stop_(stop),
        generator_(options.seed, options.shard) {
    base_.authority = target_.authority;
    base_.path = target_.base_path;
  }

  core::Expected<CampaignResult> Run() {
    result_.target = options_.url;
    result_.seed = options_.seed;
    result_.shard = options_.shard;
    result_.started_at = Iso8601Now();
    start_ = Clock::now();
    for (bool post : {false, true}) {
      Plan base;
      base.post = post;
      Rendered r = Render(base, base_);
      auto o = Send(r);
      if (!o) return o.error();
      if (!post && o->statuses.empty()) {
        return core::MakeError("connect", options_.url + ": the unmutated base request (GET " +
                                              base_.path + ") got no response");
      }
    }
    std::vector<std::thread> workers;
    const int jobs = std::max(1, std::min(options_.jobs, 64));
    for (int i = 1; i < jobs; ++i) workers.emplace_back([this] { Work(); });
    Work();
    for (auto& t : workers) t.join();
    if (options_.progress_tty) Progress(true);  // Ends the rewritten line.
    result_.duration_ms = Elapsed() * 1000;
    result_.requests = requests_;
    result_.requests_per_second = Elapsed() > 0 ? requests_ / Elapsed() : 0;
    if (stop_ != nullptr && *stop_ && !result_.stopped_early) {
      result_.stopped_early = true;
      result_.stop_reason = "interrupted";
    }
    return std::move(result_);
  }

 private:
  double Elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  bool Done() {
    std::lock_guard<std::mutex> lock(mutex_);
    return finished_ || (stop_ != nullptr && *stop_) || Elapsed() >= options_.duration_s ||
           issued_ >= options_.max_requests;
  }

  // With `req` (Classify()), the exchange stops waiting where Judge() could
  // not find more: an incomplete request cannot hang, and after a response
  // to a non-valid request only extra responses count. Without: base requests.
  core::Expected<Outcome> Send(const Rendered& r, const Requirement* req = nullptr) {
    ExchangeWaits waits;
    if (req != nullptr && !req->complete) waits.incomplete_quiet_ms = options_.incomplete_quiet_ms;
    // Judge() calls silence after fewer responses a desync for valid requests only.
    if (req != nullptr) waits.judge_stall = req->verdict == Verdict::kValid;
    return Exchange(target_.host, target_.port, PiecesOf(r), r.requests, options_.timeout_ms,
                    r.head_request, waits);
  }

  // Runs `plan` once; the judgement (kind "" when nothing broke).
  Judgement Try(const Plan& plan, Rendered* rendered, Outcome* outcome, Requirement* req) {
    *rendered = Render(plan, base_);
    *req = Classify(plan, *rendered);
    auto o = Send(*rendered, req);
    if (!o) return Judgement{"", "", {}};
    *outcome = std::move(*o);
    return Judge(*rendered, *req, *outcome);
  }

  bool Alive() {
    Rendered r = Render(Plan{}, base_);
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto o = Send(r);
      if (o && !o->statuses.empty()) return true;
    }
    return false;
  }

  void Work() {
    while (!Done()) {
      Plan plan;
      std::int64_t index;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (issued_ >= options_.max_requests) break;
        plan = generator_.Next();
        index = issued_++;
      }
      Rendered rendered;
      Outcome outcome;
      Requirement req;
      Judgement j = Try(plan, &rendered, &outcome, &req);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++requests_;
      }
      Progress(false);
      if (!j.kind.empty()) Report(plan, j, req);
      if (options_.liveness_every > 0 && (index + 1) % options_.liveness_every == 0) CheckAlive("");
    }
  }

  void CheckAlive(const std::string& after) {
    if (Alive()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_) return;
    Finding f;
    f.kind = "liveness";
    f.reason = "the server no longer answers the base request on a new connection" +
               (after.empty() ? std::string() : " after " + after);
    f.rule = Rule{9112, "9.3", "MUST", ""};
    f.request = Render(Plan{}, base_).bytes;
    f.id = "liveness-" + Fnv8(f.request + after);
    f.plan = after;
    result_.findings.push_back(f);
    result_.stopped_early = true;
    result_.stop_reason = "liveness";
    finished_ = true;
  }

  void Report(const Plan& plan, const Judgement& first, const Requirement& req) {
    const std::string signature = first.kind + "|" + req.op;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!seen_.insert(signature).second) return;
    }
    Plan best = plan;
    Rendered rendered;
    Outcome outcome;
    Requirement best_req;
    Judgement j = Try(best, &rendered, &outcome, &best_req);
    if (j.kind != first.kind) return;  // Not reproducible on a re-run: not reported.
    auto keep = [&](const Plan& candidate) {
      if (Done()) return false;
      Rendered r;
      Outcome o;
      Requirement q;
      Judgement cj = Try(candidate, &r, &o, &q);
      if (cj.kind != first.kind) return false;
      best = candidate;
      rendered = r;
      outcome = o;
      best_req = q;
      j = cj;
      return true;
    };
    for (std::size_t i = best.mutations.size(); i-- > 0 && best.mutations.size() > 1;) {
      Plan c = best;
      c.mutations.erase(c.mutations.begin() + static_cast<std::ptrdiff_t>(i));
      keep(c);
    }
    for (std::size_t i = 0; i < best.mutations.size(); ++i) {
      if (best.mutations[i].param == 0) continue;
      Plan c = best;
      c.mutations[i].param = 0;
      if (keep(c)) continue;
      for (int step = 0; step < 4 && best.mutations[i].param > 1; ++step) {
        c = best;
        c.mutations[i].param /= 2;
        if (!keep(c)) break;
      }
    }
    if (best.post) {
      Plan c = best;
      c.post = false;
      keep(c);
    }
    Finding f;
    f.kind = j.kind;
    f.reason = j.reason;
    f.rule = j.rule;
    f.verdict = best_req.verdict;
    f.plan = DescribePlan(best);
    f.request = rendered.bytes;
    f.pieces = PiecesOf(rendered);
    f.response = outcome.received.substr(0, kResponseCap);
    f.statuses = outcome.statuses;
    f.id = f.kind + "-" + Fnv8(f.request);
    {
      // Two operators can minimize to the same bytes: report them once.
      std::lock_guard<std::mutex> lock(mutex_);
      if (!seen_.insert("id|" + f.id).second) return;
    }
    Save(&f);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      result_.findings.push_back(f);
    }
    if (options_.progress != nullptr) {
      std::lock_guard<std::mutex> lock(mutex_);
      *options_.progress << (options_.progress_tty ? "\r\033[K" : "") << "finding " << f.id << ": "
                         << f.reason << " [" << f.plan << "]\n";
    }
    CheckAlive(f.id);
  }

  void Save(Finding* f) {
    if (options_.out_dir.empty()) return;
    const std::string stem = SaveFindingFiles(options_.out_dir, f->id, f->request,
                                              FindingCaseJson(*f, target_.authority));
    if (!stem.empty()) {
      f->bin_path = stem + ".bin";
      f->case_path = stem + ".json";
    }
  }

  void Progress(bool final_line) {
    if (options_.progress == nullptr) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const double elapsed = Elapsed();
    if (!final_line && elapsed - last_progress_ < 1.0) return;
    last_progress_ = elapsed;
    char line[160];
    std::snprintf(line, sizeof line, "fuzz: %lld requests, %.1f req/s, %zu finding(s), %.0f s",
                  static_cast<long long>(requests_), elapsed > 0 ? requests_ / elapsed : 0.0,
                  result_.findings.size(), elapsed);
    if (options_.progress_tty) {
      *options_.progress << "\r\033[K" << line << (final_line ? "\n" : "") << std::flush;
    } else {
      *options_.progress << line << "\n" << std::flush;
    }
  }

  const FuzzOptions& options_;
  transport::Target target_;
  const std::atomic<bool>* stop_;
  BaseTarget base_;
  std::mutex mutex_;  // Guards everything below.
  ShardPlans generator_;
  std::int64_t issued_ = 0;
  std::int64_t requests_ = 0;
  bool finished_ = false;
  double last_progress_ = 0;
  std::set<std::string> seen_;
  CampaignResult result_;
  Clock::time_point start_;
};

}  // namespace

core::Expected<CampaignResult> RunCampaign(const FuzzOptions& options,
                                           const std::atomic<bool>* stop) {
  auto target = transport::ParseTarget(options.url);
  if (!target) return core::MakeError("usage", target.error().message);
  if (target->scheme != "http") {
    return core::MakeError("usage", options.url + ": fuzz supports http:// targets only");
  }
  Campaign campaign(options, *target, stop);
  return campaign.Run();
}

std::string SaveFindingFiles(const std::string& out_dir, const std::string& id,
                             const std::string& bytes, const std::string& json) {
  ::mkdir(out_dir.c_str(), 0755);
  const std::string stem = out_dir + "/" + id;
  std::ofstream bin_file(stem + ".bin", std::ios::binary);
  bin_file << bytes;
  std::ofstream json_file(stem + ".json", std::ios::binary);
  json_file << json;
  return bin_file && json_file ? stem : "";
}

std::string FindingHash(const std::string& bytes) { return Fnv8(bytes); }

std::string CaseRawText(const std::string& bytes, const std::string& authority) {
  return TemplateText(bytes, authority);
}

std::string FindingCaseJson(const Finding& f, const std::string& authority) {
  Json c;
  c["id"] = "fuzz." + f.id;
  c["title"] = "Regression from httpconform fuzz: " + f.reason;
  Json spec;
  spec["rfc"] = f.rule.rfc;
  spec["section"] = f.rule.section.empty() ? "9.3" : f.rule.section;
  spec["level"] = f.rule.level.empty() ? "MUST" : f.rule.level;
  spec["quote"] = f.rule.quote.empty()
                      ? "A server MUST read the entire request message body or close the "
                        "connection after sending its response; otherwise, the remaining data on "
                        "a persistent connection would be misinterpreted as the next request."
                      : f.rule.quote;
  c["spec"] = spec;
  std::vector<int> codes = f.verdict == Verdict::kMust400 || f.verdict == Verdict::kRejectOrRepair
                               ? std::vector<int>{400}
                               : std::vector<int>{};
  c["codes"] = codes;
  c["tags"] = {"fuzz", "wire", f.kind};
  c["unkillable"] =
      "found by httpconform fuzz (" + f.plan + "); a regression case for the fuzzed server";
  Json segments = Json::array();
  for (const Piece& p : f.pieces) {
    Json s;
    s["bytes"] = TemplateText(p.bytes, authority);
    if (p.delay_ms > 0) s["delay_ms"] = p.delay_ms;
    segments.push_back(s);
  }
  Json step;
  step["request"] = {{"raw", {{"segments", segments}}}};
  Json expect;
  expect["status"] = AcceptableStatuses(f.verdict);
  expect["because"] = f.verdict == Verdict::kMust400
                          ? "the request is invalid: RFC " + std::to_string(f.rule.rfc) + " §" +
                                f.rule.section + " requires 400"
                      : f.verdict == Verdict::kRejectOrRepair
                          ? "RFC " + std::to_string(f.rule.rfc) + " §" + f.rule.section +
                                " requires 400 or repair, never a server error"
                          : "a complete request must get a response";
  step["expect"] = expect;
  step["note"] = f.kind + ": " + f.reason;
  c["steps"] = Json::array({step});
  Json file;
  file["cases"] = Json::array({c});
  return file.dump(2, ' ', true, Json::error_handler_t::replace) + "\n";
}

std::string FuzzReportJson(const CampaignResult& r, const std::string& tool_version) {
  Json j;
  j["schema"] = "httpconform-fuzz-report/1";
  j["tool"] = {{"name", "httpconform"}, {"version", tool_version}};
  j["target"] = {{"url", r.target}};
  j["seed"] = r.seed;
  j["shard"] = {{"index", r.shard.index}, {"count", r.shard.count}};
  j["started_at"] = r.started_at;
  j["duration_ms"] = static_cast<std::int64_t>(r.duration_ms);
  j["requests"] = r.requests;
  j["requests_per_second"] = r.requests_per_second;
  j["stopped_early"] = r.stopped_early;
  j["stop_reason"] = r.stop_reason;
  Json findings = Json::array();
  for (const Finding& f : r.findings) {
    Json x;
    x["id"] = f.id;
    x["kind"] = f.kind;
    x["reason"] = f.reason;
    x["verdict"] = VerdictName(f.verdict);
    x["rule"] = {{"rfc", f.rule.rfc},
                 {"section", f.rule.section},
                 {"level", f.rule.level},
                 {"quote", f.rule.quote}};
    x["plan"] = f.plan;
    x["request"] = EscapeBytes(f.request);
    x["response"] = EscapeBytes(f.response);
    x["statuses"] = f.statuses;
    x["files"] = {{"bin", f.bin_path}, {"case", f.case_path}};
    findings.push_back(x);
  }
  j["findings"] = findings;
  return j.dump(2, ' ', true, Json::error_handler_t::replace) + "\n";
}

// Shell commands that send a finding's bytes again: printf | nc (or
// openssl s_client), and the case file through `httpconform run`, which
// also replays the pauses between pieces that a single printf cannot.
std::string FindingReproducer(const Finding& f, const std::string& target) {
  core::StepResult step;
  step.request.raw = true;
  step.request.bytes = f.request;
  std::string out = reports::Reproducer(step, target);
  if (f.pieces.size() > 1) {
    out += "\n# sends the bytes at once; the finding sent them in " +
           std::to_string(f.pieces.size()) + " pieces with pauses";
  }
  if (!f.case_path.empty()) {
    out += "\nhttpconform run " + reports::ShellQuote(target) + " --no-builtin --cases " +
           reports::ShellQuote(f.case_path);
  }
  return out;
}

std::string FuzzReportHtml(const CampaignResult& r) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>httpconform fuzz report</title><style>"
      "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
      "pre{white-space:pre-wrap;word-break:break-all;max-width:60em;margin:0}"
      "</style></head><body>\n<h1>httpconform fuzz report</h1>\n<table>";
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f", r.requests_per_second);
  auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + HtmlEscape(k) + "</th><td>" + HtmlEscape(v) + "</td></tr>";
  };
  row("Target", r.target);
  row("Seed", std::to_string(r.seed));
  if (r.shard.count > 1) {
    row("Shard", std::to_string(r.shard.index) + "/" + std::to_string(r.shard.count));
  }
  row("Started", r.started_at);
  row("Duration", std::to_string(static_cast<long long>(r.duration_ms / 1000)) + " s");
  row("Requests", std::to_string(r.requests));
  row("Rate", std::string(rate) + " requests/s");
  row("Findings", std::to_string(r.findings.size()));
  if (r.stopped_early) row("Stopped early", r.stop_reason);
  h += "</table>\n<h2>Findings</h2>\n";
  if (r.findings.empty()) h += "<p>No finding.</p>\n";
  for (const Finding& f : r.findings) {
    h += "<h3 id=\"" + HtmlEscape(f.id) + "\">" + HtmlEscape(f.id) + "</h3>\n<table>";
    row("Kind", f.kind);
    row("Reason", f.reason);
    row("Rule", "RFC " + std::to_string(f.rule.rfc) + " §" + f.rule.section + " " + f.rule.level);
    row("Quote", f.rule.quote);
    row("Mutations", f.plan);
    // Bytes as bytes: \r \n shown, and a real line break after each \n.
    h += "<tr><th>Request (" + std::to_string(f.request.size()) + " bytes)</th><td><pre>" +
         HtmlEscape(reports::ShowBytes(f.request)) + "</pre></td></tr>";
    h += "<tr><th>Response (" + std::to_string(f.response.size()) + " bytes" +
         (f.response.size() >= kResponseCap ? ", capped" : "") + ")</th><td><pre>" +
         HtmlEscape(reports::ShowBytes(f.response)) + "</pre></td></tr>";
    h += "<tr><th>Reproduce</th><td><pre>" + HtmlEscape(FindingReproducer(f, r.target)) +
         "</pre></td></tr>";
    row("Case file", f.case_path);
    h += "</table>\n";
  }
  h += "</body></html>\n";
  return h;
}

std::vector<std::string> RequestSequenceForTesting(std::uint64_t seed, int count,
                                                   const BaseTarget& target, Shard shard) {
  ShardPlans generator(seed, shard);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(Render(generator.Next(), target).bytes);
  return out;
}

}  // namespace httpconform::netfuzz
