// RawSession: the HTTP/1.1 session of the raw transport, on a Connection.
//
// Design: a session owns at most one connection (connection.h: bytes and
// deadlines only) and a buffer of bytes read but not yet consumed by a
// parser. Every operation takes an absolute deadline, so nothing waits
// longer than the step allows, whatever the server does. Send() is four
// named steps (raw_session.cc): connect-or-reuse, write (with the
// 100-continue wait, or raw segments with their pauses), read (until the
// parser says the response is complete, or the deadline or a cap ends it),
// and settle-close (whether the server keeps the connection, and content
// after a response that cannot have any; raw_session_settle.cc).
//
// Requests are written exactly as given: the request line, the fields in
// order, CRLF, the content (RFC 9112 §2.1, §3); nothing is added. Responses
// are fed to wire::ResponseParser as they arrive; the parser says when a
// message ends, and bytes after it stay buffered for the next step on the
// same connection (pipelining, RFC 9112 §9.3.2). A step that asks to reuse a
// connection the server closed gets that fact back, never a silent
// reconnect: the case is asking about connection management.
//
// Expect: 100-continue (RFC 9110 §10.1.1): with continue_wait_ms the head is
// sent, then we wait for a 100, a final response or the end of the wait. A
// final response before the content means the content is not sent — the
// server has already answered, and the client "MAY ... not send" it.
//
// Whether the server keeps the connection after a response (probe_close_ms)
// is settled at once when possible: with probe_request, a further request
// goes out and a response to it proves "open", EOF or a reset "closed"
// (RFC 9112 §9.3, §9.6); its answer is read whole, or skipped by the next
// step if late, so later steps see only their own responses. It goes out only
// behind a cleanly ended response with nothing unparsed after it; otherwise,
// and when neither comes in the window, the window is waited out as before.
//
// Bounds: every byte read is fed to a parser once (a probe's answer and a
// pending pipelined response too), so the work is linear in what the server
// sends, without recursion; a read returns at most 16 KiB. Memory per
// exchange, whatever the server sends: the parsed content, the only copy of
// it, within max_content_bytes and a lease of the run's shared content
// budget that travels with the Exchange; the raw record within
// max_record_bytes; and bytes read ahead of the next step within
// kKeepReadAhead. Answers read only to be skipped keep no content.
//
// Content after a response that cannot have any (HEAD, 204, 304): such a
// response ends with its head, so bytes after it are looked at before the
// next response is parsed, whoever reads them next (this exchange's wait for
// a close or its probe, the next step, or the skipping of a probe's answer).
// Stray content (wire/stray_content.h) is set aside, kept in the record, and
// reported as message.content-not-allowed against the response it followed.
#ifndef HTTPCONFORM_TRANSPORT_RAW_SESSION_H_
#define HTTPCONFORM_TRANSPORT_RAW_SESSION_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/transport/connection.h"
#include "harness/transport/transport.h"
#include "harness/wire/response_parser.h"

namespace httpconform::transport::raw {

// How long past the probe window an answer to a probe request may take.
inline constexpr int kProbeAnswerMs = 2000;
// How long stray content after a response that announced the close is read
// for, waiting for that close (within the step's deadline).
inline constexpr int kStrayToCloseMs = 2000;
// Bytes read ahead of a step (after its response, or a probe request's
// answer to be put back) kept for the next step on the connection. Past it
// they are dropped and the connection closed by us: a worker's buffers stay
// small whatever the server sends between responses.
inline constexpr std::size_t kKeepReadAhead = 256 * 1024;
// The most bytes one read asks for while setting stray content aside.
inline constexpr std::size_t kReadChunk = 16 * 1024;

// Appends what fits of `bytes` under `cap` to `*record`.
void AppendCapped(std::string* record, std::string_view bytes, std::size_t cap);

// The session's connection and the bytes read from it but not yet consumed
// by a parser.
struct Link {
  explicit Link(std::unique_ptr<Connection> c) : stream(std::move(c)) {}
  Io Read(std::string* out, std::size_t max, Deadline deadline) {
    return stream->ReadSome(out, max, deadline);
  }
  Io Write(std::string_view bytes, Deadline deadline, std::size_t* written) {
    return stream->WriteAll(bytes, deadline, written);
  }
  void ShutdownWrite() { stream->ShutdownWrite(); }
  void Close() { stream->Close(); }
  bool open() const { return stream->open(); }

  std::unique_ptr<Connection> stream;
  std::string buffered;      // Read, not yet consumed by a parser.
  bool peer_closed = false;  // EOF (or reset) seen: nothing more will arrive.
};

// The state of one exchange: the parser and what is being recorded.
struct ExchangeState {
  ExchangeState(wire::ResponseContext context, wire::ParserLimits limits)
      : context(context), parser(context, limits) {}
  wire::ResponseContext context;
  wire::ResponseParser parser;
  Exchange exchange;
  std::size_t stream_bytes = 0;   // Read from the connection during this exchange.
  std::size_t parsed = 0;         // Fed to the parser: the response's own bytes.
  std::size_t stray_own = 0;      // Stray content after this exchange's response.
  std::size_t stray_earlier = 0;  // Stray content after the previous response.
  int earlier_status = 0;         // That previous response's status,
  bool earlier_head = false;      // and whether it answered HEAD.
  bool sending = false;           // The request may still be written to.
};

// Why Pump() returned.
enum class PumpEnd { kDone, kCondition, kDeadline, kEof, kReset, kCap };

// How reading the answer to a probe request ended (ReadProbeAnswer).
enum class ProbeAnswer { kWhole, kNotAResponse, kEof, kReset, kTimeout, kCap };

// Content after a response that cannot have any: watched for from the end
// of such a response until the next response begins.
struct StrayWatch {
  bool armed = false;
  bool continuing = false;                 // Stray bytes were set aside already.
  int status = 0;                          // Of the response they follow.
  std::optional<std::uint64_t> announced;  // Its Content-Length, less what was set aside.
  bool this_exchange = false;              // That response is this exchange's.
  bool head = false;                       // It answered HEAD.
};

class RawSession : public Session {
 public:
  RawSession(const TransportOptions& options, Connector connect)
      : options_(options), connect_(std::move(connect)) {}

  core::Expected<Exchange> Send(const OutgoingRequest& request) override;

 private:
  // --- The steps of Send() (raw_session.cc) ---
  // Connect-or-reuse: true with connection_ ready for this request, false
  // when the exchange already says why not (a closed connection asked to be
  // reused, an earlier probe's answer that did not come); an error when a
  // new connection cannot be made.
  core::Expected<bool> ConnectOrReuse(const OutgoingRequest& request, Deadline deadline,
                                      ExchangeState* state);
  // Write: the request, with the 100-continue wait or raw segments' pauses;
  // reads what answers early on the way.
  void WriteRequest(const OutgoingRequest& request, Deadline deadline, ExchangeState* state);
  void WriteStructured(const OutgoingRequest& request, Deadline deadline, ExchangeState* state);
  void WriteSegments(const OutgoingRequest& request, Deadline deadline, ExchangeState* state);
  // Writes `bytes` while state->sending, recording them; a reset or a
  // timeout ends sending.
  void WriteBytes(std::string_view bytes, Deadline deadline, ExchangeState* state);
  // Read: until the response is complete or the deadline, a cap, EOF or a
  // reset ends it; says which in the exchange.
  PumpEnd ReadResponse(Deadline deadline, int timeout_ms, ExchangeState* state);
  // Settle-close: stray content after the response, and (probe_close_ms)
  // whether the server keeps the connection.
  void SettleClose(const OutgoingRequest& request, PumpEnd end, Deadline deadline,
                   ExchangeState* state);

  // Feeds buffered bytes to the parser; what it does not take stays buffered.
  void FeedBuffered(ExchangeState* state);
  // Reads and parses until the parser is done, `stop()` holds, the deadline,
  // EOF, a reset, or max_stream_bytes.
  PumpEnd Pump(ExchangeState* state, Deadline deadline, const std::function<bool()>& stop);

  // --- Settling the connection and stray content (raw_session_settle.cc) ---
  void ProbeClose(ExchangeState* state, Deadline until, bool pending_response = false);
  bool ProbeWithRequest(ExchangeState* state, const std::string& probe, int window_ms,
                        Deadline step_deadline);
  bool DiscardProbeAnswer(Deadline deadline, ExchangeState* state);
  wire::ParserLimits ProbeLimits() const;
  ProbeAnswer ReadProbeAnswer(ExchangeState* state, wire::ResponseParser* parser, std::size_t cap,
                              Deadline until, std::string* consumed, bool* kept_all = nullptr);
  void TakeStray(ExchangeState* state, Deadline until, bool wait);
  void ReportStray(ExchangeState* state, bool head_request);

  TransportOptions options_;
  Connector connect_;
  std::unique_ptr<Link> connection_;
  bool probe_answer_pending_ = false;  // A probe request on connection_ is unanswered.
  StrayWatch stray_;
};

}  // namespace httpconform::transport::raw

#endif  // HTTPCONFORM_TRANSPORT_RAW_SESSION_H_
