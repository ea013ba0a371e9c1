// FakeConnection: a scripted peer in memory behind the Connection interface
// (connection.h), for tests of what sits on it (test-only; the name says
// so). No sockets and no sleeps: a read that would wait for the peer returns
// Io::kTimeout at once and records the deadline it was given, so a test
// asserts how long a session was willing to wait instead of waiting.
//
// A script is the peer's side of one connection, played in order as far as
// the client's writes allow, like the loopback server's scripts: read a
// request head or N bytes (waiting for the client to write them), send
// bytes (each Send is what one ReadSome returns, cut to its `max`), stall
// (the next read that would wait times out), close (EOF after what was
// sent), reset (once what was sent is read), or stop reading (writes time
// out). A script that ends without a close leaves the peer silent: reads
// time out.
#ifndef HTTPCONFORM_TRANSPORT_FAKE_CONNECTION_FOR_TESTING_H_
#define HTTPCONFORM_TRANSPORT_FAKE_CONNECTION_FOR_TESTING_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "harness/transport/connection.h"

namespace httpconform::transport::testing {

/// One action of the fake peer.
struct PeerStep {
  enum class Kind { kReadHead, kReadBytes, kSend, kStall, kClose, kReset, kStopReading };
  Kind kind = Kind::kReadHead;
  std::string bytes;
  std::size_t count = 0;
};

namespace fake {
PeerStep ReadHead();                ///< Wait for the client's next CRLF CRLF.
PeerStep ReadBytes(std::size_t n);  ///< Wait for `n` more bytes from the client.
PeerStep Send(std::string bytes);   ///< Make `bytes` readable (one read's worth).
PeerStep Stall();                   ///< The next read that would wait times out.
PeerStep Close();                   ///< EOF once what was sent is read.
PeerStep Reset();        ///< Once what was sent is read, reads and writes fail (Io::kReset).
PeerStep StopReading();  ///< Writes time out from here (the peer does not read).
}  // namespace fake

using PeerScript = std::vector<PeerStep>;

/// What happened on one fake connection, as the client did it.
struct FakeConnectionLog {
  std::string written;                   ///< Every byte the client wrote.
  std::vector<Deadline> read_timeouts;   ///< The deadline of each read that timed out.
  std::vector<Deadline> write_timeouts;  ///< The deadline of each write that timed out.
  int reads = 0;                         ///< ReadSome calls.
  bool shut_down_write = false;          ///< ShutdownWrite() was called.
  bool closed_by_client = false;         ///< Close() was called.
};

/// The Connection; see the file comment.
class FakeConnection : public Connection {
 public:
  FakeConnection(PeerScript script, std::shared_ptr<FakeConnectionLog> log);

  Io WriteAll(std::string_view bytes, Deadline deadline, std::size_t* written) override;
  Io ReadSome(std::string* out, std::size_t max, Deadline deadline) override;
  void ShutdownWrite() override;
  void Close() override;
  bool open() const override { return !log_->closed_by_client; }
  bool PeerGone() override;

 private:
  // Plays the script as far as the client's writes allow.
  void Advance();

  PeerScript script_;
  std::size_t next_ = 0;      // The step being played.
  std::size_t consumed_ = 0;  // Bytes of log_->written the peer has read.
  std::deque<std::string> incoming_;
  bool eof_ = false;
  bool reset_ = false;
  bool not_reading_ = false;
  std::shared_ptr<FakeConnectionLog> log_;
};

/// Fake peers for a session: each connect takes the next script; with none
/// left, connecting fails ("connect": refused). Must outlive its connector.
class FakePeers {
 public:
  explicit FakePeers(std::vector<PeerScript> scripts) : scripts_(std::move(scripts)) {}

  /// For MakeRawSession() and any other client of a Connector.
  Connector connector();
  /// Connections made so far.
  int connections() const { return static_cast<int>(logs_.size()); }
  /// The log of the `index`-th connection (made: index < connections()).
  const FakeConnectionLog& log(std::size_t index) const { return *logs_.at(index); }

 private:
  std::vector<PeerScript> scripts_;
  std::vector<std::shared_ptr<FakeConnectionLog>> logs_;
};

}  // namespace httpconform::transport::testing

#endif  // HTTPCONFORM_TRANSPORT_FAKE_CONNECTION_FOR_TESTING_H_
