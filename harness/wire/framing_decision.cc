// RFC 9112 §6.1/§6.3 items 3–8 as one function over both policies; see
// framing_decision.h. The order of the checks is the order of the findings,
// which the parsers' diagnostics (and golden files) depend on: a request is
// refused for HTTP/1.0 before the Content-Length clash, since §6.1 makes the
// whole framing faulty, while a response notes the clash first.
#include "harness/wire/framing_decision.h"

#include "harness/core/message.h"

namespace httpconform::wire {

namespace {

bool IsChunked(std::string_view coding) { return core::EqualsIgnoreCase(coding, "chunked"); }

class Builder {
 public:
  explicit Builder(FramingPolicy policy) : policy_(policy) {}

  void Note(FramingFinding finding) { Add(finding, 0); }

  // Under the request policy, refuses with `status` and returns true; a
  // response only notes it and returns false.
  bool Refuse(FramingFinding finding, int status) {
    if (policy_ != FramingPolicy::kRequest) {
      Note(finding);
      return false;
    }
    Add(finding, status);
    out_.kind = FramingDecision::Kind::kRefused;
    return true;
  }

  // Fatal under both policies: a request answers `status`, a response is
  // unrecoverable (-1).
  void Fatal(FramingFinding finding, int status) {
    Add(finding, policy_ == FramingPolicy::kRequest ? status : -1);
    out_.kind = FramingDecision::Kind::kRefused;
  }

  FramingDecision Done(FramingDecision::Kind kind) {
    out_.kind = kind;
    return out_;
  }
  FramingDecision Refused() const { return out_; }

 private:
  void Add(FramingFinding finding, int status) {
    if (out_.note_count < FramingDecision::kMaxNotes) {
      out_.notes[out_.note_count++] = FramingNote{finding, status};
    }
  }

  FramingPolicy policy_;
  FramingDecision out_;
};

FramingDecision DecideTransferEncoding(const FramingFacts& facts, FramingPolicy policy) {
  const TransferCodings& te = facts.transfer_encoding;
  const bool request = policy == FramingPolicy::kRequest;
  Builder b(policy);
  // §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing; a server
  // refuses to guess.
  if (request && facts.http10 && b.Refuse(FramingFinding::kTeInHttp10, 400)) return b.Refused();
  // §6.3 item 3: Transfer-Encoding overrides Content-Length; a server MAY
  // reject such a request, and we do.
  if (facts.has_content_length && b.Refuse(FramingFinding::kClAndTe, 400)) return b.Refused();
  if (!request && facts.http10) b.Note(FramingFinding::kTeInHttp10);
  if (request) {
    if (te.members == 0 && b.Refuse(FramingFinding::kEmptyTe, 400)) return b.Refused();
    // §6.3 item 4: chunked is not final, so a server MUST respond 400. This
    // comes before the 501 of §6.1, which applies to codings preceding a
    // final chunked.
    if (!te.chunked_last && b.Refuse(FramingFinding::kTeNotChunkedLast, 400)) return b.Refused();
    // §6.1: a transfer coding the server does not understand: 501.
    if (!te.first_other.empty() && b.Refuse(FramingFinding::kUnknownCoding, 501)) {
      return b.Refused();
    }
  }
  if (te.chunked > 1 && b.Refuse(FramingFinding::kChunkedTwice, 400)) return b.Refused();
  if (te.chunked_last) return b.Done(FramingDecision::Kind::kChunked);
  // §6.3 item 4: for a response, read until the connection closes.
  b.Note(FramingFinding::kTeNotChunkedLast);
  return b.Done(FramingDecision::Kind::kCloseDelimited);
}

}  // namespace

void TransferCodings::Add(std::string_view value) {
  present = true;
  auto member = [this](std::string_view coding) {
    ++members;
    chunked_last = IsChunked(coding);
    if (chunked_last) {
      ++chunked;
    } else if (first_other.empty()) {
      first_other = coding;
    }
  };
  if (IsChunked(value)) {
    member(value);  // The usual value, one member with nothing to split.
    return;
  }
  core::ForEachListMember(value, member);
}

const char* FramingFindingId(FramingFinding finding) {
  switch (finding) {
    case FramingFinding::kTeInHttp10:
      return "framing.te-in-http10";
    case FramingFinding::kClAndTe:
      return "framing.cl-and-te";
    case FramingFinding::kEmptyTe:
      return "framing.invalid-transfer-encoding";
    case FramingFinding::kTeNotChunkedLast:
      return "framing.te-not-chunked-last";
    case FramingFinding::kUnknownCoding:
      return "framing.unknown-transfer-coding";
    case FramingFinding::kChunkedTwice:
      return "framing.chunked-twice";
    case FramingFinding::kInvalidCl:
      return "framing.invalid-content-length";
    case FramingFinding::kConflictingCl:
      return "framing.conflicting-content-length";
    case FramingFinding::kDuplicateCl:
      return "framing.duplicate-content-length";
  }
  return "framing.unknown";
}

FramingDecision DecideMessageFraming(const FramingFacts& facts, FramingPolicy policy) {
  if (facts.transfer_encoding.present) return DecideTransferEncoding(facts, policy);
  Builder b(policy);
  switch (facts.content_length) {
    case ContentLengthStatus::kInvalid:
      // §6.3 item 5: unrecoverable; a server MUST respond 400.
      b.Fatal(FramingFinding::kInvalidCl, 400);
      return b.Refused();
    case ContentLengthStatus::kConflict:
      b.Fatal(FramingFinding::kConflictingCl, 400);
      return b.Refused();
    case ContentLengthStatus::kDuplicate:
      b.Note(FramingFinding::kDuplicateCl);
      return b.Done(FramingDecision::Kind::kLength);
    case ContentLengthStatus::kOk:
      return b.Done(FramingDecision::Kind::kLength);  // §6.3 item 6.
    case ContentLengthStatus::kAbsent:
      break;
  }
  // §6.3 item 7: a request without either has no content; item 8: a
  // response is delimited by the close.
  return b.Done(policy == FramingPolicy::kRequest ? FramingDecision::Kind::kNone
                                                  : FramingDecision::Kind::kCloseDelimited);
}

}  // namespace httpconform::wire
