// How a message's content is delimited (RFC 9112 §6.1 and §6.3 items 3–8),
// decided once for both parsers. The two differ only in policy: a client
// reading a response notes what is wrong and goes on as §6.3 tells a
// recipient to (Transfer-Encoding wins; a final coding other than chunked
// reads until the close), while a server reading a request refuses every
// ambiguity it may refuse (request smuggling, §11.2) with the status code it
// would answer with. The function is pure and takes facts, not fields: the
// caller summarises the Transfer-Encoding members with
// TransferCodings::Add (views, no allocation) and the Content-Length lines
// with ContentLengthReader or ParseContentLength, and maps each finding to
// its own Note/Fail with its own detail text. §6.3 items 1–2 (HEAD, 1xx, 204,
// 304, CONNECT) depend on the request and stay with the response parser.
#ifndef HTTPCONFORM_WIRE_FRAMING_DECISION_H_
#define HTTPCONFORM_WIRE_FRAMING_DECISION_H_

#include <cstddef>
#include <string_view>

#include "harness/wire/syntax.h"

namespace httpconform::wire {

/// Whose message is framed, which decides what a finding does.
enum class FramingPolicy {
  kResponse,  ///< Note and go on; only an unusable Content-Length is fatal.
  kRequest,   ///< The first finding that allows it refuses, with a status.
};

/// The Transfer-Encoding members of a head, in order, summarised.
struct TransferCodings {
  bool present = false;          ///< At least one Transfer-Encoding line.
  std::size_t members = 0;       ///< Non-empty list members over all lines.
  std::size_t chunked = 0;       ///< How many of them are "chunked".
  bool chunked_last = false;     ///< The final member is "chunked".
  std::string_view first_other;  ///< First member that is not "chunked".

  /// Adds one Transfer-Encoding field value (RFC 9110 §5.6.1 list). The
  /// view must outlive the decision.
  void Add(std::string_view value);
};

/// What the caller knows after the head.
struct FramingFacts {
  bool http10 = false;  ///< HTTP-version is HTTP/1.0.
  TransferCodings transfer_encoding;
  bool has_content_length = false;
  /// Read only when Transfer-Encoding is absent, so a caller may leave it
  /// unset otherwise.
  ContentLengthStatus content_length = ContentLengthStatus::kAbsent;
};

/// What is wrong with the framing fields. The diagnostic id is the same under
/// both policies; the parsers word the detail.
enum class FramingFinding {
  kTeInHttp10,        ///< framing.te-in-http10 (§6.1)
  kClAndTe,           ///< framing.cl-and-te (§6.3 item 3)
  kEmptyTe,           ///< framing.invalid-transfer-encoding (request only)
  kTeNotChunkedLast,  ///< framing.te-not-chunked-last (§6.3 item 4)
  kUnknownCoding,     ///< framing.unknown-transfer-coding (request only, §6.1)
  kChunkedTwice,      ///< framing.chunked-twice (§6.1)
  kInvalidCl,         ///< framing.invalid-content-length (§6.3 item 5)
  kConflictingCl,     ///< framing.conflicting-content-length (§6.3 item 5)
  kDuplicateCl,       ///< framing.duplicate-content-length (RFC 9110 §8.6)
};

/// The diagnostic id of a finding.
const char* FramingFindingId(FramingFinding finding);

struct FramingNote {
  FramingFinding finding;
  /// 0 for a note; otherwise the message is refused: the status code a
  /// server answers with (request policy) or -1 for an unrecoverable
  /// response (§6.3 item 5).
  int status;
};

struct FramingDecision {
  enum class Kind { kNone, kLength, kChunked, kCloseDelimited, kRefused };
  Kind kind = Kind::kNone;
  /// Findings in the order the parser reports them; at most one refuses,
  /// and it is the last.
  static constexpr std::size_t kMaxNotes = 4;
  FramingNote notes[kMaxNotes] = {};
  std::size_t note_count = 0;
};

/// Decides the framing of a message from `facts` under `policy`.
FramingDecision DecideMessageFraming(const FramingFacts& facts, FramingPolicy policy);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_FRAMING_DECISION_H_
