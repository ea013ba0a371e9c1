// The fault table. Each row names the rule it breaks; the rule is what makes
// the fault legitimate evidence (see faults.h). Rows are in Fault enum order,
// which a check in AllFaults() enforces.
#include "harness/server/faults.h"

#include <cstdlib>

#include "harness/core/renamed.h"

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
  {Fault::kUnknownUnitAsBytes, "unknown-unit-as-bytes",
   "treats a Range with a range unit it does not understand as a byte range (206) instead of "
   "ignoring it",
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
  {Fault::kAcceptMissingHost, "accept-host-missing",
   "answers 200 to an HTTP/1.1 request without Host instead of 400",
   "RFC 9112 §3.2"},
  {Fault::kAcceptDuplicateHost, "accept-host-duplicate",
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
  // cases-wire: request-line, fields, framing and persistence (RFC 9112).
  {Fault::kRejectLeadingEmptyLine, "reject-leading-empty-line",
   "answers 400 to a request preceded by an empty line instead of ignoring the line",
   "RFC 9112 §2.2"},
  {Fault::k505WithoutContent, "505-without-content",
   "sends a 505 (HTTP Version Not Supported) with empty content, explaining nothing",
   "RFC 9110 §15.6.6"},
  {Fault::kResponseVersionAboveRequest, "response-version-above-request",
   "answers HTTP/1.0 requests with an \"HTTP/2.0\" status line",
   "RFC 9110 §6.2"},
  {Fault::kAcceptSpaceBeforeColon, "accept-space-before-colon",
   "answers 200 to a request with whitespace between a field name and the colon instead of 400",
   "RFC 9112 §5.1"},
  {Fault::kAcceptInvalidHost, "accept-host-invalid",
   "answers 200 to a request whose Host value is not uri-host [\":\" port] instead of 400",
   "RFC 9112 §3.2"},
  {Fault::kAcceptInvalidContentLength, "accept-invalid-content-length",
   "answers 200 to a request with an invalid Content-Length instead of 400",
   "RFC 9112 §6.3"},
  {Fault::kInvalidContentLengthKeepOpen, "invalid-content-length-keep-open",
   "answers 400 to an invalid Content-Length but keeps the connection open",
   "RFC 9112 §6.3"},
  {Fault::kObsFoldDropped, "obs-fold-dropped",
   "discards obs-fold continuation lines of a request instead of rejecting or unfolding them",
   "RFC 9112 §5.2"},
  {Fault::kBareCrAsLineEnd, "bare-cr-as-line-end",
   "treats a bare CR in a request head as a line terminator",
   "RFC 9112 §2.2"},
  {Fault::kClOverTe, "cl-over-te",
   "frames a request with both Content-Length and Transfer-Encoding by Content-Length",
   "RFC 9112 §6.1, §6.3"},
  {Fault::kTeHttp10KeepOpen, "te-http10-keep-open",
   "reads an HTTP/1.0 request with Transfer-Encoding as HTTP/1.1 and keeps the connection open "
   "after it",
   "RFC 9112 §6.1"},
  {Fault::kRejectChunkExt, "reject-chunk-ext",
   "answers 400 to chunked request content with a chunk extension instead of ignoring it",
   "RFC 9112 §7.1.1"},
  {Fault::kRejectTrailers, "reject-trailers",
   "answers 400 to chunked request content with a trailer section",
   "RFC 9112 §7.1"},
  {Fault::kRejectChunked, "reject-chunked",
   "answers 400 to any request with chunked content",
   "RFC 9112 §6.1, §7.1"},
  {Fault::kNoPersistence, "no-persistence",
   "closes the connection after every response (saying Connection: close)",
   "RFC 9112 §9.3"},
  {Fault::kCloseWithoutOption, "close-without-option",
   "closes the connection after every response without sending the close connection option",
   "RFC 9112 §9.3, §9.6"},
  {Fault::kPipelineRepeatResponse, "pipeline-repeat-response",
   "answers a pipelined request (already buffered when the previous response was sent) with a "
   "copy of the previous response",
   "RFC 9112 §9.3.2"},
  {Fault::kStatusLineMissingSp, "status-line-missing-sp",
   "sends status lines without the SP after the status code (and without a reason phrase)",
   "RFC 9112 §4"},
  {Fault::kRejectHigherMinorVersion, "reject-higher-minor-version",
   "answers 505 to an HTTP/1.x request whose minor version is above 1 instead of processing it "
   "as HTTP/1.1",
   "RFC 9110 §6.2"},
  {Fault::kWhitespaceLineProcessed, "whitespace-line-processed",
   "processes a whitespace-preceded line after the request-line as a field line (leading "
   "whitespace stripped) instead of rejecting or ignoring it",
   "RFC 9112 §2.2"},
  {Fault::kIgnoreRequestContent, "ignore-request-content",
   "neither reads request content framed by Content-Length nor closes: the content is read as "
   "the next request",
   "RFC 9112 §9.3"},
  // end cases-wire
  // cases-cond: conditional requests, ranges, Expect.
  {Fault::kIfMatchStarFalse, "if-match-star-false",
   "evaluates If-Match: * as false although the resource has a current representation (412)",
   "RFC 9110 §13.1.1"},
  {Fault::kEtagListFirstOnly, "etag-list-first-only",
   "compares only the first entity tag of an If-Match or If-None-Match list",
   "RFC 9110 §13.1.1, §13.1.2"},
  {Fault::kInmNotCompared, "inm-not-compared",
   "treats any If-None-Match as matching without comparing the tags (304 for a tag that differs)",
   "RFC 9110 §13.1.2"},
  {Fault::kImsNotCompared, "ims-not-compared",
   "answers 304 to any valid If-Modified-Since without comparing it with Last-Modified",
   "RFC 9110 §13.1.3"},
  {Fault::kInvalidIusNotIgnored, "invalid-ius-not-ignored",
   "treats an If-Unmodified-Since that is not one valid HTTP-date (garbage, a list) as false "
   "(412) instead of ignoring it",
   "RFC 9110 §13.1.4"},
  {Fault::kIusNotCompared, "ius-not-compared",
   "answers 412 to any valid If-Unmodified-Since without comparing it with Last-Modified",
   "RFC 9110 §13.1.4"},
  {Fault::kImfFixdateOnly, "imf-fixdate-only",
   "accepts only IMF-fixdate in conditional date fields: RFC 850 and asctime dates are ignored",
   "RFC 9110 §5.6.7"},
  {Fault::kPreconditionsOnOptions, "preconditions-on-options",
   "evaluates If-Match, If-None-Match and If-Unmodified-Since on OPTIONS (answers 412)",
   "RFC 9110 §13.2.1"},
  {Fault::k428WithoutExplanation, "428-without-explanation",
   "sends a 428 with no content explaining how to resubmit the request",
   "RFC 6585 §3"},
  {Fault::k428DespiteIfMatch, "428-despite-if-match",
   "answers 428 to a PUT on the guarded resource even when it carries a matching If-Match",
   "RFC 6585 §3; RFC 9110 §13.2.2"},
  {Fault::kMultipartSorted, "multipart-sorted",
   "sends the parts of a multipart/byteranges in ascending order, not in the requested order",
   "RFC 9110 §15.3.7.2"},
  {Fault::k206WithoutEtag, "206-without-etag",
   "omits the ETag that the 200 carries from a 206",
   "RFC 9110 §15.3.7"},
  {Fault::kMultipartWithContentRange, "multipart-with-content-range",
   "sends a Content-Range field in the header section of a multipart/byteranges 206",
   "RFC 9110 §15.3.7.2"},
  {Fault::kMultipartWithoutPartContentType, "multipart-without-part-content-type",
   "omits Content-Type from the body parts of a multipart/byteranges 206",
   "RFC 9110 §15.3.7.2"},
  {Fault::k100ContinueToHttp10, "100-continue-to-http10",
   "honours Expect: 100-continue in an HTTP/1.0 request (sends 100 Continue)",
   "RFC 9110 §10.1.1, §15.2"},
  {Fault::kExpectCaseSensitive, "expect-case-sensitive",
   "compares the Expect value case-sensitively: 100-Continue gets 417",
   "RFC 9110 §10.1.1"},
  {Fault::k417WithoutClose, "417-without-close",
   "answers 417 before reading the content without saying it will close (no Connection: close) "
   "and closes anyway",
   "RFC 9110 §10.1.1"},
  // end cases-cond
  // cases-status: status codes, methods, HEAD, redirects, interim responses.
  {Fault::k405AllowListsMethod, "405-allow-lists-method",
   "lists the refused method itself in the Allow field of a 405",
   "RFC 9110 §15.5.6"},
  {Fault::kTraceEcho, "trace-echo",
   "answers TRACE with 200 reflecting the whole request, Authorization and Cookie included",
   "RFC 9110 §9.3.8"},
  {Fault::kPutExisting201, "put-existing-201",
   "answers 201 (Created) to a successful PUT that replaced an existing representation",
   "RFC 9110 §9.3.4"},
  {Fault::kHeadNotSupported, "head-not-supported",
   "answers HEAD with 501 (Not Implemented) everywhere",
   "RFC 9110 §9.1"},
  {Fault::kLocationNotUriReference, "location-not-uri-reference",
   "sends Location values with a raw space (not a URI-reference) in 201 and 3xx responses",
   "RFC 9110 §10.2.2, §2.2"},
  {Fault::k300WithoutContent, "300-without-content",
   "sends a 300 (Multiple Choices) to GET with empty content instead of the list of choices",
   "RFC 9110 §15.4.1"},
  {Fault::kTransferEncodingOn204, "transfer-encoding-on-204",
   "sends Transfer-Encoding: chunked in a 204 (and no content)",
   "RFC 9112 §6.1"},
  {Fault::kContentOn205, "content-on-205",
   "sends content (with its Content-Length) in a 205 (Reset Content)",
   "RFC 9110 §15.3.6"},
  {Fault::kErrorWithoutContent, "error-without-content",
   "sends 4xx and 5xx responses to methods other than HEAD with empty content (no explanation)",
   "RFC 9110 §15.5, §15.6"},
  {Fault::kNoRetryAfter, "no-retry-after",
   "omits Retry-After from 429 and 503 responses",
   "RFC 9110 §15.6.4 (MAY); RFC 6585 §4 (MAY)"},
  {Fault::kRetryAfterInvalid, "retry-after-invalid",
   "sends Retry-After values that are neither an HTTP-date nor delay-seconds (\"soon\")",
   "RFC 9110 §10.2.3, §2.2"},
  {Fault::k1xxToHttp10, "1xx-to-http10",
   "sends 103 (Early Hints) to HTTP/1.0 clients",
   "RFC 9110 §15.2"},
  // Refinements: each leaves the base behaviour its cases refine working.
  {Fault::kInmStarFalse, "inm-star-false",
   "reads If-None-Match: * as an entity tag that matches nothing (a listed tag still matches)",
   "RFC 9110 §13.1.2"},
  {Fault::kPreconditionsIgnoredOnUnsafe, "preconditions-ignored-on-unsafe",
   "evaluates If-Match, If-None-Match and If-Unmodified-Since on GET and HEAD only: a PUT or "
   "DELETE whose precondition is false is performed",
   "RFC 9110 §13.1.1, §13.1.2, §13.1.4"},
  {Fault::kPreconditionsIgnoredOnHead, "preconditions-ignored-on-head",
   "evaluates no precondition on HEAD (GET still gets 304)",
   "RFC 9110 §13.1.2, §13.1.3, §13.2.1"},
  {Fault::kIfMatchEndsEvaluation, "if-match-ends-evaluation",
   "stops after a true If-Match instead of going on to If-None-Match",
   "RFC 9110 §13.2.2"},
  {Fault::kImsOverInm, "ims-over-inm",
   "evaluates If-Modified-Since instead of If-None-Match when both are present",
   "RFC 9110 §13.1.3, §13.2.2"},
  {Fault::kInmEvaluatedFirst, "inm-evaluated-first",
   "evaluates If-None-Match before If-Match and If-Unmodified-Since",
   "RFC 9110 §13.2.2"},
  {Fault::kRangeBeforePreconditions, "range-before-preconditions",
   "answers a satisfiable Range with 206 before evaluating the preconditions",
   "RFC 9110 §13.2.2"},
  {Fault::kIfRangeDateAlwaysTrue, "if-range-date-always-true",
   "treats every valid HTTP-date in If-Range as matching (entity tags are still compared)",
   "RFC 9110 §13.1.5"},
  {Fault::kNo100ContinueForChunked, "no-100-continue-for-chunked",
   "waits for chunked content before answering Expect: 100-continue (Content-Length requests "
   "still get 100)",
   "RFC 9110 §10.1.1"},
  {Fault::kCloseOptionCaseSensitive, "close-option-case-sensitive",
   "recognizes the close connection option only in lower case",
   "RFC 9112 §9.6; RFC 9110 §7.6.1"},
  {Fault::kCloseOptionAloneOnly, "close-option-alone-only",
   "recognizes the close connection option only when it is the only option",
   "RFC 9112 §9.6; RFC 9110 §7.6.1"},
  {Fault::kAnswersAfterClose, "answers-after-close",
   "answers requests pipelined after one with Connection: close before closing",
   "RFC 9112 §9.6"},
  // end cases-status
  // netfuzz: faults that network fuzzing (harness/netfuzz) must find.
  {Fault::k500ForObsFold, "500-for-obs-fold",
   "answers 500 instead of 400 to a request whose field section contains obs-fold",
   "RFC 9112 §5.2"},
  {Fault::kHangOnClConflict, "hang-on-cl-conflict",
   "never answers a request with conflicting Content-Length values: holds the connection "
   "until its idle timeout, then closes it",
   "RFC 9112 §6.3"},
  // end netfuzz
  {Fault::kHttp09ReplyToUnknownVersion, "http09-reply-to-unknown-version",
   "answers a request-line whose major version it does not implement with the error page alone, "
   "without a status line (an HTTP/0.9-style reply), then closes",
   "RFC 9110 §6.2"},
  {Fault::kContentAfter304, "content-after-304",
   "holds the representation back after a 304 and sends it in front of the next response on the "
   "connection, where the next request reads it",
   "RFC 9110 §15.4.5; RFC 9112 §6.3"},
  {Fault::k416ForSuffixRange, "416-for-suffix-range",
   "answers 416 to a satisfiable suffix range (bytes=-N with N > 0) instead of 206 or the whole "
   "representation",
   "RFC 9110 §14.2"},
  {Fault::k416ForMultipleRanges, "416-for-multiple-ranges",
   "answers 416 to a satisfiable request for several ranges instead of 206 or the whole "
   "representation",
   "RFC 9110 §14.2"},
  {Fault::k206ForUnsatisfiableRange, "206-for-unsatisfiable-range",
   "answers an unsatisfiable byte range with 206 and the last byte instead of 416 or the whole "
   "representation",
   "RFC 9110 §14.2"},
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

const char* CurrentFaultName(const std::string& name) {
  // Earlier names, renamed so that a fault, the wire diagnostic of its rule
  // and the network fuzzer's operator say it in the same words
  // (request.host-missing, host-missing; harness/netfuzz/names_test.cc).
  static const core::Renamed kRenamed[] = {
      {"accept-missing-host", "accept-host-missing"},
      {"accept-duplicate-host", "accept-host-duplicate"},
      {"accept-invalid-host", "accept-host-invalid"},
  };
  return core::CurrentName(name, kRenamed);
}

core::Expected<FaultSet> FaultSet::Parse(const std::vector<std::string>& names) {
  FaultSet set;
  const std::vector<FaultInfo>& all = AllFaults();
  for (const std::string& given : names) {
    const char* current = CurrentFaultName(given);
    const std::string name = current != nullptr ? current : given;
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
