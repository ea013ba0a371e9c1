// FakeTransport: see fake_transport.h. Sessions hold a plain pointer to the
// transport, which must outlive them (as a real transport's sessions would).
#include "harness/transport/fake_transport.h"

#include <utility>

#include "harness/wire/response_parser.h"

namespace httpconform::transport {

RequestMatcher MatchAny() {
  return [](const OutgoingRequest&) { return true; };
}

RequestMatcher MatchRequest(std::string method, std::string target) {
  return [method = std::move(method), target = std::move(target)](const OutgoingRequest& r) {
    return !r.raw && r.method == method && r.target == target;
  };
}

RequestMatcher MatchRawPrefix(std::string prefix) {
  return [prefix = std::move(prefix)](const OutgoingRequest& r) {
    if (!r.raw) return false;
    std::string bytes;
    for (const core::RawSegment& segment : r.segments) bytes += segment.bytes;
    return bytes.compare(0, prefix.size(), prefix) == 0;
  };
}

Exchange FakeResponse(std::string_view raw, bool head_request, bool closed) {
  Exchange exchange;
  exchange.received = std::string(raw);
  exchange.content_sent = true;
  exchange.connection_closed = closed;
  if (!raw.empty()) {
    wire::ResponseContext context;
    context.head_request = head_request;
    exchange.response = wire::ParseResponse(raw, context, /*eof=*/closed);
  }
  return exchange;
}

namespace {

class FakeSession : public Session {
 public:
  explicit FakeSession(FakeTransport* transport) : transport_(transport) {}
  core::Expected<Exchange> Send(const OutgoingRequest& request) override {
    return transport_->Answer(request);
  }

 private:
  FakeTransport* transport_;
};

std::string Describe(const OutgoingRequest& request) {
  if (!request.raw) return request.method + " " + request.target;
  std::string bytes;
  for (const core::RawSegment& segment : request.segments) bytes += segment.bytes;
  const std::size_t eol = bytes.find_first_of("\r\n");
  return "raw \"" + bytes.substr(0, eol) + "\"";
}

}  // namespace

FakeTransport::FakeTransport(std::vector<FakeRule> rules) {
  for (FakeRule& rule : rules) Add(std::move(rule));
}

void FakeTransport::Add(FakeRule rule) {
  std::lock_guard<std::mutex> lock(mutex_);
  slots_.push_back(Slot{std::move(rule), false});
}

void FakeTransport::Add(RequestMatcher matches, core::Expected<Exchange> result, bool repeat) {
  Add(FakeRule{std::move(matches), std::move(result), repeat});
}

std::unique_ptr<Session> FakeTransport::OpenSession() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++sessions_opened_;
  return std::make_unique<FakeSession>(this);
}

core::Expected<Exchange> FakeTransport::Answer(const OutgoingRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(request);
  for (Slot& slot : slots_) {
    if (slot.used && !slot.rule.repeat) continue;
    if (slot.rule.matches && !slot.rule.matches(request)) continue;
    slot.used = true;
    return slot.rule.result;
  }
  return core::MakeError("fake", "FakeTransport: no scripted response for " + Describe(request));
}

std::vector<OutgoingRequest> FakeTransport::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int FakeTransport::sessions_opened() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_opened_;
}

std::size_t FakeTransport::unused_rules() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t count = 0;
  for (const Slot& slot : slots_) count += slot.used ? 0 : 1;
  return count;
}

}  // namespace httpconform::transport
