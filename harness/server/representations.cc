// The reference server's representations and their range handling; see
// representations.h.
#include "harness/server/representations.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "harness/server/content_coding.h"
#include "harness/server/fault_rewrites.h"
#include "harness/server/preconditions.h"
#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

using core::FieldValues;
using core::FindField;

constexpr const char* kBoundary = "httpconform-7d1b5a3c";

bool Has(const RouteContext& c, Fault f) { return c.faults->Has(f); }

std::string DataText() {
  // 1000 bytes: 20 lines of 50 bytes, each unique so that a wrong range is
  // visible in the content, not just its length.
  std::string out;
  for (int line = 0; line < 20; ++line) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "line %02d: ", line);
    std::string text = buf;
    for (int i = 0; text.size() < 49; ++i) text += static_cast<char>('a' + (line + i) % 26);
    out += text + "\n";
  }
  return out;
}

// /static/data.txt is also available gzip-coded (content_coding.h), chosen by
// Accept-Encoding, so every response for it says so (§12.5.5; §15.4.5 for 304).
constexpr const char* kGzipPath = "/static/data.txt";

void AddVary(Reply& r, const Representation& rep) {
  if (std::string(rep.path) == kGzipPath) AddField(r.fields, "Vary", "Accept-Encoding");
}

void AddValidatorFields(Reply& r, const Representation& rep, const RouteContext& c) {
  // §8.8.3.1, §8.8.2.1: a static representation SHOULD carry both validators.
  if (!Has(c, Fault::kNoEtag)) AddField(r.fields, "ETag", rep.etag);
  if (!Has(c, Fault::kNoLastModified)) {
    AddField(r.fields, "Last-Modified", FormatHttpDate(kLastModified));
  }
  AddField(r.fields, "Accept-Ranges", "bytes");
  AddField(r.fields, "Cache-Control", "max-age=60");
  AddVary(r, rep);
}

std::string ContentRange(std::uint64_t first, std::uint64_t last, std::uint64_t length) {
  return "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
         std::to_string(length);
}

// Step 5 of §13.2.2 and §14: returns a 206/416 reply, or nullopt for 200.
std::optional<Reply> Ranges(const wire::Request& req, const Representation& rep,
                            const EntityTag& etag, const RouteContext& c) {
  // §14.2: GET is the only method for which range handling is defined.
  if (req.method != "GET") return std::nullopt;
  std::vector<std::string> ranges = FieldValues(req.fields, "Range");
  // §13.1.5: If-Range without Range is ignored; the fault evaluates it.
  const core::Field* lone_if_range = FindField(req.fields, "If-Range");
  if (ranges.empty() && lone_if_range != nullptr && Has(c, Fault::kIfRangeWithoutRange) &&
      lone_if_range->value != rep.etag) {
    return Simple(412);
  }
  if (ranges.size() != 1) return std::nullopt;  // Absent, or not a single value: ignore.

  const core::Field* if_range = FindField(req.fields, "If-Range");
  if (if_range != nullptr && !Has(c, Fault::kIgnoreIfRange)) {
    const std::string& v = if_range->value;
    bool match = false;
    if (!v.empty() && (v[0] == '"' || v.compare(0, 2, "W/") == 0)) {
      // §13.1.5: strong comparison; a weak tag never matches.
      std::optional<EntityTag> tag = ParseEntityTag(v);
      match =
          tag && (Has(c, Fault::kWeakIfRange) ? WeakMatch(*tag, etag) : StrongMatch(*tag, etag));
    } else {
      // §13.1.5: an HTTP-date matches only exactly (not "earlier or equal").
      std::optional<std::time_t> date = ConditionalDate(v, c);
      match = date && (Has(c, Fault::kIfRangeDateInexact) ? kLastModified <= *date
                                                          : *date == kLastModified);
      if (date && Has(c, Fault::kIfRangeDateAlwaysTrue)) match = true;
    }
    // §13.1.5: false: MUST ignore Range; true: SHOULD process it.
    if (!match || Has(c, Fault::kIgnoreIfRangeMatch)) return std::nullopt;
  }

  const std::string& data = rep.content;
  const std::uint64_t length = data.size();
  // §14.1.2: large numerals must not overflow; the fault wraps them.
  if (Has(c, Fault::kRangeNumeralsWrap)) ranges[0] = WrapRangeNumeralsForFault(ranges[0]);
  RangeRequest rr = ParseRange(ranges[0], length);
  if (rr.kind == RangeRequest::Kind::kUnknownUnit && Has(c, Fault::kUnknownUnitAsBytes)) {
    rr = ParseRange("bytes" + ranges[0].substr(ranges[0].find('=')), length);
  }
  if (rr.kind == RangeRequest::Kind::kSatisfiable &&
      ((Has(c, Fault::k416ForSuffixRange) && ranges[0].find("=-") != std::string::npos) ||
       (Has(c, Fault::k416ForMultipleRanges) && ranges[0].find(',') != std::string::npos))) {
    rr.kind = RangeRequest::Kind::kUnsatisfiable;
  }
  if (rr.kind == RangeRequest::Kind::kUnsatisfiable && Has(c, Fault::k206ForUnsatisfiableRange) &&
      length > 0) {
    rr.kind = RangeRequest::Kind::kSatisfiable;
    rr.ranges = {{length - 1, length - 1}};
  }
  Reply r;
  AddValidatorFields(r, rep, c);
  switch (rr.kind) {
    case RangeRequest::Kind::kUnknownUnit:
      // §14.2: an origin server MUST ignore a range unit it does not understand.
      return std::nullopt;
    case RangeRequest::Kind::kUnsatisfiable: {
      r.status = 416;
      // §15.5.17: a 416 to a byte-range request SHOULD carry Content-Range.
      if (!Has(c, Fault::k416WithoutContentRange)) {
        AddField(r.fields, "Content-Range", "bytes */" + std::to_string(length));
      }
      AddField(r.fields, "Content-Type", "text/plain; charset=utf-8");
      r.content = "416 Range Not Satisfiable\n";
      return r;
    }
    case RangeRequest::Kind::kInvalid:
      // §14.2: a server MAY ignore an invalid ranges-specifier; we do.
      return std::nullopt;
    case RangeRequest::Kind::kSatisfiable:
      break;
  }
  r.status = 206;
  // §15.3.7: a 206 carries the ETag a 200 would have (AddValidatorFields).
  if (Has(c, Fault::k206WithoutEtag)) RemoveField(r.fields, "ETag");
  if (Has(c, Fault::kMultipartSorted)) {
    std::sort(rr.ranges.begin(), rr.ranges.end(),
              [](const ByteRange& a, const ByteRange& b) { return a.first < b.first; });
  }
  auto slice = [&](const ByteRange& br) {
    std::uint64_t first = br.first;
    if (Has(c, Fault::kWrongRangeContent)) ++first;
    if (first >= length) return std::string();
    return data.substr(first, br.last - br.first + 1);
  };
  auto range_value = [&](const ByteRange& br) {
    std::uint64_t last = Has(c, Fault::kWrongContentRange) ? br.last + 1 : br.last;
    std::string value = ContentRange(br.first, last, length);
    // §14.4: the complete length is known here, so it SHOULD be sent.
    if (Has(c, Fault::kContentRangeUnknownLength)) value = value.substr(0, value.rfind('/')) + "/*";
    return value;
  };
  if (rr.ranges.size() == 1 && !Has(c, Fault::kMultipartForSingleRange)) {
    // §15.3.7.1: a single part carries Content-Range.
    if (!Has(c, Fault::k206WithoutContentRange)) {
      AddField(r.fields, "Content-Range", range_value(rr.ranges[0]));
    }
    // §15.3.7: every representation field of the 200, Content-Type included.
    if (!Has(c, Fault::k206WithoutContentType))
      AddField(r.fields, "Content-Type", rep.content_type);
    r.content = slice(rr.ranges[0]);
    return r;
  }
  // §14.6 / §15.3.7.2: multipart/byteranges, each part with Content-Type and
  // Content-Range; the boundary parameter is required.
  AddField(r.fields, "Content-Type",
           Has(c, Fault::kMultipartWithoutBoundary)
               ? std::string("multipart/byteranges")
               : std::string("multipart/byteranges; boundary=") + kBoundary);
  // §15.3.7.2: never a Content-Range in the header section of a multipart 206.
  if (Has(c, Fault::kMultipartWithContentRange)) {
    AddField(r.fields, "Content-Range", range_value(rr.ranges[0]));
  }
  // §8.3.3: the body parts' line breaks are CRLF; multipart-lf uses LF.
  const std::string crlf = Has(c, Fault::kMultipartLf) ? "\n" : "\r\n";
  for (const ByteRange& br : rr.ranges) {
    r.content += std::string("--") + kBoundary + crlf;
    if (!Has(c, Fault::kMultipartWithoutPartContentType)) {
      r.content += std::string("Content-Type: ") + rep.content_type + crlf;
    }
    if (!Has(c, Fault::kMultipartWithoutContentRange)) {
      r.content += "Content-Range: " + range_value(br) + crlf;
    }
    r.content += crlf + slice(br) + crlf;
  }
  r.content += std::string("--") + kBoundary + "--" + crlf;
  return r;
}

}  // namespace

const std::vector<Representation>& Representations() {
  static const std::vector<Representation>* const kReps = [] {
    auto* reps = new std::vector<Representation>();
    reps->push_back({"/", "text/html; charset=utf-8",
                     "<!DOCTYPE html>\n<html><head><title>httpconform reference server</title>"
                     "</head>\n<body><h1>httpconform reference server</h1>\n<ul>\n"
                     "<li><a href=\"/static/hello.txt\">/static/hello.txt</a></li>\n"
                     "<li><a href=\"/static/data.txt\">/static/data.txt</a></li>\n"
                     "<li><a href=\"/static/weak.txt\">/static/weak.txt</a></li>\n"
                     "<li><a href=\"/items/thing\">/items/thing</a></li>\n"
                     "<li><a href=\"/items/guarded\">/items/guarded</a></li>\n"
                     "<li><a href=\"/echo\">/echo</a></li>\n"
                     "<li><a href=\"/upload/\">/upload/</a></li>\n"
                     "<li><a href=\"/negotiate\">/negotiate</a></li>\n"
                     "<li><a href=\"/auth/basic\">/auth/basic</a></li>\n"
                     "<li><a href=\"/early-hints\">/early-hints</a></li>\n"
                     "<li><a href=\"/ws\">/ws</a></li>\n"
                     "<li><a href=\"/redirect/301\">/redirect/301</a></li>\n"
                     "<li><a href=\"/status/200\">/status/NNN</a></li>\n"
                     "</ul></body></html>\n",
                     "\"index-v1\""});
    reps->push_back(
        {"/static/hello.txt", "text/plain; charset=utf-8", "Hello, world!\n", "\"hello-v1\""});
    reps->push_back({"/static/data.txt", "text/plain; charset=utf-8", DataText(), "\"data-v1\""});
    reps->push_back({"/static/weak.txt", "text/plain; charset=utf-8",
                     "This representation has a weak validator.\n", "W/\"weak-v1\""});
    reps->push_back({"/items/thing", "text/plain; charset=utf-8", "thing\n", "\"thing-v1\""});
    reps->push_back({"/items/guarded", "text/plain; charset=utf-8", "guarded\n", "\"guarded-v1\""});
    return reps;
  }();
  return *kReps;
}

Reply ServeRepresentation(const wire::Request& req, const Representation& rep,
                          const RouteContext& c) {
  EntityTag etag = *ParseEntityTag(rep.etag);
  std::string path = rep.path;
  // §12.5.3: with no listed coding available, identity is sent unless it is
  // refused; 406-for-unknown-coding refuses instead.
  const core::Field* accept_encoding = FindField(req.fields, "Accept-Encoding");
  if (Has(c, Fault::k406ForUnknownCoding) && accept_encoding != nullptr &&
      !accept_encoding->value.empty() &&
      accept_encoding->value.find("identity") == std::string::npos &&
      accept_encoding->value.find('*') == std::string::npos) {
    return Simple(406, "406 Not Acceptable: available: identity\n");
  }
  const bool guarded = path == "/items/guarded";
  if (guarded && req.method == "PUT" &&
      (FindField(req.fields, "If-Match") == nullptr || Has(c, Fault::k428DespiteIfMatch))) {
    // RFC 6585 §3: this resource requires conditional updates, and says how.
    Reply r = Simple(428, "428 Precondition Required: send If-Match with the current ETag\n");
    if (Has(c, Fault::k428WithoutExplanation)) r.content.clear();
    return r;
  }
  // range-before-preconditions: Range decided before the conditionals, the
  // reverse of §13.2.2 (steps 1-4 before step 5).
  if (Has(c, Fault::kRangeBeforePreconditions)) {
    if (std::optional<Reply> partial = Ranges(req, rep, etag, c)) return *partial;
  }
  switch (EvaluatePreconditions(req, etag, kLastModified, c)) {
    case Precondition::kNotModified: {
      // §15.4.5: a 304 carries the fields a 200 would have: ETag, Cache-Control
      // (and Date, added on the wire); Last-Modified is left out since an
      // ETag is present.
      Reply r;
      r.status = 304;
      if (!Has(c, Fault::k304WithoutEtag)) AddField(r.fields, "ETag", rep.etag);
      AddField(r.fields, "Cache-Control", "max-age=60");
      AddVary(r, rep);
      // §15.4.5: no representation metadata beyond the listed fields.
      if (Has(c, Fault::k304WithContentType)) AddField(r.fields, "Content-Type", rep.content_type);
      r.content = rep.content;
      return r;
    }
    case Precondition::kFailed:
      return Simple(412);
    case Precondition::kProceed:
      break;
  }
  // §8.7: a request's Content-Location is context, not the target; the fault
  // applies the PUT to the resource it names.
  const core::Field* content_location = FindField(req.fields, "Content-Location");
  if (req.method == "PUT" && content_location != nullptr && content_location->value != path &&
      Has(c, Fault::kContentLocationAsTarget)) {
    Reply r = Simple(201, "created " + content_location->value + "\n");
    AddField(r.fields, "Location", content_location->value);
    return r;
  }
  // §8.7: nor is it metadata of the representation; the fault saves it.
  SavedContentLocation* saved = c.saved_content_location;
  if (req.method == "PUT" && content_location != nullptr && saved != nullptr &&
      Has(c, Fault::kSaveContentLocation)) {
    std::lock_guard<std::mutex> lock(saved->mutex);
    saved->path = path;
    saved->value = content_location->value;
  }
  if (req.method == "PUT" || req.method == "DELETE") {
    // The state is fixed (deterministic across runs): the change is accepted
    // and not kept. §9.3.4 / §9.3.5: 204 for success without content.
    Reply r;
    // §9.3.4: replacing an existing representation is 200 or 204, never 201.
    r.status = req.method == "PUT" && Has(c, Fault::kPutExisting201) ? 201 : 204;
    // §9.3.5: an applied DELETE gets 200, 202 or 204.
    if (req.method == "DELETE" && Has(c, Fault::kDelete201)) r.status = 201;
    return r;
  }
  if (std::optional<Reply> partial = Ranges(req, rep, etag, c)) return *partial;
  Reply r;
  AddValidatorFields(r, rep, c);
  // §8.3: content SHOULD come with Content-Type; §5.6.4: a quoted-pair only
  // where a DQUOTE or backslash needs it.
  if (Has(c, Fault::kContentTypeQuotedPair)) {
    AddField(r.fields, "Content-Type", "text/plain; charset=\"utf\\-8\"");
  } else if (!Has(c, Fault::kNoContentType)) {
    AddField(r.fields, "Content-Type", rep.content_type);
  }
  // §8.4: "identity" is reserved for Accept-Encoding, never a content coding.
  if (Has(c, Fault::kContentEncodingIdentity) && FindField(req.fields, "Accept-Encoding")) {
    AddField(r.fields, "Content-Encoding", "identity");
  }
  if (saved != nullptr && Has(c, Fault::kSaveContentLocation)) {
    std::lock_guard<std::mutex> lock(saved->mutex);
    if (saved->path == path) AddField(r.fields, "Content-Location", saved->value);
  }
  r.content = rep.content;
  // §8.4: a content coding applied is listed in Content-Encoding; the coded
  // representation has an entity tag of its own (§8.8.3).
  if (path == kGzipPath && AcceptsGzip(req.fields)) {
    r.content = Gzip(rep.content);
    if (!Has(c, Fault::kGzipWithoutContentEncoding)) AddField(r.fields, "Content-Encoding", "gzip");
    for (core::Field& f : r.fields) {
      if (core::EqualsIgnoreCase(f.name, "ETag")) f.value = "\"data-v1-gzip\"";
    }
  }
  // §8.6: the size is known before the header section, so Content-Length.
  if (Has(c, Fault::kCloseDelimited)) r.close = r.close_delimited = true;
  return r;
}

Reply NoResource(const wire::Request& req, const std::string& path, const RouteContext& c) {
  const bool has_if_match = FindField(req.fields, "If-Match") != nullptr;
  if (req.method == "PUT" && path.compare(0, 7, "/items/") == 0 && path.size() > 7 &&
      path.find('/', 7) == std::string::npos) {
    // §13.1.1: If-Match is false without a current representation, so a
    // conditional PUT creates nothing.
    if (has_if_match) return Simple(412);
    // §9.3.4: a PUT that creates a representation is answered 201.
    if (Has(c, Fault::kPutCreateNot201)) return Simple(204);
    return Simple(201, "created " + path + " (not kept)\n");
  }
  // §13.2.1: preconditions come after the checks that give 404; the fault
  // evaluates If-Match first.
  if (Has(c, Fault::kPreconditionOn404) && has_if_match) return Simple(412);
  return Simple(404);
}

}  // namespace httpconform::server
