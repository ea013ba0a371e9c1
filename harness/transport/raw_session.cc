// RawSession::Send() and its steps (see raw_session.h for the design):
// connect-or-reuse, write (with the 100-continue wait), read, settle-close;
// and the read loop they share (Pump), which feeds every byte read to the
// response parser once.
#include "harness/transport/raw_session.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace httpconform::transport::raw {
namespace {

// "METHOD SP request-target SP HTTP/1.1" CRLF, fields, CRLF (RFC 9112 §2.1).
std::string SerializeHead(const OutgoingRequest& request) {
  std::string head = request.method + " " + request.target + " HTTP/1.1\r\n";
  for (const core::Field& field : request.headers) {
    head += field.name + ": " + field.value + "\r\n";
  }
  head += "\r\n";
  return head;
}

// True when a structured request's content is all its fields announce: one
// Content-Length equal to its size, no Transfer-Encoding, and small.
bool WithheldContentIsFramed(const OutgoingRequest& request) {
  if (core::FindField(request.headers, "Transfer-Encoding") != nullptr) return false;
  const std::vector<std::string> lengths = core::FieldValues(request.headers, "Content-Length");
  return lengths.size() == 1 && request.body->size() <= 64 * 1024 &&
         lengths.front() == std::to_string(request.body->size());
}

// RFC 9112 §6.3 item 1: a response to HEAD, and a 204 or 304, ends with its
// header section (a 1xx is never the final response; a 101 and a 2xx to
// CONNECT hand the connection to another protocol).
bool CannotHaveContent(const core::Response& response, const wire::ResponseContext& context) {
  const int status = response.head.status;
  if (!response.complete || status == 101) return false;
  if (context.connect_request && status >= 200 && status < 300) return false;
  return context.head_request || status == 204 || status == 304;
}

// Whether the server said it closes the connection after this response:
// the "close" option (RFC 9112 §9.6), or an HTTP/1.0 response without
// "keep-alive" (§9.3). Such a server's next bytes are its last, so what
// follows the response can be read to the close instead of sampled.
bool AnnouncesClose(const core::Response& response) {
  bool close = false;
  bool keep_alive = false;
  for (const std::string& option : core::FieldListMembers(response.head.fields, "Connection")) {
    close = close || core::EqualsIgnoreCase(option, "close");
    keep_alive = keep_alive || core::EqualsIgnoreCase(option, "keep-alive");
  }
  return close || (response.head.version == "HTTP/1.0" && !keep_alive);
}

// The Content-Length of a response, when it has exactly one valid value:
// for a HEAD or 304 response, the size of the content it leaves out.
std::optional<std::uint64_t> AnnouncedLength(const core::Response& response) {
  const std::vector<std::string> values = core::FieldValues(response.head.fields, "Content-Length");
  if (values.size() != 1 || values[0].empty() || values[0].size() > 18 ||
      values[0].find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoull(values[0]);
}

wire::ResponseContext ContextFor(const OutgoingRequest& request) {
  wire::ResponseContext context;
  context.head_request = request.head_request || (!request.raw && request.method == "HEAD");
  context.connect_request = !request.raw && request.method == "CONNECT";
  return context;
}

}  // namespace

void AppendCapped(std::string* record, std::string_view bytes, std::size_t cap) {
  if (record->size() >= cap) return;
  record->append(bytes.substr(0, cap - record->size()));
}

core::Expected<Exchange> RawSession::Send(const OutgoingRequest& request) {
  const Clock::time_point start = Clock::now();
  const int timeout_ms = request.timeout_ms > 0 ? request.timeout_ms : 10000;
  const Deadline deadline = After(timeout_ms);
  // The content's memory comes from the run's shared budget: the lease
  // travels with the exchange to whoever keeps the content.
  std::shared_ptr<core::ContentLease> lease;
  if (options_.content_budget) {
    lease = std::make_shared<core::ContentLease>(options_.content_budget->Open());
  }
  wire::ParserLimits limits;
  limits.max_content_bytes = options_.max_content_bytes;
  limits.content_lease = lease.get();
  ExchangeState state(ContextFor(request), limits);
  state.exchange.content_lease = std::move(lease);

  stray_.this_exchange = false;  // What the watch finds from here follows an earlier response.
  core::Expected<bool> ready = ConnectOrReuse(request, deadline, &state);
  if (!ready) return ready.error();
  if (*ready) {
    WriteRequest(request, deadline, &state);
    const PumpEnd end = ReadResponse(deadline, timeout_ms, &state);
    SettleClose(request, end, deadline, &state);
  }
  ReportStray(&state, state.context.head_request);
  state.exchange.duration_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return std::move(state.exchange);
}

core::Expected<bool> RawSession::ConnectOrReuse(const OutgoingRequest& request, Deadline deadline,
                                                ExchangeState* state) {
  if (request.reuse_connection && connection_ != nullptr) {
    if (!connection_->open() && connection_->buffered.empty()) {
      // Closed by the server (or by us after a reset or a cap): say so.
      state->exchange.connection_closed = true;
      state->exchange.error = "the previous connection is closed; not reconnecting";
      return false;
    }
    return !probe_answer_pending_ || DiscardProbeAnswer(deadline, state);
  }
  connection_.reset();
  probe_answer_pending_ = false;
  stray_ = StrayWatch{};
  const int connect_ms = std::min(
      options_.connect_timeout_ms > 0 ? options_.connect_timeout_ms : 5000, RemainingMs(deadline));
  core::Expected<std::unique_ptr<Connection>> connected = connect_(After(connect_ms));
  if (!connected) return connected.error();
  connection_ = std::make_unique<Link>(std::move(connected.value()));
  return true;
}

void RawSession::WriteBytes(std::string_view bytes, Deadline deadline, ExchangeState* state) {
  if (!state->sending) return;
  Exchange& exchange = state->exchange;
  std::size_t written = 0;
  const Io io = connection_->Write(bytes, deadline, &written);
  AppendCapped(&exchange.sent, bytes.substr(0, written), options_.max_record_bytes);
  if (io == Io::kReset) {
    exchange.reset = true;
    exchange.connection_closed = true;
    exchange.error = "connection reset while sending";
    state->sending = false;
  } else if (io == Io::kTimeout) {
    exchange.timed_out = true;
    exchange.error = "timed out while sending (the server stopped reading)";
    state->sending = false;
  }
}

void RawSession::WriteRequest(const OutgoingRequest& request, Deadline deadline,
                              ExchangeState* state) {
  Link& connection = *connection_;
  state->sending = !connection.peer_closed && connection.open();
  if (!state->sending) {
    state->exchange.connection_closed = true;
    state->exchange.error = "the server had closed the connection before this request";
  } else if (!request.raw) {
    WriteStructured(request, deadline, state);
  } else {
    WriteSegments(request, deadline, state);
  }
  if (request.half_close && connection.open()) connection.ShutdownWrite();
}

void RawSession::WriteStructured(const OutgoingRequest& request, Deadline deadline,
                                 ExchangeState* state) {
  Exchange& exchange = state->exchange;
  WriteBytes(SerializeHead(request), deadline, state);
  if (request.continue_wait_ms > 0 && state->sending) {
    // The parser's cheap views, not response(): that builds (and copies
    // the content into) a whole core::Response on every call.
    const std::size_t interim_before = state->parser.interim_count();
    auto answered = [&] {
      const wire::ResponseParser& p = state->parser;
      if (p.state() != wire::ResponseParser::State::kHead) return true;  // Final head done.
      for (std::size_t i = interim_before; i < p.interim_count(); ++i) {
        if (p.interim_status(i) == 100) return true;
      }
      return false;
    };
    const Deadline wait_end = std::min(deadline, After(request.continue_wait_ms));
    const PumpEnd end = Pump(state, wait_end, answered);
    exchange.response_before_content = state->parser.response_started();
    const bool final_head = state->parser.state() != wire::ResponseParser::State::kHead;
    if (end == PumpEnd::kEof || end == PumpEnd::kReset || end == PumpEnd::kCap || final_head) {
      state->sending = false;  // Answered (or gone) before the content: keep it.
    }
    if (end == PumpEnd::kReset) {
      exchange.reset = true;
      exchange.connection_closed = true;
    }
  }
  if (state->sending) {
    WriteBytes(request.body.value_or(""), deadline, state);
    exchange.content_sent = state->sending;
  }
}

void RawSession::WriteSegments(const OutgoingRequest& request, Deadline deadline,
                               ExchangeState* state) {
  Exchange& exchange = state->exchange;
  for (const core::RawSegment& segment : request.segments) {
    if (!state->sending) break;
    if (segment.delay_ms > 0) {
      std::this_thread::sleep_until(std::min(deadline, After(segment.delay_ms)));
    }
    if (segment.wait_for_response_ms > 0) {
      const std::size_t interim_before = state->parser.interim_count();
      auto head_arrived = [&] {
        return state->parser.state() != wire::ResponseParser::State::kHead ||
               state->parser.interim_count() > interim_before;
      };
      const PumpEnd end =
          Pump(state, std::min(deadline, After(segment.wait_for_response_ms)), head_arrived);
      exchange.response_before_content |= state->parser.response_started();
      if (end == PumpEnd::kEof || end == PumpEnd::kReset || end == PumpEnd::kCap) {
        state->sending = false;
        if (end == PumpEnd::kReset) exchange.reset = exchange.connection_closed = true;
        break;
      }
    }
    WriteBytes(segment.bytes, deadline, state);
  }
  exchange.content_sent = state->sending;
}

PumpEnd RawSession::ReadResponse(Deadline deadline, int timeout_ms, ExchangeState* state) {
  Link& connection = *connection_;
  Exchange& exchange = state->exchange;
  const PumpEnd end = Pump(state, deadline, [] { return false; });
  switch (end) {
    case PumpEnd::kDone:
    case PumpEnd::kCondition:
      break;
    case PumpEnd::kEof:
      state->parser.FinishEof();
      exchange.connection_closed = true;
      break;
    case PumpEnd::kReset:
      state->parser.FinishEof();
      exchange.reset = true;
      exchange.connection_closed = true;
      if (exchange.error.empty()) exchange.error = "connection reset by the server";
      break;
    case PumpEnd::kDeadline:
      exchange.timed_out = true;
      if (exchange.error.empty()) {
        exchange.error = "no complete response within " + std::to_string(timeout_ms) + " ms";
      }
      // A half-read response would poison the next exchange on this connection.
      if (state->parser.response_started()) connection.Close();
      break;
    case PumpEnd::kCap:
      exchange.error = "stopped after " + std::to_string(state->stream_bytes) +
                       " bytes (max_stream_bytes); connection closed by us";
      connection.Close();
      connection.buffered.clear();
      break;
  }
  if (state->parser.state() == wire::ResponseParser::State::kError) {
    // Framing is lost: nothing after this can be attributed to a message.
    connection.Close();
    connection.buffered.clear();
  }
  if (connection.peer_closed) exchange.connection_closed = true;
  if (state->parser.response_started()) exchange.response = state->parser.TakeResponse();
  return end;
}

void RawSession::SettleClose(const OutgoingRequest& request, PumpEnd end, Deadline deadline,
                             ExchangeState* state) {
  Link& connection = *connection_;
  Exchange& exchange = state->exchange;
  // A request may follow only a cleanly ended response with nothing after
  // it: bytes nobody has parsed must stay for the next step.
  const bool clean = (end == PumpEnd::kDone || end == PumpEnd::kCondition) &&
                     state->parser.state() == wire::ResponseParser::State::kDone;
  if (clean && CannotHaveContent(*exchange.response, state->context)) {
    stray_ = StrayWatch{};
    stray_.armed = stray_.this_exchange = true;
    stray_.status = exchange.response->head.status;
    stray_.announced = AnnouncedLength(*exchange.response);
    stray_.head = state->context.head_request;
    // A server that announced its close sends nothing but stray content
    // before it: reading to the close (bounded) sees all of it however the
    // server's writes are timed; otherwise only what has already arrived is
    // taken, and the rest is found in front of the next response.
    const bool to_close = AnnouncesClose(*exchange.response);
    TakeStray(state, to_close ? std::min(deadline, After(kStrayToCloseMs)) : Clock::now(),
              /*wait=*/to_close);
  }
  if (request.probe_close_ms > 0 && connection.open() && !connection.peer_closed &&
      (!request.probe_needed || request.probe_needed(exchange))) {
    bool settled = false;
    if (!request.probe_request.empty() && clean && connection.buffered.empty()) {
      std::string probe = request.probe_request;
      // Content withheld after an early final response (RFC 9110 §10.1.1):
      // a server that keeps the connection reads (and discards) it, so it
      // goes first, as a client reusing the connection would send it; when
      // it cannot be sent as framed, only a wait can tell.
      bool sendable = true;
      if (!request.raw && request.body && !request.body->empty() && !exchange.content_sent) {
        sendable = WithheldContentIsFramed(request);
        probe.insert(0, *request.body);
      }
      if (sendable) settled = ProbeWithRequest(state, probe, request.probe_close_ms, deadline);
    }
    if (!settled) ProbeClose(state, After(request.probe_close_ms), request.probe_pending_response);
  }
  if (connection.peer_closed) exchange.connection_closed = true;
}

// Feeds buffered bytes to the parser; what it does not take stays buffered.
void RawSession::FeedBuffered(ExchangeState* state) {
  Link& connection = *connection_;
  if (connection.buffered.empty() || state->parser.done()) return;
  const std::size_t used = state->parser.Feed(connection.buffered);
  state->parsed += used;
  AppendCapped(&state->exchange.received, std::string_view(connection.buffered).substr(0, used),
               options_.max_record_bytes);
  connection.buffered.erase(0, used);
  if (state->parser.state() == wire::ResponseParser::State::kError) {
    // Keep the unparseable rest in the record: it is what the report must show.
    AppendCapped(&state->exchange.received, connection.buffered, options_.max_record_bytes);
    connection.buffered.clear();
  }
}

// Reads and parses until the parser is done, `stop()` holds, the deadline,
// EOF, a reset, or max_stream_bytes.
PumpEnd RawSession::Pump(ExchangeState* state, Deadline deadline,
                         const std::function<bool()>& stop) {
  Link& connection = *connection_;
  if (stray_.armed && !state->parser.response_started()) TakeStray(state, deadline, true);
  FeedBuffered(state);
  for (;;) {
    if (state->parser.done()) return PumpEnd::kDone;
    if (stop()) return PumpEnd::kCondition;
    if (connection.peer_closed) return PumpEnd::kEof;
    if (!connection.open()) return PumpEnd::kReset;
    if (state->stream_bytes >= options_.max_stream_bytes) return PumpEnd::kCap;
    // Read() only looks at the deadline when it would block: a server that
    // never stops sending (one-byte chunks, slower to parse than to send)
    // must still be cut off at the deadline.
    if (Clock::now() >= deadline) return PumpEnd::kDeadline;
    const std::size_t before = connection.buffered.size();
    const Io io = connection.Read(&connection.buffered,
                                  options_.max_stream_bytes - state->stream_bytes, deadline);
    switch (io) {
      case Io::kOk:
        state->stream_bytes += connection.buffered.size() - before;
        FeedBuffered(state);
        break;
      case Io::kEof:
        connection.peer_closed = true;
        return PumpEnd::kEof;
      case Io::kReset:
        connection.peer_closed = true;
        connection.Close();
        return PumpEnd::kReset;
      case Io::kTimeout:
        return PumpEnd::kDeadline;
    }
  }
}

}  // namespace httpconform::transport::raw
