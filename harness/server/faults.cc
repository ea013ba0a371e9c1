// The fault table. Each row names the rule it breaks; the rule is what makes
// the fault legitimate evidence (see faults.h). Rows are in Fault enum order,
// which a check in AllFaults() enforces.
#include "harness/server/faults.h"

#include <cstdlib>

namespace httpconform::server {
namespace {

struct Row {
  Fault fault;
  const char* name;
  const char* description;
  const char* rule;
};

// clang-format off
const Row kRows[] = {
  {Fault::kIgnoreIfNoneMatch, "ignore-if-none-match",
   "never evaluates If-None-Match: a GET with a matching entity tag gets 200 instead of 304",
   "RFC 9110 §13.1.2, §13.2.1"},
  {Fault::kIgnoreIfModifiedSince, "ignore-if-modified-since",
   "never evaluates If-Modified-Since: an unmodified representation is sent again with 200",
   "RFC 9110 §13.1.3, §13.2.1"},
  {Fault::kBodyOn304, "body-on-304",
   "sends the representation as content after a 304 head",
   "RFC 9110 §15.4.5; RFC 9112 §6.3"},
  {Fault::k304WithoutEtag, "304-without-etag",
   "omits the ETag field that the 200 would have carried from a 304",
   "RFC 9110 §15.4.5"},
  {Fault::kIgnoreIfMatch, "ignore-if-match",
   "never evaluates If-Match: a PUT/DELETE with a non-matching entity tag succeeds",
   "RFC 9110 §13.1.1, §13.2.1"},
  {Fault::kIgnoreIfUnmodifiedSince, "ignore-if-unmodified-since",
   "never evaluates If-Unmodified-Since: a PUT/DELETE on a modified resource succeeds",
   "RFC 9110 §13.1.4, §13.2.1"},
  {Fault::kIgnorePrecedence, "ignore-precedence",
   "evaluates If-Modified-Since although If-None-Match is present, and If-Unmodified-Since "
   "although If-Match is present",
   "RFC 9110 §13.2.2, §13.1.3, §13.1.4"},
  {Fault::kWeakIfMatch, "weak-if-match",
   "compares If-Match entity tags with the weak comparison function",
   "RFC 9110 §13.1.1"},
  {Fault::kStrongIfNoneMatch, "strong-if-none-match",
   "compares If-None-Match entity tags with the strong comparison function (W/\"x\" never "
   "matches)",
   "RFC 9110 §13.1.2"},
  {Fault::k412ForGetInm, "412-for-get-inm",
   "answers 412 instead of 304 when If-None-Match is false on GET/HEAD",
   "RFC 9110 §13.1.2"},
  {Fault::kInvalidImsNotIgnored, "invalid-ims-not-ignored",
   "treats an If-Modified-Since that is not a valid HTTP-date as false (304) instead of ignoring "
   "it",
   "RFC 9110 §13.1.3"},
  {Fault::kImsOnPut, "ims-on-put",
   "evaluates If-Modified-Since on PUT/DELETE (answers 304 to a PUT)",
   "RFC 9110 §13.1.3"},
  {Fault::kPreconditionOn404, "precondition-on-404",
   "answers 412 to an If-Match request for a resource that does not exist instead of 404",
   "RFC 9110 §13.2.1"},
  {Fault::k304WithContentLengthMismatch, "304-with-content-length-mismatch",
   "sends Content-Length: 0 in a 304 although the 200 would have had a longer content",
   "RFC 9110 §8.6"},
  {Fault::kIgnoreIfRange, "ignore-if-range",
   "never evaluates If-Range: a Range request always gets 206 even when the validator changed",
   "RFC 9110 §13.1.5"},
  {Fault::kWeakIfRange, "weak-if-range",
   "compares If-Range entity tags with the weak comparison function (W/\"x\" matches)",
   "RFC 9110 §13.1.5"},
  {Fault::kIfRangeDateInexact, "if-range-date-inexact",
   "treats an If-Range date later than Last-Modified as a match (not an exact comparison)",
   "RFC 9110 §13.1.5"},
  {Fault::k206WithoutContentRange, "206-without-content-range",
   "omits Content-Range from a single-part 206",
   "RFC 9110 §15.3.7.1"},
  {Fault::kWrongContentRange, "wrong-content-range",
   "sends a Content-Range whose last-pos is one past the range actually enclosed",
   "RFC 9110 §14.4, §15.3.7.1"},
  {Fault::kWrongRangeContent, "wrong-range-content",
   "sends the bytes one position after the requested range (off by one)",
   "RFC 9110 §15.3.7"},
  {Fault::k416WithoutContentRange, "416-without-content-range",
   "omits Content-Range: bytes */LEN from a 416",
   "RFC 9110 §15.5.17"},
  {Fault::k416ForInvalidRange, "416-for-invalid-range",
   "answers 416 to a Range with a range unit it does not understand instead of ignoring it",
   "RFC 9110 §14.2"},
  {Fault::k416ForUnknownUnit, "416-for-unknown-unit",
   "same behaviour as 416-for-invalid-range, under the name some cases use: 416 to a Range "
   "with a range unit it does not understand",
   "RFC 9110 §14.2"},
  {Fault::kIgnoreIfRangeMatch, "ignore-if-range-match",
   "treats every If-Range as false: a Range request whose If-Range matches gets 200 with the "
   "full content instead of 206",
   "RFC 9110 §13.1.5"},
  {Fault::kMultipartWithoutBoundary, "multipart-without-boundary",
   "sends multipart/byteranges without its required boundary parameter",
   "RFC 9110 §14.6"},
  {Fault::kMultipartWithoutContentRange, "multipart-without-content-range",
   "omits Content-Range from the parts of a multipart/byteranges 206",
   "RFC 9110 §15.3.7.2"},
  {Fault::kMultipartForSingleRange, "multipart-for-single-range",
   "answers a single-range request with multipart/byteranges",
   "RFC 9110 §15.3.7.2"},
  {Fault::kNo100Continue, "no-100-continue",
   "waits for the content instead of answering Expect: 100-continue with 100 or a final status",
   "RFC 9110 §10.1.1"},
  {Fault::k100AfterFinal, "100-after-final",
   "sends 100 (Continue) after the final response instead of before reading the content",
   "RFC 9110 §15.2"},
  {Fault::kEarlyHintsAfterFinal, "early-hints-after-final",
   "sends 103 (Early Hints) after the final response",
   "RFC 9110 §15.2; RFC 8297 §2"},
  {Fault::k101WithoutUpgrade, "101-without-upgrade",
   "omits the Upgrade field from a 101 (Switching Protocols)",
   "RFC 9110 §15.2.2, §7.8"},
  {Fault::kWrongWebsocketAccept, "wrong-websocket-accept",
   "computes Sec-WebSocket-Accept with the wrong GUID",
   "RFC 6455 §4.2.2"},
  {Fault::kUpgradeWithoutConnection, "upgrade-without-connection",
   "sends Upgrade (in 101 and 426) without the upgrade connection option in Connection",
   "RFC 9110 §7.8"},
  {Fault::k426WithoutUpgrade, "426-without-upgrade",
   "omits the Upgrade field from a 426 (Upgrade Required)",
   "RFC 9110 §15.5.22"},
  {Fault::kLfOnly, "lf-only",
   "ends response head lines with a bare LF instead of CRLF",
   "RFC 9112 §2.1"},
  {Fault::kTwoDigitStatus, "two-digit-status",
   "sends a two-digit status code in the status line",
   "RFC 9112 §4"},
  {Fault::kReasonWithCtl, "reason-with-ctl",
   "puts a control character (0x01) in the reason phrase",
   "RFC 9112 §4"},
  {Fault::kSpaceBeforeColon, "space-before-colon",
   "sends whitespace between a field name and the colon (Server : ...)",
   "RFC 9112 §5.1"},
  {Fault::kObsFold, "obs-fold",
   "folds the Server field value over two lines (obs-fold)",
   "RFC 9112 §5.2"},
  {Fault::kNoDate, "no-date",
   "omits the Date field although the server has a clock",
   "RFC 9110 §6.6.1"},
  {Fault::kDateInvalidFormat, "date-invalid-format",
   "sends Date in the obsolete RFC 850 format instead of IMF-fixdate",
   "RFC 9110 §5.6.7"},
  {Fault::kClAndTe, "cl-and-te",
   "sends Content-Length together with Transfer-Encoding: chunked",
   "RFC 9112 §6.2"},
  {Fault::kChunkedToHttp10, "chunked-to-http10",
   "uses Transfer-Encoding: chunked in responses to HTTP/1.0 requests",
   "RFC 9112 §6.1"},
  {Fault::kHeadWithContent, "head-with-content",
   "sends the content in the response to HEAD",
   "RFC 9110 §9.3.2; RFC 9112 §6.3"},
  {Fault::kHeadContentLengthMismatch, "head-content-length-mismatch",
   "sends Content-Length: 0 in the response to HEAD although GET would have sent content",
   "RFC 9110 §8.6"},
  {Fault::kHeadDifferentFields, "head-different-fields",
   "omits ETag from the response to HEAD although GET sends it",
   "RFC 9110 §9.3.2"},
  {Fault::kContentOn204, "content-on-204",
   "sends content after a 204 head",
   "RFC 9110 §15.3.5; RFC 9112 §6.3"},
  {Fault::kContentLengthOn204, "content-length-on-204",
   "sends Content-Length: 0 in a 204",
   "RFC 9110 §8.6"},
  {Fault::k3xxWithoutLocation, "3xx-without-location",
   "omits Location from 301, 302, 303, 307 and 308 responses",
   "RFC 9110 §15.4.2, §15.4.3, §15.4.4, §15.4.8, §15.4.9"},
  {Fault::k201WithoutLocation, "201-without-location",
   "omits Location from the 201 that answers a POST that created a resource",
   "RFC 9110 §9.3.3"},
  {Fault::k405WithoutAllow, "405-without-allow",
   "omits Allow from a 405 (Method Not Allowed)",
   "RFC 9110 §15.5.6"},
  {Fault::k401WithoutWwwAuthenticate, "401-without-www-authenticate",
   "omits WWW-Authenticate from a 401 (Unauthorized)",
   "RFC 9110 §15.5.2, §11.6.1"},
  {Fault::k407WithoutProxyAuthenticate, "407-without-proxy-authenticate",
   "omits Proxy-Authenticate from a 407 (Proxy Authentication Required)",
   "RFC 9110 §15.5.8, §11.7.1"},
  {Fault::kOptionsNoAllow, "option-no-allow",
   "omits Allow from successful OPTIONS responses",
   "RFC 9110 §9.3.7"},
  {Fault::kUnknownMethod200, "unknown-method-200",
   "answers 200 to an unrecognized method instead of 501",
   "RFC 9110 §9.1, §15.6.2"},
  {Fault::k501As405, "501-as-405",
   "answers 405 to an unrecognized method instead of 501 (405 is for known methods)",
   "RFC 9110 §9.1, §15.5.6"},
  {Fault::kAcceptMalformed, "accept-malformed",
   "answers 200 to a request with an invalid request line or field syntax instead of 400",
   "RFC 9112 §3, §5"},
  {Fault::kAcceptMissingHost, "accept-missing-host",
   "answers 200 to an HTTP/1.1 request without Host instead of 400",
   "RFC 9112 §3.2"},
  {Fault::kAcceptDuplicateHost, "accept-duplicate-host",
   "answers 200 to a request with more than one Host field line instead of 400",
   "RFC 9112 §3.2"},
  {Fault::kIgnoreUnknownTe, "ignore-unknown-te",
   "answers 200 to a request with a transfer coding it does not understand instead of 501",
   "RFC 9112 §6.1"},
  {Fault::kAcceptHttp2Version, "accept-http2-version",
   "answers an HTTP/2.0 request line with \"HTTP/2.0 200 OK\" instead of 505: it sends a "
   "version it does not conform to",
   "RFC 9110 §6.2, §15.6.6"},
  {Fault::kNo414, "no-414",
   "answers 400 instead of 414 to a request-target longer than it is willing to parse",
   "RFC 9112 §3"},
  {Fault::kNo431, "no-431",
   "answers 500 instead of a 4xx (431) to a field section larger than it is willing to process",
   "RFC 9112 §5; RFC 6585 §5"},
  {Fault::k413WithoutClose, "413-without-close",
   "answers 413 before reading the content without saying it will close (no Connection: close) "
   "and closes anyway",
   "RFC 9110 §10.1.1, §15.5.14"},
  {Fault::kKeepAliveAfterClose, "keep-alive-after-close",
   "keeps the connection open after a request with Connection: close",
   "RFC 9112 §9.6"},
  {Fault::kClTeKeepOpen, "cl-te-keep-open",
   "keeps the connection open after a request with both Content-Length and Transfer-Encoding",
   "RFC 9112 §6.1"},
};
// clang-format on

static_assert(sizeof(kRows) / sizeof(kRows[0]) == static_cast<std::size_t>(Fault::kCount),
              "one row per fault");

}  // namespace

const std::vector<FaultInfo>& AllFaults() {
  static const std::vector<FaultInfo>* const kFaults = [] {
    auto* out = new std::vector<FaultInfo>();
    std::size_t index = 0;
    for (const Row& row : kRows) {
      // Rows must follow the enum, or Has() would test the wrong bit.
      if (static_cast<std::size_t>(row.fault) != index++) std::abort();
      out->push_back(FaultInfo{row.name, row.description, row.rule});
    }
    return out;
  }();
  return *kFaults;
}

core::Expected<FaultSet> FaultSet::Parse(const std::vector<std::string>& names) {
  FaultSet set;
  const std::vector<FaultInfo>& all = AllFaults();
  for (const std::string& name : names) {
    bool found = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].name == name) {
        set.Add(static_cast<Fault>(i));
        found = true;
        break;
      }
    }
    if (!found)
      return core::MakeError("usage", "unknown fault \"" + name + "\" (see --list-faults)");
  }
  return set;
}

}  // namespace httpconform::server
