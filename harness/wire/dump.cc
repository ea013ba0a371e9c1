// Dump(): the standard text form of a parsed response, one fact per line, so
// that table-driven tests compare one string and a failure shows a readable
// diff. The format is stable (tests and debugging output depend on it):
//   interim HTTP/1.1 100 "Continue"      one per interim head, then its fields
//   final HTTP/1.1 200 "OK"              or "final none" when no final head
//     field Name: value                  fields of the head above, in order
//   framing none|length|chunked|close
//   content 5 "hello"                    content_size and the first 64 kept bytes
//   truncated                            only when content_truncated
//   trailer Name: value
//   diag 17 field.obs-fold               offset and id; "fatal" before the id if so
//   complete yes|no
// Bytes outside printable ASCII, '"' and '\' are escaped as \xHH.
#include <cstdio>
#include <string>

#include "harness/wire/request_parser.h"
#include "harness/wire/response_parser.h"

namespace httpconform::wire {

namespace {

void AppendEscaped(std::string_view text, std::string* out) {
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out->push_back(ch);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out->append(hex);
    }
  }
}

void AppendHead(const char* kind, const core::ResponseHead& head, std::string* out) {
  *out += kind;
  *out += ' ';
  AppendEscaped(head.version, out);
  char code[16];
  std::snprintf(code, sizeof code, " %03d \"", head.status);  // "000" stays three digits.
  *out += code;
  AppendEscaped(head.reason, out);
  *out += "\"\n";
  for (const core::Field& field : head.fields) {
    *out += "  field ";
    AppendEscaped(field.name, out);
    *out += ": ";
    AppendEscaped(field.value, out);
    *out += '\n';
  }
}

const char* FramingName(core::Framing framing) {
  switch (framing) {
    case core::Framing::kNoContent:
      return "none";
    case core::Framing::kContentLength:
      return "length";
    case core::Framing::kChunked:
      return "chunked";
    case core::Framing::kCloseDelimited:
      return "close";
  }
  return "?";
}

void AppendContentAndTrailers(const std::string& content, std::uint64_t size,
                              const core::Fields& trailers, std::string* out) {
  if (size > 0) {
    *out += "content " + std::to_string(size) + " \"";
    AppendEscaped(std::string_view(content).substr(0, 64), out);
    *out += "\"\n";
  }
  for (const core::Field& field : trailers) {
    *out += "trailer ";
    AppendEscaped(field.name, out);
    *out += ": ";
    AppendEscaped(field.value, out);
    *out += '\n';
  }
}

void AppendDiagnostics(const std::vector<core::Diagnostic>& diagnostics, std::string* out) {
  for (const core::Diagnostic& diag : diagnostics) {
    *out += "diag " + std::to_string(diag.offset) + (diag.fatal ? " fatal " : " ") + diag.id + '\n';
  }
}

const char* FormName(TargetForm form) {
  switch (form) {
    case TargetForm::kOrigin:
      return "origin";
    case TargetForm::kAbsolute:
      return "absolute";
    case TargetForm::kAuthority:
      return "authority";
    case TargetForm::kAsterisk:
      return "asterisk";
  }
  return "?";
}

}  // namespace

std::string DumpRequest(const Request& request) {
  std::string out = "request ";
  if (request.method.empty()) {  // The request-line was rejected or never arrived.
    out += "none\n";
    AppendDiagnostics(request.diagnostics, &out);
    return out;
  }
  AppendEscaped(request.method, &out);
  out += ' ';
  AppendEscaped(std::string_view(request.target).substr(0, 64), &out);
  out += ' ';
  AppendEscaped(request.version, &out);
  out += ' ';
  out += FormName(request.target_form);
  out += '\n';
  for (const core::Field& field : request.fields) {
    out += "  field ";
    AppendEscaped(field.name, &out);
    out += ": ";
    AppendEscaped(field.value, &out);
    out += '\n';
  }
  if (request.chunked) out += "chunked\n";
  AppendContentAndTrailers(request.content, request.content.size(), request.trailers, &out);
  AppendDiagnostics(request.diagnostics, &out);
  return out;
}

std::string Dump(const core::Response& response) {
  std::string out;
  for (const core::ResponseHead& head : response.interim) AppendHead("interim", head, &out);
  if (response.head.status == 0 && response.head.version.empty()) {
    out += "final none\n";
  } else {
    AppendHead("final", response.head, &out);
  }
  out += "framing ";
  out += FramingName(response.framing);
  out += '\n';
  if (response.content_truncated) {
    // "truncated" goes after the content line; keep the helper's order.
    AppendContentAndTrailers(response.content, response.content_size, {}, &out);
    out += "truncated\n";
    AppendContentAndTrailers({}, 0, response.trailers, &out);
  } else {
    AppendContentAndTrailers(response.content, response.content_size, response.trailers, &out);
  }
  AppendDiagnostics(response.diagnostics, &out);
  out += response.complete ? "complete yes\n" : "complete no\n";
  return out;
}

}  // namespace httpconform::wire
