// Fault injection for the reference server. A fault makes the server break
// exactly one rule that RFC 9110 / RFC 9112 (or a companion RFC) states, and
// nothing else, so that a case listing it in `killed_by` proves the case can
// tell a conforming server from one that breaks that rule. Permitted choices
// (answering 200 to an unsatisfiable range, ignoring an unknown expectation)
// are deliberately not faults: a case that failed on them would be wrong.
// Faults are named by stable strings (cases refer to them); the enum is the
// in-process form, checked once when the server starts.
#ifndef HTTPCONFORM_SERVER_FAULTS_H_
#define HTTPCONFORM_SERVER_FAULTS_H_

#include <bitset>
#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace httpconform::server {

/// Every fault the server knows; names are in faults.cc.
enum class Fault {
  // Conditional requests (RFC 9110 §13).
  kIgnoreIfNoneMatch,
  kIgnoreIfModifiedSince,
  kBodyOn304,
  k304WithoutEtag,
  kIgnoreIfMatch,
  kIgnoreIfUnmodifiedSince,
  kIgnorePrecedence,
  kWeakIfMatch,
  kStrongIfNoneMatch,
  k412ForGetInm,
  kInvalidImsNotIgnored,
  kImsOnPut,
  kPreconditionOn404,
  k304WithContentLengthMismatch,
  // Ranges (RFC 9110 §14, §15.3.7, §15.5.17).
  kIgnoreIfRange,
  kWeakIfRange,
  kIfRangeDateInexact,
  k206WithoutContentRange,
  kWrongContentRange,
  kWrongRangeContent,
  k416WithoutContentRange,
  kUnknownUnitAsBytes,
  kIgnoreIfRangeMatch,
  kMultipartWithoutBoundary,
  kMultipartWithoutContentRange,
  kMultipartForSingleRange,
  // Expect, interim responses, upgrades.
  kNo100Continue,
  k100AfterFinal,
  k101WithoutUpgrade,
  kWrongWebsocketAccept,
  kUpgradeWithoutConnection,
  k426WithoutUpgrade,
  // Message syntax and framing of responses (RFC 9112).
  kLfOnly,
  kTwoDigitStatus,
  kReasonWithCtl,
  kSpaceBeforeColon,
  kObsFold,
  kNoDate,
  kDateInvalidFormat,
  kClAndTe,
  kChunkedToHttp10,
  kHeadWithContent,
  kHeadContentLengthMismatch,
  kHeadDifferentFields,
  kContentOn204,
  kContentLengthOn204,
  // Status-code field requirements (RFC 9110 §15).
  k3xxWithoutLocation,
  k201WithoutLocation,
  k405WithoutAllow,
  k401WithoutWwwAuthenticate,
  k407WithoutProxyAuthenticate,
  kOptionsNoAllow,
  kUnknownMethod200,
  k501As405,
  // Request handling (RFC 9112 §§3, 5, 6, 9).
  kAcceptMalformed,
  kAcceptMissingHost,
  kAcceptDuplicateHost,
  kIgnoreUnknownTe,
  kAcceptHttp2Version,
  kNo414,
  kNo431,
  k413WithoutClose,
  kKeepAliveAfterClose,
  kClTeKeepOpen,
  // cases-wire: request-line, fields, framing and persistence (RFC 9112).
  kRejectLeadingEmptyLine,
  k505WithoutContent,
  kResponseVersionAboveRequest,
  kAcceptSpaceBeforeColon,
  kAcceptInvalidHost,
  kAcceptInvalidContentLength,
  kInvalidContentLengthKeepOpen,
  kObsFoldDropped,
  kBareCrAsLineEnd,
  kClOverTe,
  kTeHttp10KeepOpen,
  kRejectChunkExt,
  kRejectTrailers,
  kRejectChunked,
  kNoPersistence,
  kCloseWithoutOption,
  kPipelineRepeatResponse,
  kStatusLineMissingSp,
  kRejectHigherMinorVersion,
  kWhitespaceLineProcessed,
  kIgnoreRequestContent,
  // end cases-wire
  // cases-cond: conditional requests, ranges, Expect (RFC 9110 §10.1.1, §13, §14).
  kIfMatchStarFalse,
  kEtagListFirstOnly,
  kInmNotCompared,
  kImsNotCompared,
  kInvalidIusNotIgnored,
  kIusNotCompared,
  kImfFixdateOnly,
  kPreconditionsOnOptions,
  k428WithoutExplanation,
  k428DespiteIfMatch,
  kMultipartSorted,
  k206WithoutEtag,
  kMultipartWithContentRange,
  kMultipartWithoutPartContentType,
  k100ContinueToHttp10,
  kExpectCaseSensitive,
  k417WithoutClose,
  // end cases-cond
  // cases-status: status codes, methods, HEAD, redirects, interim responses (RFC 9110 §9, §15).
  k405AllowListsMethod,
  kTraceEcho,
  kPutExisting201,
  kHeadNotSupported,
  kLocationNotUriReference,
  k300WithoutContent,
  kTransferEncodingOn204,
  kContentOn205,
  kErrorWithoutContent,
  kNoRetryAfter,
  kRetryAfterInvalid,
  k1xxToHttp10,
  // end cases-status
  // Refinements: each breaks a rule that a base case's behaviour makes
  // reachable (case "after"), leaving the base behaviour intact.
  kInmStarFalse,
  kPreconditionsIgnoredOnUnsafe,
  kPreconditionsIgnoredOnHead,
  kIfMatchEndsEvaluation,
  kImsOverInm,
  kInmEvaluatedFirst,
  kRangeBeforePreconditions,
  kIfRangeDateAlwaysTrue,
  kNo100ContinueForChunked,
  kCloseOptionCaseSensitive,
  kCloseOptionAloneOnly,
  kAnswersAfterClose,
  // end refinements
  // netfuzz: faults that network fuzzing (harness/netfuzz) must find.
  k500ForObsFold,
  kHangOnClConflict,
  // end netfuzz
  // Response versions, stray content, range applicability (RFC 9110 §6.2, §14.2, §15.4.5).
  kHttp09ReplyToUnknownVersion,
  kContentAfter304,
  k416ForSuffixRange,
  k416ForMultipleRanges,
  k206ForUnsatisfiableRange,
  // coverage: RFC 9110 §9, §13-§15 and RFC 9112 (ranges on other methods,
  // representation fields of 206 and 304, response syntax, absolute-form,
  // framing of incomplete content, closing after the close option).
  kRangeOnPost,
  kRangeNumeralsWrap,
  kContentRangeOnPost,
  kIfRangeWithoutRange,
  k206WithoutContentType,
  kContentRangeUnknownLength,
  k304WithContentType,
  kBareCrInField,
  kIndentedFirstField,
  kRejectAbsoluteForm,
  kHostOverAbsoluteTarget,
  kContentLengthListSummed,
  kProcessShortContent,
  kOpenAfterSendingClose,
  kAnswersAfterSendingClose,
  kConnectInvalidPortAccepted,
  kRequestLineCap4096,
  kCloseDelimitedResponses,
  kIgnoreTeParameters,
  k404ForDisallowedMethod,
  kPreconditionBeforeMethodCheck,
  kImsWithoutModificationDate,
  kIusWithoutModificationDate,
  kDelete201,
  kFromGrantsAccess,
  k101UpgradeExtraProtocol,
  // end coverage
  // Fields, identifiers, routing, representation metadata, authentication,
  // negotiation (RFC 9110 §2-§8, §11, §12).
  kLocationHttpEmptyHost,
  kLocationHttpsEmptyHost,
  kLocationUserinfo,
  kAcceptEmptyHostTarget,
  kAcceptUserinfoTarget,
  kTargetCap4096,
  kNoDotSegmentRemoval,
  kConnectionListsEndToEnd,
  kKeepAliveNotListed,
  kUpgradeOnPost,
  kUpgradeHttp10,
  kUpgradeCaseSensitive,
  kHostInResponse,
  kRejectUnknownFields,
  kDuplicateDate,
  kAnswerBeforeHeaderEnd,
  kRejectObsText,
  kNulAsLineEnd,
  kAllowEmptyListElement,
  kListEmptyElementRejected,
  kListOwsNotStripped,
  kAuthParamBws,
  kContentTypeQuotedPair,
  kServerCommentQuotedPair,
  kDateExtraSpace,
  kRfc850Year2000s,
  kNoContentType,
  kMultipartLf,
  kContentEncodingIdentity,
  kCloseDelimited,
  kNoLastModified,
  kNoEtag,
  kRealmTwice,
  k403ForMissingCredentials,
  kRealmToken,
  k406ForUnknownCoding,
  kAcceptEncodingIn415,
  kRememberCredentials,
  kFieldValueUntrimmed,
  kIfNoneMatchCap,
  kNo100BeforeUpgrade,
  kContentLengthWraps,
  kNegotiateWithoutVary,
  kRejectChunkExtBws,
  // end fields
  // Representation metadata and PUT (RFC 9110 §8.7, §8.8.2.1, §9.3.4).
  kLastModifiedAfterDate,
  kPutCreateNot201,
  kContentLocationAsTarget,
  kSaveContentLocation,
  kGzipWithoutContentEncoding,
  // end put
  // HTTP/2 (RFC 9113 §8): applied by the HTTP/2 session only (h2_reply.cc,
  // h2_server_session.cc), so they change nothing over HTTP/1.1.
  kH2UppercaseName,
  kH2ConnectionField,
  kH2TransferEncodingField,
  kH2ContentLengthMismatch,
  kH2Status101,
  kH2DataWithoutContent,
  kH2StatusNotFirst,
  kH2StatusRepeated,
  kH2MalformedRequestAccepted,
  // end h2
  kCount  // Not a fault: the number of faults.
};

/// A fault as listed by `serve --list-faults`.
struct FaultInfo {
  std::string name;         ///< Stable name, e.g. "ignore-if-none-match".
  std::string description;  ///< What the server does wrong.
  std::string rule;         ///< The rule broken, e.g. "RFC 9110 §13.1.2".
};

/// Every fault, in a stable order (the order of the Fault enum).
const std::vector<FaultInfo>& AllFaults();

/// The current name of a fault once called `name` (e.g. "accept-missing-host"
/// is now "accept-host-missing"), or nullptr when `name` is no earlier name.
/// Earlier names are still accepted wherever a fault is named.
const char* CurrentFaultName(const std::string& name);

/// The set of active faults of one server.
class FaultSet {
 public:
  /// Parses fault names; an unknown name is Error{"usage", ...}.
  static core::Expected<FaultSet> Parse(const std::vector<std::string>& names);

  /// True when `fault` is active.
  bool Has(Fault fault) const { return bits_.test(static_cast<std::size_t>(fault)); }
  /// Activates `fault`.
  void Add(Fault fault) { bits_.set(static_cast<std::size_t>(fault)); }

 private:
  std::bitset<static_cast<std::size_t>(Fault::kCount)> bits_;
};

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_FAULTS_H_
