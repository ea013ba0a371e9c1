// FakeTransport: a scripted, in-memory Transport for runner tests, in the
// spirit of ninja's VirtualFileSystem. Each rule pairs a matcher with a
// canned result (an Exchange or an Error); every request is recorded. No
// sockets: tests that link it stay hermetic and fast.
#ifndef HTTPCONFORM_TRANSPORT_FAKE_TRANSPORT_H_
#define HTTPCONFORM_TRANSPORT_FAKE_TRANSPORT_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "harness/transport/transport.h"

namespace httpconform::transport {

/// Decides whether a rule answers a request.
using RequestMatcher = std::function<bool(const OutgoingRequest&)>;

/// Matches every request.
RequestMatcher MatchAny();
/// Matches a structured request with this method and target.
RequestMatcher MatchRequest(std::string method, std::string target);
/// Matches a raw request whose concatenated segments start with `prefix`.
RequestMatcher MatchRawPrefix(std::string prefix);

/// One scripted answer.
struct FakeRule {
  RequestMatcher matches;           ///< Empty: matches anything.
  core::Expected<Exchange> result;  ///< What Send() returns.
  bool repeat = false;              ///< False: used once, then skipped.
};

/// An Exchange as if `raw` had come back over the wire: parsed with
/// wire::ParseResponse; `closed` means the server closed after it (EOF).
Exchange FakeResponse(std::string_view raw, bool head_request = false, bool closed = false);

/// The scripted transport. Rules are tried in order; the first unused (or
/// repeating) rule that matches answers. No match: error code "fake".
/// Thread-safe: sessions may run on several threads.
class FakeTransport : public Transport {
 public:
  FakeTransport() = default;
  /// A transport with `rules` already added.
  explicit FakeTransport(std::vector<FakeRule> rules);

  /// Appends a rule.
  void Add(FakeRule rule);
  /// Appends a rule answering `matches` with `result` (once, or always).
  void Add(RequestMatcher matches, core::Expected<Exchange> result, bool repeat = false);

  std::unique_ptr<Session> OpenSession() override;

  /// Every request received so far, in arrival order.
  std::vector<OutgoingRequest> requests() const;
  /// How many sessions were opened.
  int sessions_opened() const;
  /// Rules that never answered (for "script fully used" assertions).
  std::size_t unused_rules() const;

  /// Used by sessions: records `request` and returns the scripted answer.
  core::Expected<Exchange> Answer(const OutgoingRequest& request);

 private:
  struct Slot {
    FakeRule rule;
    bool used = false;
  };
  mutable std::mutex mutex_;
  std::vector<Slot> slots_;
  std::vector<OutgoingRequest> requests_;
  int sessions_opened_ = 0;
};

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_FAKE_TRANSPORT_H_
