// Settling a connection after a response (see raw_session.h): whether the
// server keeps it (a wait for its close, or a probe request whose answer
// proves it open), skipping a probe's late answer before the next step, and
// content after a response that cannot have any (set aside, then reported
// as message.content-not-allowed). Every read here is bounded by a deadline
// and by max_stream_bytes; bytes kept for the next step by kKeepReadAhead.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/transport/raw_session.h"
#include "harness/wire/stray_content.h"

namespace httpconform::transport::raw {

// After a response: waits for the server to close. Bytes that arrive
// meanwhile are kept for the next response on this connection, up to
// kKeepReadAhead; past that they are read (a close behind them still
// counts) but dropped, and the connection, whose framing is then lost, is
// closed by us at the end. With `pending_response`, a further whole
// response ends the wait: the server went on using the connection (RFC
// 9112 §9.3.2).
void RawSession::ProbeClose(ExchangeState* state, Deadline until, bool pending_response) {
  Link& connection = *connection_;
  // Fed each byte once, keeping no content. Stray content is set aside
  // first (TakeStray, which takes it off the front of `buffered`): the
  // scratch parser sees only what follows it.
  wire::ResponseParser scratch(wire::ResponseContext{}, ProbeLimits());
  bool fed_buffered = false;  // Whether `buffered` so far went to `scratch`.
  // `fresh_tail`: the last bytes of `buffered` that just arrived; `spilled`:
  // bytes just read past kKeepReadAhead. Whether the pending response is
  // now whole.
  auto pending_arrived = [&](std::size_t fresh_tail, std::string_view spilled) {
    if (stray_.armed) {
      TakeStray(state, Clock::now(), /*wait=*/false);
      fresh_tail = std::min(fresh_tail, connection.buffered.size());
      if (stray_.armed) return false;
    }
    if (!pending_response) return false;
    if (!fed_buffered) {
      fed_buffered = true;
      fresh_tail = connection.buffered.size();
    }
    if (fresh_tail > 0) {
      scratch.Feed(
          std::string_view(connection.buffered).substr(connection.buffered.size() - fresh_tail));
    }
    if (!spilled.empty()) scratch.Feed(spilled);
    return scratch.state() == wire::ResponseParser::State::kDone;
  };
  std::string spill;  // Bytes past kKeepReadAhead, one read at a time.
  bool dropped = false;
  std::size_t read = 0;
  for (bool done = pending_arrived(0, {}); !done;) {
    if (read >= options_.max_stream_bytes) break;
    const bool keep = connection.buffered.size() < kKeepReadAhead;
    std::string& into = keep ? connection.buffered : spill;
    spill.clear();
    const std::size_t before = into.size();
    const Io io = connection.Read(&into, options_.max_stream_bytes - read, until);
    const std::size_t got = into.size() - before;
    read += got;
    dropped = dropped || (!keep && got > 0);
    done = keep ? pending_arrived(got, {}) : pending_arrived(0, spill);
    if (io == Io::kTimeout) break;
    if (io == Io::kEof) {
      connection.peer_closed = true;
      if (stray_.armed) TakeStray(state, Clock::now(), /*wait=*/false);
      break;
    }
    if (io == Io::kReset) {
      connection.peer_closed = true;
      connection.Close();
      state->exchange.reset = true;
      if (stray_.armed) TakeStray(state, Clock::now(), /*wait=*/false);
      break;
    }
  }
  if (dropped) {
    connection.buffered.clear();
    connection.Close();
  }
}

// After a clean response: settles whether the server keeps the
// connection by asking it something more (RFC 9112 §9.3: a persistent
// connection carries further requests; §9.6: after "close" the server
// "MUST NOT process any further requests"). A response proves it open, EOF
// or a reset proves it closed; neither within the window means open, as a
// plain wait would say. Returns false when bytes that are not the probe's
// response show up (stray bytes from the server): they are put back for
// the next step and the caller falls back to waiting.
bool RawSession::ProbeWithRequest(ExchangeState* state, const std::string& probe, int window_ms,
                                  Deadline step_deadline) {
  Link& connection = *connection_;
  Exchange& exchange = state->exchange;
  auto on_reset = [&] {
    connection.peer_closed = true;
    connection.Close();
    exchange.reset = true;
  };
  // A close that is already here (FIN right behind the response) or stray
  // bytes: look without waiting before writing anything.
  const std::size_t cap = options_.max_stream_bytes;
  Io io = connection.Read(&connection.buffered, cap, Clock::now());
  if (io == Io::kEof) {
    connection.peer_closed = true;
    return true;
  }
  if (io == Io::kReset) {
    on_reset();
    return true;
  }
  if (io == Io::kOk && stray_.armed) TakeStray(state, Clock::now(), /*wait=*/false);
  if (io == Io::kOk && !connection.buffered.empty()) return false;
  // The answer may take a round trip on a slow network: wait for it at
  // least the window, up to 2 s more within the step's deadline.
  const Deadline answer_by =
      std::max(After(window_ms), std::min(step_deadline, After(kProbeAnswerMs)));
  std::size_t written = 0;
  io = connection.Write(probe, answer_by, &written);
  if (io == Io::kReset) {
    on_reset();
    return true;
  }
  if (io != Io::kOk) {
    // Not even a small request went out in time: part of it may have, so
    // nothing later on this connection could be told apart. Open, as the
    // wait says; closed by us for any next step.
    connection.Close();
    connection.buffered.clear();
    return true;
  }
  std::string consumed;  // The probe's response so far (up to kKeepReadAhead).
  bool kept_all = true;
  wire::ResponseParser parser(wire::ResponseContext{}, ProbeLimits());
  const ProbeAnswer answer = ReadProbeAnswer(state, &parser, cap, answer_by, &consumed, &kept_all);
  const bool over = !kept_all && (answer == ProbeAnswer::kNotAResponse ||
                                  answer == ProbeAnswer::kTimeout || answer == ProbeAnswer::kCap);
  if (over) {
    // More of an answer than can be put back: the server was answering,
    // so open; what is left cannot be told from a next step's response,
    // so the connection is closed by us.
    connection.Close();
    connection.buffered.clear();
    return true;
  }
  if (!kept_all) consumed.clear();  // Closed by the server: nothing to put back.
  switch (answer) {
    case ProbeAnswer::kWhole:
      return true;  // Open.
    case ProbeAnswer::kNotAResponse:
      // Not a response to the probe: the server's stray bytes. Keep them
      // in order for the next step and wait as if no probe had been sent.
      connection.buffered.insert(0, consumed);
      return false;
    case ProbeAnswer::kEof:
    case ProbeAnswer::kReset:
      parser.FinishEof();
      if (parser.state() == wire::ResponseParser::State::kDone) {
        // A close-delimited answer: open until it answered (so not
        // closed after this step's response), closed now.
        connection.Close();
        return true;
      }
      // Closed without answering: what came first is the server's.
      connection.buffered.insert(0, consumed);
      if (answer == ProbeAnswer::kReset) {
        on_reset();
      } else {
        connection.peer_closed = true;
      }
      return true;
    case ProbeAnswer::kTimeout:
    case ProbeAnswer::kCap:
      break;
  }
  // Unanswered and not closed within the window: open, as a plain wait
  // would say. Its answer may still come: a next step on this connection
  // must skip it first (DiscardProbeAnswer), so what it sees is its own.
  connection.buffered.insert(0, consumed);
  probe_answer_pending_ = true;
  return true;
}

// Before a step that reuses the connection: reads (until `deadline`) and
// drops the answer to a probe request the previous step left unanswered.
// False, with `exchange` saying why, when it did not come whole.
bool RawSession::DiscardProbeAnswer(Deadline deadline, ExchangeState* state) {
  Exchange* exchange = &state->exchange;
  probe_answer_pending_ = false;
  Link& connection = *connection_;
  wire::ResponseParser parser(wire::ResponseContext{}, ProbeLimits());
  const ProbeAnswer answer =
      ReadProbeAnswer(state, &parser, options_.max_stream_bytes, deadline, /*consumed=*/nullptr);
  switch (answer) {
    case ProbeAnswer::kWhole:
      return true;
    case ProbeAnswer::kNotAResponse:
    case ProbeAnswer::kCap:
      connection.Close();
      connection.buffered.clear();
      exchange->error =
          "the answer to an earlier request sent to probe the connection was "
          "malformed; connection closed by us";
      return false;
    case ProbeAnswer::kEof:
    case ProbeAnswer::kReset:
      connection.peer_closed = true;
      if (answer == ProbeAnswer::kReset) connection.Close();
      exchange->connection_closed = true;
      exchange->reset = answer == ProbeAnswer::kReset;
      exchange->error = "the server had closed the connection before this request";
      return false;
    case ProbeAnswer::kTimeout:
      break;
  }
  exchange->timed_out = true;
  exchange->error =
      "no response within the deadline: an earlier request sent to probe "
      "the connection is still unanswered";
  return false;
}

// Answers read only to be skipped: their content is counted, never kept.
wire::ParserLimits RawSession::ProbeLimits() const {
  wire::ParserLimits limits;
  limits.max_content_bytes = 0;
  return limits;
}

// Feeds the connection's bytes to `parser` until it holds one whole
// response, or the bytes are not one, or the peer closes, or `until`, or
// `cap` more bytes were read. What the parser took leaves the buffer (and
// is appended to `consumed` when given, so a caller can put it back).
ProbeAnswer RawSession::ReadProbeAnswer(ExchangeState* state, wire::ResponseParser* parser,
                                        std::size_t cap, Deadline until, std::string* consumed,
                                        bool* kept_all) {
  Link& connection = *connection_;
  if (stray_.armed) TakeStray(state, until, /*wait=*/true);
  std::size_t read = 0;
  for (;;) {
    if (!connection.buffered.empty()) {
      const std::size_t used = parser->Feed(connection.buffered);
      if (consumed != nullptr) {
        *kept_all = *kept_all && consumed->size() + used <= kKeepReadAhead;
        if (*kept_all) consumed->append(connection.buffered, 0, used);
      }
      connection.buffered.erase(0, used);
    }
    if (parser->state() == wire::ResponseParser::State::kDone) return ProbeAnswer::kWhole;
    if (parser->state() == wire::ResponseParser::State::kError) {
      return ProbeAnswer::kNotAResponse;
    }
    if (read >= cap) return ProbeAnswer::kCap;
    const std::size_t before = connection.buffered.size();
    const Io io = connection.Read(&connection.buffered, cap - read, until);
    read += connection.buffered.size() - before;
    if (io == Io::kEof) return ProbeAnswer::kEof;
    if (io == Io::kReset) return ProbeAnswer::kReset;
    if (io == Io::kTimeout) return ProbeAnswer::kTimeout;
  }
}

// Sets aside stray content in front of the next response (see the file
// comment), reading until that is settled when `wait`, else taking only
// what has arrived. It counts against the response it followed: this
// exchange's own, or the one before it on the connection.
void RawSession::TakeStray(ExchangeState* state, Deadline until, bool wait) {
  Link& connection = *connection_;
  while (stray_.armed) {
    const bool at_end = connection.peer_closed || !connection.open();
    const wire::StrayScan scan =
        wire::ScanStrayContent(connection.buffered, stray_.announced, at_end, stray_.continuing);
    if (scan.stray > 0) {
      AppendCapped(&state->exchange.received,
                   std::string_view(connection.buffered).substr(0, scan.stray),
                   options_.max_record_bytes);
      if (stray_.this_exchange) {
        state->stray_own += scan.stray;
      } else {
        state->stray_earlier += scan.stray;
        state->earlier_status = stray_.status;
        state->earlier_head = stray_.head;
      }
      if (stray_.announced)
        *stray_.announced -= std::min<std::uint64_t>(*stray_.announced, scan.stray);
      stray_.continuing = true;
      connection.buffered.erase(0, scan.stray);
    }
    if (scan.settled) {
      stray_.armed = false;
      return;
    }
    if (at_end || state->stray_own + state->stray_earlier >= options_.max_stream_bytes ||
        connection.buffered.size() >= options_.max_stream_bytes) {
      return;
    }
    const Io io = connection.Read(&connection.buffered, kReadChunk, wait ? until : Clock::now());
    if (io == Io::kTimeout) return;
    if (io == Io::kEof) connection.peer_closed = true;
    if (io == Io::kReset) {
      connection.peer_closed = true;
      connection.Close();
    }
  }
}

// Says what TakeStray set aside, as message.content-not-allowed on the
// response of this exchange (after it, or in front of it).
void RawSession::ReportStray(ExchangeState* state, bool head_request) {
  Exchange& exchange = state->exchange;
  // One diagnostic per response: its own stray content first.
  if (state->stray_earlier > 0 && state->stray_own == 0) {
    exchange.stray_after_status = state->earlier_status;
  }
  if (!exchange.response) return;
  std::vector<core::Diagnostic>& diagnostics = exchange.response->diagnostics;
  if (core::FindDiagnostic(diagnostics, "message.content-not-allowed") != nullptr) return;
  auto what = [](int status, bool head) {
    return head ? "response to HEAD" : std::to_string(status) + " response";
  };
  if (state->stray_own > 0) {
    diagnostics.push_back({"message.content-not-allowed", state->parsed,
                           std::to_string(state->stray_own) + " bytes followed this " +
                               what(exchange.response->head.status, head_request) +
                               " on the connection: content it cannot have (RFC 9112 §6.3)",
                           false});
  } else if (state->stray_earlier > 0) {
    diagnostics.push_back({"message.content-not-allowed", 0,
                           std::to_string(state->stray_earlier) +
                               " bytes in front of this response followed the previous one on "
                               "the connection, a " +
                               what(state->earlier_status, state->earlier_head) +
                               ": content it cannot have (RFC 9112 §6.3)",
                           false});
  }
}
}  // namespace httpconform::transport::raw
