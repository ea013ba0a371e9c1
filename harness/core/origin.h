// The origin side of a proxy case (docs/case-format.md, "Proxy cases"): what
// the scripted origin (harness/proxy/origin.h) answers to the request a step
// causes, what it recorded of each request it received, and what a step
// expects of those records. Plain data: the loader builds scripts and
// expectations, the origin runs scripts and fills records, the runner
// compares them.
#ifndef HTTPCONFORM_CORE_ORIGIN_H_
#define HTTPCONFORM_CORE_ORIGIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/message.h"

namespace httpconform::core {

/// What the origin does with a request that carries the step's tag.
struct OriginScript {
  enum class Action {
    kRespond,  ///< Sends the scripted response (or `raw` bytes).
    kHang,     ///< Reads the request, answers nothing until the step is over.
    kClose,    ///< Closes the connection without an answer.
    kReset,    ///< Resets the connection (RST) without an answer.
  };
  Action action = Action::kRespond;
  int status = 200;
  Fields headers;  ///< In order; Content-Length or Transfer-Encoding added unless given.
  std::string content;
  bool chunked = false;            ///< Frame the content as one chunk and the last chunk.
  Fields trailers;                 ///< With chunked: a trailer section.
  std::vector<int> interim;        ///< 1xx responses sent first, in order, with no fields.
  int delay_ms = 0;                ///< Waited before answering.
  std::optional<std::string> raw;  ///< Exact bytes sent instead of a built response.
  bool close_after = false;        ///< Close the connection after answering.
  /// >= 0: the step reuses the tag (so the path) of that earlier step, with
  /// its own script and records: a cache case asks for one resource twice.
  int same_tag_as_step = -1;
};

/// What the origin recorded of one request it received.
struct OriginRecord {
  std::string method;
  std::string target;
  std::string version;
  Fields fields;                     ///< As received, in order.
  std::uint64_t content_length = 0;  ///< Bytes of (de-chunked) content.
  std::string framing;               ///< "none", "content-length" or "chunked".
  std::string tag;                   ///< The tag it carried; "" when none.
  bool malformed = false;            ///< The request did not parse (then answered 400).
};

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_ORIGIN_H_
