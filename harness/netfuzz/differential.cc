// Differential network fuzzing. Request smuggling and cache poisoning come
// from two implementations reading the same bytes differently, so one
// mutated request is sent to every target and what each made of it is
// compared. The comparison is what a client sees without help from the
// server: the class of each final status, in order (how many responses the
// bytes were worth: one request, two, none), and what became of the
// connection (left open, closed, reset, or no answer before the deadline).
// Targets that agree on all of it read the request alike as far as the
// client can tell; a disagreement is a finding.
//
// The plans are a campaign's (ShardPlans: the seed and --shard decide them,
// so a differential run shards like any other), rendered once per target
// with that target's authority in Host. A disagreement is confirmed by a
// second run of the same plan (timing alone must not make a finding), then
// minimized as campaign.cc minimizes — drop each operator, lower each
// parameter, try the GET base — keeping a step only when the targets still
// disagree, and reported once per pattern of interpretations. A finding is
// saved as <id>.bin (the bytes sent to the first target) and <id>.json (the
// plan, the request and each target's interpretation). One exchange at a
// time per target; bounds are the client's (received bytes capped).
#include "harness/netfuzz/differential.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "harness/netfuzz/campaign.h"
#include "harness/netfuzz/oracle.h"
#include "harness/transport/transport.h"

namespace httpconform::netfuzz {

std::string Interpretation::Summary() const {
  std::string out = "[";
  for (std::size_t i = 0; i < status_classes.size(); ++i) {
    if (i > 0) out += ' ';
    out += std::to_string(status_classes[i]) + "xx";
  }
  return out + "] " + connection;
}

Interpretation Interpret(const Outcome& outcome) {
  Interpretation in;
  for (int status : outcome.statuses) in.status_classes.push_back(status / 100);
  in.complete_responses = outcome.complete_responses;
  in.connection = outcome.reset                                                         ? "reset"
                  : outcome.closed                                                      ? "closed"
                  : outcome.timed_out && outcome.statuses.empty() && !outcome.quiet_end ? "timeout"
                                                                                        : "open";
  return in;
}

namespace {

using Clock = std::chrono::steady_clock;

struct Endpoint {
  std::string url;
  transport::Target target;
  BaseTarget base;
};

class Differential {
 public:
  Differential(const DifferentialOptions& options, std::vector<Endpoint> endpoints,
               const std::atomic<bool>* stop)
      : options_(options),
        endpoints_(std::move(endpoints)),
        stop_(stop),
        generator_(options.seed, options.shard) {}

  core::Expected<DifferentialResult> Run() {
    start_ = Clock::now();
    for (const Endpoint& e : endpoints_) {
      result_.targets.push_back(e.url);
      const Rendered r = Render(Plan{}, e.base);
      auto o = Exchange(e.target.host, e.target.port, PiecesOf(r), r.requests, options_.timeout_ms,
                        r.head_request);
      if (!o) return o.error();
      if (o->statuses.empty()) {
        return core::MakeError("connect", e.url + ": the unmutated base request got no response");
      }
    }
    result_.seed = options_.seed;
    while (!Done()) {
      const Plan plan = generator_.Next();
      ++result_.requests;
      std::vector<std::string> summaries;
      if (Try(plan, &summaries, nullptr) && Differs(summaries)) Report(plan, summaries);
      Progress();
    }
    result_.duration_ms = Elapsed() * 1000;
    return std::move(result_);
  }

 private:
  static std::vector<Piece> PiecesOf(const Rendered& r) {
    std::vector<Piece> pieces;
    for (const auto& s : r.segments) pieces.push_back({s.bytes, s.delay_ms});
    return pieces;
  }
  static bool Differs(const std::vector<std::string>& summaries) {
    for (const std::string& s : summaries) {
      if (s != summaries.front()) return true;
    }
    return false;
  }
  double Elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  bool Done() const {
    return (stop_ != nullptr && *stop_) || Elapsed() >= options_.duration_s ||
           result_.requests >= options_.max_requests;
  }

  // Sends `plan` to every target; false when a target could not be reached.
  // `first` receives the rendering for the first target.
  bool Try(const Plan& plan, std::vector<std::string>* summaries, Rendered* first) {
    summaries->clear();
    for (std::size_t i = 0; i < endpoints_.size(); ++i) {
      const Endpoint& e = endpoints_[i];
      const Rendered r = Render(plan, e.base);
      const Requirement req = Classify(plan, r);
      ExchangeWaits waits;
      if (!req.complete) waits.incomplete_quiet_ms = 200;
      waits.judge_stall = req.verdict == Verdict::kValid;
      auto o = Exchange(e.target.host, e.target.port, PiecesOf(r), r.requests, options_.timeout_ms,
                        r.head_request, waits);
      if (!o) return false;
      summaries->push_back(Interpret(*o).Summary());
      if (i == 0 && first != nullptr) *first = r;
    }
    return true;
  }

  bool StillDiffers(const Plan& plan) {
    if (Done()) return false;
    std::vector<std::string> summaries;
    return Try(plan, &summaries, nullptr) && Differs(summaries);
  }

  void Report(const Plan& plan, const std::vector<std::string>& summaries) {
    std::string signature;
    for (const std::string& s : summaries) signature += s + "|";
    if (!seen_.insert(signature).second) return;
    if (!StillDiffers(plan)) return;  // Timing, not interpretation: not reported.
    Plan best = plan;
    for (std::size_t i = best.mutations.size(); i-- > 0 && best.mutations.size() > 1;) {
      Plan c = best;
      c.mutations.erase(c.mutations.begin() + static_cast<std::ptrdiff_t>(i));
      if (StillDiffers(c)) best = c;
    }
    for (std::size_t i = 0; i < best.mutations.size(); ++i) {
      if (best.mutations[i].param == 0) continue;
      Plan c = best;
      c.mutations[i].param = 0;
      if (StillDiffers(c)) {
        best = c;
        continue;
      }
      for (int step = 0; step < 4 && best.mutations[i].param > 1; ++step) {
        c = best;
        c.mutations[i].param /= 2;
        if (!StillDiffers(c)) break;
        best = c;
      }
    }
    if (best.post) {
      Plan c = best;
      c.post = false;
      if (StillDiffers(c)) best = c;
    }
    DifferentialFinding f;
    Rendered first;
    if (!Try(best, &f.interpretations, &first) || !Differs(f.interpretations)) return;
    f.plan = DescribePlan(best);
    f.request = first.bytes;
    f.pieces = PiecesOf(first);
    f.id = "differential-" + FindingHash(f.request);
    if (!seen_.insert("id|" + f.id).second) return;
    Save(&f);
    if (options_.progress != nullptr) {
      *options_.progress << "finding " << f.id << " [" << f.plan << "]:";
      for (std::size_t i = 0; i < endpoints_.size(); ++i) {
        *options_.progress << " " << endpoints_[i].url << " " << f.interpretations[i] << ";";
      }
      *options_.progress << "\n";
    }
    result_.findings.push_back(std::move(f));
  }

  void Save(DifferentialFinding* f) {
    if (options_.out_dir.empty()) return;
    const std::string stem = SaveFindingFiles(options_.out_dir, f->id, f->request,
                                              DifferentialFindingJson(*f, result_.targets));
    if (!stem.empty()) f->path = stem + ".json";
  }

  void Progress() {
    if (options_.progress == nullptr) return;
    const double elapsed = Elapsed();
    if (elapsed - last_progress_ < 1.0) return;
    last_progress_ = elapsed;
    *options_.progress << "fuzz --differential: " << result_.requests << " requests to "
                       << endpoints_.size() << " targets, " << result_.findings.size()
                       << " finding(s), " << static_cast<int>(elapsed) << " s\n";
  }

  const DifferentialOptions& options_;
  std::vector<Endpoint> endpoints_;
  const std::atomic<bool>* stop_;
  ShardPlans generator_;
  std::set<std::string> seen_;
  DifferentialResult result_;
  Clock::time_point start_;
  double last_progress_ = 0;
};

}  // namespace

core::Expected<DifferentialResult> RunDifferential(const DifferentialOptions& options,
                                                   const std::atomic<bool>* stop) {
  if (options.urls.size() < 2) {
    return core::MakeError("usage", "--differential needs two or more target URLs");
  }
  std::vector<Endpoint> endpoints;
  for (const std::string& url : options.urls) {
    auto target = transport::ParseTarget(url);
    if (!target) return core::MakeError("usage", target.error().message);
    if (target->scheme != "http") {
      return core::MakeError("usage", url + ": fuzz supports http:// targets only");
    }
    Endpoint e{url, *target, {}};
    e.base.authority = target->authority;
    e.base.path = target->base_path;
    endpoints.push_back(std::move(e));
  }
  return Differential(options, std::move(endpoints), stop).Run();
}

std::string DifferentialFindingJson(const DifferentialFinding& f,
                                    const std::vector<std::string>& targets) {
  nlohmann::ordered_json j;
  j["schema"] = "httpconform-differential-finding/1";
  j["id"] = f.id;
  j["plan"] = f.plan;
  const auto first = transport::ParseTarget(targets.empty() ? "" : targets.front());
  const std::string authority = first ? first->authority : "";
  auto segments = nlohmann::ordered_json::array();
  for (const Piece& p : f.pieces) {
    nlohmann::ordered_json s;
    s["bytes"] = CaseRawText(p.bytes, authority);
    if (p.delay_ms > 0) s["delay_ms"] = p.delay_ms;
    segments.push_back(s);
  }
  j["request"] = {{"segments", segments}, {"file", f.id + ".bin"}};
  auto seen = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < f.interpretations.size() && i < targets.size(); ++i) {
    seen.push_back({{"target", targets[i]}, {"interpretation", f.interpretations[i]}});
  }
  j["interpretations"] = seen;
  return j.dump(2, ' ', true, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace httpconform::netfuzz
