// The HTTP message model shared by every module: field lists, wire
// diagnostics, and parsed responses (interim 1xx heads, the final head, the
// content). It is plain data; the wire parser fills it, the runner checks it,
// reports render it. Field names keep the case the server sent; lookups are
// case-insensitive (RFC 9110 §5.1).
#ifndef HTTPCONFORM_CORE_MESSAGE_H_
#define HTTPCONFORM_CORE_MESSAGE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace httpconform::core {

/// One field line: name and value as received (value without surrounding OWS).
struct Field {
  std::string name;
  std::string value;
};
using Fields = std::vector<Field>;

/// ASCII case-insensitive equality, as field names and tokens require.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

/// The first field named `name`, or nullptr.
const Field* FindField(const Fields& fields, std::string_view name);

/// Every value of fields named `name`, in order.
std::vector<std::string> FieldValues(const Fields& fields, std::string_view name);

/// The values of `name` combined as a comma-separated list, split into
/// trimmed members (RFC 9110 §5.6.1); empty members are dropped.
std::vector<std::string> FieldListMembers(const Fields& fields, std::string_view name);

/// Calls `visit(member)` for each trimmed, non-empty member of one list-valued
/// field value, splitting on commas outside quoted strings (RFC 9110 §5.6.1,
/// §5.6.4); FieldListMembers applies it to every line of a name.
template <typename Visit>
void ForEachListMember(std::string_view value, Visit&& visit) {
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i < value.size() && value[i] == '"') quoted = !quoted;
    if (i < value.size() && value[i] == '\\' && quoted) {
      ++i;
      continue;
    }
    if (i == value.size() || (value[i] == ',' && !quoted)) {
      std::string_view member = value.substr(start, i - start);
      while (!member.empty() && (member.front() == ' ' || member.front() == '\t')) {
        member.remove_prefix(1);
      }
      while (!member.empty() && (member.back() == ' ' || member.back() == '\t')) {
        member.remove_suffix(1);
      }
      if (!member.empty()) visit(member);
      start = i + 1;
    }
  }
}

/// A deviation from RFC 9112 found on the wire, with where it was.
struct Diagnostic {
  std::string id;      ///< Stable name, e.g. "status-line.missing-sp".
  std::size_t offset;  ///< Byte offset from the start of the response stream.
  std::string detail;  ///< What was seen, for people.
  bool fatal = false;  ///< True when the message could not be parsed past it.
};

/// A status line plus its field section: an interim (1xx) or final response.
struct ResponseHead {
  std::string version;  ///< e.g. "HTTP/1.1" exactly as sent.
  int status = 0;
  std::string reason;
  Fields fields;
  std::size_t offset = 0;  ///< Where the status line started in the stream.
};

/// How the content of a response was delimited (RFC 9112 §6.3).
enum class Framing { kNoContent, kContentLength, kChunked, kCloseDelimited };

/// A complete (or as complete as the server let it be) response.
struct Response {
  std::vector<ResponseHead> interim;  ///< 1xx responses before the final one, in order.
  ResponseHead head;                  ///< The final response (status >= 200, or 101).
  std::string content;                ///< Decoded content, within the transport's caps.
  std::uint64_t content_size = 0;     ///< Decoded content length seen, even past the cap.
  bool content_truncated = false;     ///< True when content_size exceeded what was kept.
  Fields trailers;                    ///< Trailer fields of a chunked message.
  Framing framing = Framing::kNoContent;
  std::vector<Diagnostic> diagnostics;
  bool complete = false;  ///< False when the stream ended or the cap was hit early.
  /// Field lines (of the interim and final heads and the trailers) left out
  /// of a finished step's record, which keeps only the first ones (runner).
  std::size_t fields_omitted = 0;
  /// Read back from a JSON report only: the recorded digest of the content
  /// (reports::ContentSha256), whose bytes the report does not hold.
  std::string content_sha256;
};

/// Returns the diagnostic with `id`, or nullptr.
const Diagnostic* FindDiagnostic(const std::vector<Diagnostic>& diagnostics, std::string_view id);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_MESSAGE_H_
