#include "harness/core/status_registry.h"

#include <algorithm>

#include "harness/core/status_rule_ids.h"

namespace httpconform::core {
namespace {

// Rule quotes are verbatim from the RFC texts in the project's spec folder,
// narrowed (with "...") to the clause whose BCP 14 keyword is the rule's
// level, as case quotes are (core/bcp14.h); status_registry_test checks it.
const std::vector<StatusRule>& RulesAsDefined() {
  static const std::vector<StatusRule> rules = {
      {rule_ids::kStatusRange, Level::kMust, "RFC 9110 §15",
       "Values outside the range 100..599 are invalid."},
      {rule_ids::kNoContent1xx, Level::kMust, "RFC 9110 §15.2",
       "A 1xx response is terminated by the end of the header section; it cannot contain content "
       "or trailers."},
      {rule_ids::kNoContent204, Level::kMust, "RFC 9110 §15.3.5",
       "A 204 response is terminated by the end of the header section; it cannot contain content "
       "or trailers."},
      {rule_ids::kNoContent205, Level::kMust, "RFC 9110 §15.3.6",
       "Since the 205 status code implies that no additional content will be provided, a server "
       "MUST NOT generate content in a 205 response."},
      {rule_ids::kNoContent304, Level::kMust, "RFC 9110 §15.4.5",
       "A 304 response is terminated by the end of the header section; it cannot contain content "
       "or trailers."},
      {rule_ids::k206ContentRange, Level::kMust, "RFC 9110 §15.3.7.1",
       "If a single part is being transferred, the server generating the 206 response MUST "
       "generate a Content-Range header field, describing what range of the selected "
       "representation is enclosed, and a content consisting of the range."},
      {rule_ids::k101Upgrade, Level::kMust, "RFC 9110 §7.8",
       "A server that sends a 101 (Switching Protocols) response MUST send an Upgrade header field "
       "to indicate the new protocol(s) to which the connection is being switched"},
      {rule_ids::k101Unsolicited, Level::kMust, "RFC 9110 §7.8",
       "A server MUST NOT switch to a protocol that was not indicated by the client in the "
       "corresponding request's Upgrade header field."},
      {rule_ids::k3xxLocationPermanent, Level::kShould, "RFC 9110 §15.4.2",
       "The server SHOULD generate a Location header field in the response containing a preferred "
       "URI reference for the new permanent URI."},
      {rule_ids::k3xxLocationTemporary, Level::kShould, "RFC 9110 §15.4.3",
       "The server SHOULD generate a Location header field in the response containing a URI "
       "reference for the different URI."},
      {rule_ids::k401WwwAuthenticate, Level::kMust, "RFC 9110 §11.6.1",
       "A server generating a 401 (Unauthorized) response MUST send a WWW-Authenticate header "
       "field containing at least one challenge."},
      {rule_ids::k405Allow, Level::kMust, "RFC 9110 §10.2.1",
       "An origin server MUST generate an Allow header field in a 405 (Method Not Allowed) "
       "response"},
      {rule_ids::k407ProxyAuthenticate, Level::kMust, "RFC 9110 §15.5.8",
       "The proxy MUST send a Proxy-Authenticate header field (Section 11.7.1) containing a "
       "challenge applicable to that proxy for the request."},
      {rule_ids::k416ContentRange, Level::kShould, "RFC 9110 §15.5.17",
       "A server that generates a 416 response to a byte-range request SHOULD generate a "
       "Content-Range header field specifying the current length of the selected representation "
       "(Section 14.4)."},
      {rule_ids::k426Upgrade, Level::kMust, "RFC 9110 §15.5.22",
       "The server MUST send an Upgrade header field in a 426 response to indicate the required "
       "protocol(s) (Section 7.8)."},
      {rule_ids::k503RetryAfter, Level::kMay, "RFC 9110 §15.6.4",
       "The server MAY send a Retry-After header field (Section 10.2.3) to suggest an appropriate "
       "amount of time for the client to wait before retrying the request."},
      {rule_ids::k429RetryAfter, Level::kMay, "RFC 6585 §4",
       "... and MAY include a Retry-After header indicating how long to wait before making a new "
       "request."},
      {rule_ids::kDateOrigin, Level::kMust, "RFC 9110 §6.6.1",
       "An origin server with a clock (as defined in Section 5.6.7) MUST generate a Date header "
       "field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses"},
      {rule_ids::kWireWellFormed, Level::kMust, "RFC 9112 §2.1",
       "An HTTP/1.1 message consists of a start-line followed by a CRLF and a sequence of octets "
       "in a format similar to the Internet Message Format [RFC5322]: zero or more header field "
       "lines (collectively referred to as the \"headers\" or the \"header section\"), an empty "
       "line indicating the end of the header section, and an optional message body."},
      // Added by cases-status: class rules, so that codes no case produces
      // still have a rule of their own (tests/status_coverage_test.cc).
      {rule_ids::k4xxExplanation, Level::kShould, "RFC 9110 §15.5",
       "Except when responding to a HEAD request, the server SHOULD send a representation "
       "containing an explanation of the error situation, and whether it is a temporary or "
       "permanent condition."},
      {rule_ids::k5xxExplanation, Level::kShould, "RFC 9110 §15.6",
       "Except when responding to a HEAD request, the server SHOULD send a representation "
       "containing an explanation of the error situation, and whether it is a temporary or "
       "permanent condition."},
      {rule_ids::kContentLength1xx204, Level::kMust, "RFC 9110 §8.6",
       "A server MUST NOT send a Content-Length header field in any response with a status code "
       "of 1xx (Informational) or 204 (No Content)."},
      {rule_ids::kTransferEncoding1xx204, Level::kMust, "RFC 9112 §6.1",
       "A server MUST NOT send a Transfer-Encoding header field in any response with a status "
       "code of 1xx (Informational) or 204 (No Content)."},
      // Any response that carries both fields: the two dates compared.
      {rule_ids::kLastModifiedNotAfterDate, Level::kMust, "RFC 9110 §8.8.2.1",
       "An origin server with a clock (as defined in Section 5.6.7) MUST NOT generate a "
       "Last-Modified date that is later than the server's time of message origination (Date, "
       "Section 6.6.1)."},
  };
  return rules;
}

// Rules the RFCs state twice: once where the field is defined, once where
// the status code is. Each statement is verbatim, at the rule's level
// (the coverage counts both sentences covered by the rule).
const std::vector<StatusRule>& Rules() {
  static const std::vector<StatusRule>* const kRules = [] {
    struct Also {
      const char* id;
      RuleStatement statement;
    };
    const Also kAlso[] = {
        {rule_ids::k101Upgrade,
         {"RFC 9110 §15.2.2",
          "The server MUST generate an Upgrade header field in the response that indicates which "
          "protocol(s) will be in effect after this response."}},
        {rule_ids::k401WwwAuthenticate,
         {"RFC 9110 §15.5.2",
          "The server generating a 401 response MUST send a WWW-Authenticate header field "
          "(Section 11.6.1) containing at least one challenge applicable to the target "
          "resource."}},
        {rule_ids::k405Allow,
         {"RFC 9110 §15.5.6",
          "The origin server MUST generate an Allow header field in a 405 response containing a "
          "list of the target resource's currently supported methods."}},
        {rule_ids::k407ProxyAuthenticate,
         {"RFC 9110 §11.7.1",
          "A proxy MUST send at least one Proxy-Authenticate header field in each 407 (Proxy "
          "Authentication Required) response that it generates."}},
        {rule_ids::k416ContentRange,
         {"RFC 9110 §14.4",
          "A server generating a 416 (Range Not Satisfiable) response to a byte-range request "
          "SHOULD send a Content-Range header field with an unsatisfied-range value"}},
        {rule_ids::k426Upgrade,
         {"RFC 9110 §7.8",
          "A server that sends a 426 (Upgrade Required) response MUST send an Upgrade header "
          "field to indicate the acceptable protocols, in order of descending preference."}},
    };
    auto* rules = new std::vector<StatusRule>(RulesAsDefined());
    for (const Also& also : kAlso) {
      for (StatusRule& rule : *rules) {
        if (rule.id == also.id) rule.also_stated.push_back(also.statement);
      }
    }
    return rules;
  }();
  return *kRules;
}

std::vector<std::string> RulesFor(int code) {
  std::vector<std::string> r = {rule_ids::kStatusRange, rule_ids::kWireWellFormed,
                                rule_ids::kLastModifiedNotAfterDate};
  if (code >= 100 && code < 200) r.push_back(rule_ids::kNoContent1xx);
  if (code >= 200 && code < 500) r.push_back(rule_ids::kDateOrigin);
  if (code >= 400 && code < 500) r.push_back(rule_ids::k4xxExplanation);
  if (code >= 500 && code < 600) r.push_back(rule_ids::k5xxExplanation);
  if ((code >= 100 && code < 200) || code == 204) {
    r.push_back(rule_ids::kContentLength1xx204);
    r.push_back(rule_ids::kTransferEncoding1xx204);
  }
  switch (code) {
    case 101:
      r.push_back(rule_ids::k101Upgrade);
      r.push_back(rule_ids::k101Unsolicited);
      break;
    case 204:
      r.push_back(rule_ids::kNoContent204);
      break;
    case 205:
      r.push_back(rule_ids::kNoContent205);
      break;
    case 206:
      r.push_back(rule_ids::k206ContentRange);
      break;
    case 301:
    case 308:
      r.push_back(rule_ids::k3xxLocationPermanent);
      break;
    case 302:
    case 307:
      r.push_back(rule_ids::k3xxLocationTemporary);
      break;
    case 304:
      r.push_back(rule_ids::kNoContent304);
      break;
    case 401:
      r.push_back(rule_ids::k401WwwAuthenticate);
      break;
    case 405:
      r.push_back(rule_ids::k405Allow);
      break;
    case 407:
      r.push_back(rule_ids::k407ProxyAuthenticate);
      break;
    case 416:
      r.push_back(rule_ids::k416ContentRange);
      break;
    case 426:
      r.push_back(rule_ids::k426Upgrade);
      break;
    case 429:
      r.push_back(rule_ids::k429RetryAfter);
      break;
    case 503:
      r.push_back(rule_ids::k503RetryAfter);
      break;
    default:
      break;
  }
  return r;
}

struct Row {
  int code;
  const char* reason;
  const char* reference;
  const char* meaning;
  const char* meaning_ko;
  bool registered;
};

// IANA HTTP Status Code Registry, with RFC 9110 references where it defines the code.
const Row kRows[] = {
    {100, "Continue", "RFC 9110 §15.2.1",
     "The initial part of the request was received; the client should send the rest.",
     "요청의 처음 부분을 받았으니 나머지(본문)를 보내도 된다.", true},
    {101, "Switching Protocols", "RFC 9110 §15.2.2",
     "The server switches to the protocol named in Upgrade.",
     "Upgrade 필드에 지정된 프로토콜로 전환한다.", true},
    {102, "Processing", "RFC 2518 §10.1",
     "WebDAV: the request is being processed (obsolete interim response).",
     "WebDAV: 요청을 처리 중이다 (폐기된 중간 응답).", true},
    {103, "Early Hints", "RFC 8297 §2",
     "Hints (such as Link preloads) sent before the final response.",
     "최종 응답 전에 미리 보내는 힌트(Link 프리로드 등).", true},
    {200, "OK", "RFC 9110 §15.3.1", "The request succeeded.", "요청이 성공했다.", true},
    {201, "Created", "RFC 9110 §15.3.2",
     "The request created one or more resources (identified by Location or the target URI).",
     "요청으로 새 리소스가 생성되었다 (Location 또는 대상 URI로 식별).", true},
    {202, "Accepted", "RFC 9110 §15.3.3", "Accepted for processing, not yet completed.",
     "처리를 위해 접수했으나 아직 완료되지 않았다.", true},
    {203, "Non-Authoritative Information", "RFC 9110 §15.3.4",
     "Successful, but the content was modified by a transforming proxy.",
     "성공했으나 변환 프록시가 내용을 수정했다.", true},
    {204, "No Content", "RFC 9110 §15.3.5", "Successful, with no content to send.",
     "성공했으며 보낼 콘텐츠가 없다.", true},
    {205, "Reset Content", "RFC 9110 §15.3.6",
     "Successful; the user agent should reset the document view.",
     "성공했으며 사용자 에이전트는 문서 뷰를 초기화해야 한다.", true},
    {206, "Partial Content", "RFC 9110 §15.3.7",
     "Part of the representation, as asked for by Range.",
     "Range 요청에 따라 표현의 일부를 전송한다.", true},
    {207, "Multi-Status", "RFC 4918 §11.1", "WebDAV: several status codes for several operations.",
     "WebDAV: 여러 작업에 대한 여러 상태 코드.", true},
    {208, "Already Reported", "RFC 5842 §7.1",
     "WebDAV: members already enumerated in a previous part.", "WebDAV: 이미 앞에서 열거된 멤버.",
     true},
    {226, "IM Used", "RFC 3229 §10.4.1", "Delta encoding: instance manipulations were applied.",
     "델타 인코딩: 인스턴스 조작이 적용되었다.", true},
    {300, "Multiple Choices", "RFC 9110 §15.4.1", "Several representations; the client may choose.",
     "여러 표현이 있으며 클라이언트가 선택할 수 있다.", true},
    {301, "Moved Permanently", "RFC 9110 §15.4.2", "Permanently moved to the URI in Location.",
     "Location의 URI로 영구 이동했다.", true},
    {302, "Found", "RFC 9110 §15.4.3", "Temporarily at the URI in Location.",
     "일시적으로 Location의 URI에 있다.", true},
    {303, "See Other", "RFC 9110 §15.4.4", "See another resource (Location) for the result.",
     "결과는 다른 리소스(Location)에서 확인한다.", true},
    {304, "Not Modified", "RFC 9110 §15.4.5",
     "Conditional GET/HEAD: the stored representation is still valid.",
     "조건부 GET/HEAD: 저장된 표현이 여전히 유효하다.", true},
    {305, "Use Proxy", "RFC 9110 §15.4.6", "Deprecated; must not be used.",
     "폐기되었으며 사용하지 않는다.", true},
    {306, "(Unused)", "RFC 9110 §15.4.7", "Reserved; no longer used.",
     "예약됨; 더 이상 사용하지 않는다.", true},
    {307, "Temporary Redirect", "RFC 9110 §15.4.8",
     "Temporarily at Location; the method must not change.",
     "일시적으로 Location에 있으며 메서드를 바꾸면 안 된다.", true},
    {308, "Permanent Redirect", "RFC 9110 §15.4.9",
     "Permanently at Location; the method must not change.",
     "영구적으로 Location으로 이동했으며 메서드를 바꾸면 안 된다.", true},
    {400, "Bad Request", "RFC 9110 §15.5.1",
     "The server cannot or will not process the request due to a client error.",
     "클라이언트 오류로 요청을 처리할 수 없다.", true},
    {401, "Unauthorized", "RFC 9110 §15.5.2",
     "Valid authentication credentials are required (see WWW-Authenticate).",
     "유효한 인증 자격 증명이 필요하다 (WWW-Authenticate 참조).", true},
    {402, "Payment Required", "RFC 9110 §15.5.3", "Reserved for future use.",
     "향후 사용을 위해 예약되었다.", true},
    {403, "Forbidden", "RFC 9110 §15.5.4", "Understood but refused.", "요청을 이해했지만 거부한다.",
     true},
    {404, "Not Found", "RFC 9110 §15.5.5", "No current representation for the target resource.",
     "대상 리소스의 현재 표현을 찾을 수 없다.", true},
    {405, "Method Not Allowed", "RFC 9110 §15.5.6",
     "The method is not supported by the target resource (see Allow).",
     "대상 리소스가 이 메서드를 지원하지 않는다 (Allow 참조).", true},
    {406, "Not Acceptable", "RFC 9110 §15.5.7",
     "No representation acceptable per the request's proactive negotiation fields.",
     "요청의 협상 필드에 맞는 표현이 없다.", true},
    {407, "Proxy Authentication Required", "RFC 9110 §15.5.8",
     "The client must authenticate to the proxy (see Proxy-Authenticate).",
     "프록시에 인증해야 한다 (Proxy-Authenticate 참조).", true},
    {408, "Request Timeout", "RFC 9110 §15.5.9",
     "The server did not receive a complete request in time.",
     "서버가 제시간에 완전한 요청을 받지 못했다.", true},
    {409, "Conflict", "RFC 9110 §15.5.10",
     "Conflict with the current state of the target resource.",
     "대상 리소스의 현재 상태와 충돌한다.", true},
    {410, "Gone", "RFC 9110 §15.5.11", "No longer available, and likely permanently so.",
     "더 이상 사용할 수 없으며 영구적일 가능성이 높다.", true},
    {411, "Length Required", "RFC 9110 §15.5.12",
     "The server refuses the request without a Content-Length.",
     "Content-Length 없는 요청을 거부한다.", true},
    {412, "Precondition Failed", "RFC 9110 §15.5.13",
     "A precondition in the request header fields evaluated to false.",
     "요청 헤더의 사전 조건이 거짓으로 평가되었다.", true},
    {413, "Content Too Large", "RFC 9110 §15.5.14",
     "The request content is larger than the server will process.",
     "요청 콘텐츠가 서버가 처리할 수 있는 것보다 크다.", true},
    {414, "URI Too Long", "RFC 9110 §15.5.15",
     "The target URI is longer than the server will interpret.",
     "대상 URI가 서버가 해석할 수 있는 것보다 길다.", true},
    {415, "Unsupported Media Type", "RFC 9110 §15.5.16",
     "The content is in a format the target resource does not support.",
     "콘텐츠 형식을 대상 리소스가 지원하지 않는다.", true},
    {416, "Range Not Satisfiable", "RFC 9110 §15.5.17",
     "None of the requested ranges overlap the representation.",
     "요청한 범위가 표현과 겹치지 않는다.", true},
    {417, "Expectation Failed", "RFC 9110 §15.5.18", "The expectation in Expect cannot be met.",
     "Expect 필드의 기대를 충족할 수 없다.", true},
    {418, "(Unused)", "RFC 9110 §15.5.19",
     "Reserved (it was used as an April Fools' joke); not to be assigned.",
     "예약됨 (만우절 농담으로 쓰였음); 할당하지 않는다.", true},
    {421, "Misdirected Request", "RFC 9110 §15.5.20",
     "The request was directed at a server unable to produce an authoritative response.",
     "권한 있는 응답을 줄 수 없는 서버로 요청이 전달되었다.", true},
    {422, "Unprocessable Content", "RFC 9110 §15.5.21",
     "Well-formed, but the instructions cannot be processed.",
     "형식은 올바르지만 지시를 처리할 수 없다.", true},
    {423, "Locked", "RFC 4918 §11.3", "WebDAV: the resource is locked.",
     "WebDAV: 리소스가 잠겨 있다.", true},
    {424, "Failed Dependency", "RFC 4918 §11.4",
     "WebDAV: the action depended on another that failed.",
     "WebDAV: 의존하는 다른 작업이 실패했다.", true},
    {425, "Too Early", "RFC 8470 §5.2",
     "The server will not risk processing a request that might be replayed (0-RTT).",
     "재전송될 수 있는 요청(0-RTT)을 처리하지 않는다.", true},
    {426, "Upgrade Required", "RFC 9110 §15.5.22",
     "The client must switch to the protocol named in Upgrade.",
     "Upgrade에 지정된 프로토콜로 전환해야 한다.", true},
    {428, "Precondition Required", "RFC 6585 §3",
     "The origin server requires the request to be conditional.", "서버가 조건부 요청을 요구한다.",
     true},
    {429, "Too Many Requests", "RFC 6585 §4", "Too many requests in a given time (rate limiting).",
     "주어진 시간에 너무 많은 요청을 보냈다 (속도 제한).", true},
    {431, "Request Header Fields Too Large", "RFC 6585 §5",
     "A header field, or all of them, is too large.", "헤더 필드(하나 또는 전체)가 너무 크다.",
     true},
    {444, "No Response", "nginx (non-standard)",
     "nginx-internal: close the connection without a response; never sent on the wire.",
     "nginx 내부 코드: 응답 없이 연결을 닫는다; 실제로 전송되지 않는다.", false},
    {451, "Unavailable For Legal Reasons", "RFC 7725 §3",
     "Denied as a consequence of a legal demand.", "법적 요구로 인해 거부되었다.", true},
    {500, "Internal Server Error", "RFC 9110 §15.6.1",
     "An unexpected condition prevented fulfilling the request.",
     "예기치 않은 상황으로 요청을 처리하지 못했다.", true},
    {501, "Not Implemented", "RFC 9110 §15.6.2",
     "The server does not support the functionality required (e.g. an unknown method).",
     "필요한 기능(예: 알 수 없는 메서드)을 지원하지 않는다.", true},
    {502, "Bad Gateway", "RFC 9110 §15.6.3",
     "A gateway received an invalid response from upstream.",
     "게이트웨이가 상위 서버로부터 잘못된 응답을 받았다.", true},
    {503, "Service Unavailable", "RFC 9110 §15.6.4",
     "Temporarily unable to handle the request (overload, maintenance).",
     "과부하나 점검으로 일시적으로 요청을 처리할 수 없다.", true},
    {504, "Gateway Timeout", "RFC 9110 §15.6.5",
     "A gateway did not receive a timely response from upstream.",
     "게이트웨이가 상위 서버로부터 제때 응답을 받지 못했다.", true},
    {505, "HTTP Version Not Supported", "RFC 9110 §15.6.6",
     "The major version of HTTP in the request is not supported.",
     "요청의 HTTP 주 버전을 지원하지 않는다.", true},
    {506, "Variant Also Negotiates", "RFC 2295 §8.1",
     "Transparent negotiation: a configuration error (circular reference).",
     "투명 협상: 설정 오류(순환 참조).", true},
    {507, "Insufficient Storage", "RFC 4918 §11.5",
     "WebDAV: not enough storage to complete the request.",
     "WebDAV: 요청을 완료할 저장 공간이 부족하다.", true},
    {508, "Loop Detected", "RFC 5842 §7.2", "WebDAV: an infinite loop was detected.",
     "WebDAV: 무한 루프를 감지했다.", true},
    {510, "Not Extended", "RFC 2774 §7 (historic)", "Further extensions are required (obsoleted).",
     "추가 확장이 필요하다 (폐기됨).", true},
    {511, "Network Authentication Required", "RFC 6585 §6",
     "The client must authenticate to gain network access (captive portals).",
     "네트워크 접근을 위해 인증이 필요하다 (캡티브 포털).", true},
};

}  // namespace

const std::vector<StatusInfo>& AllStatuses() {
  static const std::vector<StatusInfo> all = [] {
    std::vector<StatusInfo> v;
    for (const Row& r : kRows) {
      v.push_back(
          {r.code, r.reason, r.reference, r.meaning, r.meaning_ko, r.registered, RulesFor(r.code)});
    }
    return v;
  }();
  return all;
}

const StatusInfo* FindStatus(int code) {
  const std::vector<StatusInfo>& all = AllStatuses();
  auto it = std::lower_bound(all.begin(), all.end(), code,
                             [](const StatusInfo& s, int c) { return s.code < c; });
  return (it != all.end() && it->code == code) ? &*it : nullptr;
}

const std::vector<StatusRule>& AllStatusRules() { return Rules(); }

std::vector<std::string> RuleSections(const StatusRule& rule) {
  std::vector<std::string> sections = {rule.section};
  for (const RuleStatement& s : rule.also_stated) sections.push_back(s.section);
  return sections;
}

const StatusRule* FindStatusRule(const std::string& id) {
  for (const StatusRule& r : Rules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const char* StatusClassName(int code) {
  if (code < 100 || code > 599) return "Invalid";
  static const char* const kNames[] = {"Informational", "Successful", "Redirection", "Client Error",
                                       "Server Error"};
  return kNames[code / 100 - 1];
}

}  // namespace httpconform::core
