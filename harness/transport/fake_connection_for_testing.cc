// FakeConnection (see the header): the peer's script is played eagerly, as
// far as it can go without the client, after every client call, so the
// order of events is the script's and never a thread's or a clock's.
#include "harness/transport/fake_connection_for_testing.h"

#include <algorithm>
#include <utility>

namespace httpconform::transport::testing {
namespace fake {

PeerStep ReadHead() { return {PeerStep::Kind::kReadHead, {}, 0}; }
PeerStep ReadBytes(std::size_t n) { return {PeerStep::Kind::kReadBytes, {}, n}; }
PeerStep Send(std::string bytes) { return {PeerStep::Kind::kSend, std::move(bytes), 0}; }
PeerStep Stall() { return {PeerStep::Kind::kStall, {}, 0}; }
PeerStep Close() { return {PeerStep::Kind::kClose, {}, 0}; }
PeerStep Reset() { return {PeerStep::Kind::kReset, {}, 0}; }
PeerStep StopReading() { return {PeerStep::Kind::kStopReading, {}, 0}; }

}  // namespace fake

FakeConnection::FakeConnection(PeerScript script, std::shared_ptr<FakeConnectionLog> log)
    : script_(std::move(script)), log_(std::move(log)) {
  Advance();
}

void FakeConnection::Advance() {
  while (next_ < script_.size() && !eof_ && !reset_) {
    const PeerStep& step = script_[next_];
    const std::string& written = log_->written;
    switch (step.kind) {
      case PeerStep::Kind::kReadHead: {
        const std::size_t end = written.find("\r\n\r\n", consumed_);
        if (end == std::string::npos) return;
        consumed_ = end + 4;
        break;
      }
      case PeerStep::Kind::kReadBytes:
        if (written.size() - consumed_ < step.count) return;
        consumed_ += step.count;
        break;
      case PeerStep::Kind::kSend:
        incoming_.push_back(step.bytes);
        break;
      case PeerStep::Kind::kStall:
        return;  // Passed by the read that times out on it.
      case PeerStep::Kind::kClose:
        eof_ = true;
        break;
      case PeerStep::Kind::kReset:
        if (!incoming_.empty()) return;  // Once the client has read what was sent.
        reset_ = true;
        break;
      case PeerStep::Kind::kStopReading:
        not_reading_ = true;
        break;
    }
    ++next_;
  }
}

Io FakeConnection::WriteAll(std::string_view bytes, Deadline deadline, std::size_t* written) {
  *written = 0;
  if (!open()) return Io::kReset;
  if (bytes.empty()) return Io::kOk;  // As send(2) is never called for nothing.
  Advance();                          // What the peer did meanwhile (a reset) comes first.
  if (reset_) return Io::kReset;
  if (not_reading_) {
    log_->write_timeouts.push_back(deadline);
    return Io::kTimeout;
  }
  log_->written.append(bytes);
  *written = bytes.size();
  Advance();
  return Io::kOk;
}

Io FakeConnection::ReadSome(std::string* out, std::size_t max, Deadline deadline) {
  ++log_->reads;
  if (!open()) return Io::kReset;
  Advance();
  if (!incoming_.empty() && max > 0) {
    std::string& front = incoming_.front();
    const std::size_t n = std::min(max, front.size());
    out->append(front, 0, n);
    front.erase(0, n);
    if (front.empty()) incoming_.pop_front();
    return Io::kOk;
  }
  if (reset_) return Io::kReset;
  if (eof_) return Io::kEof;
  if (next_ < script_.size() && script_[next_].kind == PeerStep::Kind::kStall) {
    ++next_;
    Advance();
  }
  log_->read_timeouts.push_back(deadline);
  return Io::kTimeout;
}

void FakeConnection::ShutdownWrite() { log_->shut_down_write = true; }

void FakeConnection::Close() { log_->closed_by_client = true; }

bool FakeConnection::PeerGone() {
  Advance();
  return !open() || (incoming_.empty() && (eof_ || reset_));
}

Connector FakePeers::connector() {
  return [this](Deadline) -> core::Expected<std::unique_ptr<Connection>> {
    if (logs_.size() >= scripts_.size()) {
      return core::MakeError("connect", "cannot connect to fake:0: Connection refused");
    }
    logs_.push_back(std::make_shared<FakeConnectionLog>());
    return std::unique_ptr<Connection>(
        std::make_unique<FakeConnection>(scripts_[logs_.size() - 1], logs_.back()));
  };
}

}  // namespace httpconform::transport::testing
