// Feeding and invariants for RequestParser shared by the request and framing
// targets: a server-style feed loop over pieces (Continue() at kHeadDone, a
// fresh parser after kDone for a pipelined request) and the promises of
// request_parser.h (error statuses, trimmed fields, Host rules when accepted).
#ifndef HTTPCONFORM_FUZZ_REQUEST_INVARIANTS_H_
#define HTTPCONFORM_FUZZ_REQUEST_INVARIANTS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/response_invariants.h"
#include "harness/wire/request_parser.h"

namespace httpconform::fuzz {

/// Checks one request that ended in `state` with `error_status`.
inline void CheckRequest(const wire::Request& request, wire::RequestParser::State state,
                         int error_status, const wire::RequestLimits& limits) {
  const std::string dump = wire::DumpRequest(request);
  const bool nul = core::FindDiagnostic(request.diagnostics, "field.invalid-char") != nullptr;
  CheckFields(request.fields, limits.max_fields, nul, dump);
  CheckFields(request.trailers, limits.max_fields, nul, dump);
  Check(request.content.size() <= limits.max_content_bytes, "request content over the cap", dump);
  if (state == wire::RequestParser::State::kError) {
    Check(error_status == 400 || error_status == 413 || error_status == 414 ||
              error_status == 431 || error_status == 501 || error_status == 505,
          "unexpected error status", dump);
    Check(!request.diagnostics.empty() && request.diagnostics.back().fatal,
          "error without a fatal diagnostic", dump);
  }
  if (state == wire::RequestParser::State::kDone) {
    Check(wire::IsToken(request.method), "accepted a method that is not a token", dump);
    Check(!request.target.empty(), "accepted an empty target", dump);
    for (const core::Diagnostic& d : request.diagnostics) {
      Check(!d.fatal, "done despite a fatal diagnostic", dump);
    }
    if (request.version == "HTTP/1.1") {
      Check(wire::CountFields(request.fields, "Host") == 1, "HTTP/1.1 accepted without one Host",
            dump);
    }
  }
}

/// The outcome of feeding pieces: one dump per request plus the final state.
struct RequestRun {
  std::string text;                 ///< Dumps, states and error statuses, for comparison.
  std::vector<wire::Request> done;  ///< Requests that reached kDone.
};

/// Feeds `pieces` as a server would, for at most `max_requests` requests.
inline RequestRun FeedRequests(const std::vector<std::string_view>& pieces,
                               const wire::RequestLimits& limits, std::size_t max_requests) {
  RequestRun run;
  wire::RequestParser parser(limits);
  std::size_t count = 0;
  bool stopped = false;
  // Moves past kHeadDone and records kDone/kError right away, so that where
  // a piece ends cannot change what is recorded.
  auto settle = [&] {
    if (parser.state() == wire::RequestParser::State::kHeadDone) parser.Continue();
    if (parser.state() == wire::RequestParser::State::kDone) {
      CheckRequest(parser.request(), parser.state(), 0, limits);
      run.text += wire::DumpRequest(parser.request()) + "state done\n";
      run.done.push_back(parser.TakeRequest());
      parser = wire::RequestParser(limits);
      stopped = ++count >= max_requests;
    } else if (parser.state() == wire::RequestParser::State::kError) {
      CheckRequest(parser.request(), parser.state(), parser.error_status(), limits);
      run.text += wire::DumpRequest(parser.request()) + "state error " +
                  std::to_string(parser.error_status()) + "\n";
      stopped = true;
    }
  };
  for (std::string_view piece : pieces) {
    while (!stopped && !piece.empty()) {
      const std::size_t used = parser.Feed(piece);
      piece.remove_prefix(used);
      const auto state = parser.state();
      if (state == wire::RequestParser::State::kHead ||
          state == wire::RequestParser::State::kContent) {
        // Feed() stops only at kHeadDone, kDone and kError.
        Check(piece.empty(), "Feed() stopped early without a reason");
      }
      settle();
    }
  }
  if (!stopped) {
    // Whatever was in progress when the input ended (nothing, a head, content).
    run.text += wire::DumpRequest(parser.request()) + "state partial " +
                std::to_string(static_cast<int>(parser.state())) + "\n";
  }
  return run;
}

}  // namespace httpconform::fuzz

#endif  // HTTPCONFORM_FUZZ_REQUEST_INVARIANTS_H_
