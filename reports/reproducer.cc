// Reproducers (see reproducer.h).
//
// The recorded request bytes are the truth of what went out, so a
// structured request is rebuilt from them (request line, field lines,
// content) rather than from the structured record, which lacks what the
// transport added (Content-Length, for one). Only a message in the plain
// shape curl itself writes — "NAME: VALUE" lines, CRLF, HTTP/1.1 (RFC 9112
// §3 and §5) — is turned into curl flags; any other shape is sent byte for
// byte with printf, because curl would normalise it.
#include "reports/reproducer.h"

#include <cctype>
#include <utility>
#include <vector>

namespace httpconform::reports {
namespace {

struct UrlParts {
  std::string scheme = "http";
  std::string authority;  // host[:port] as written.
  std::string host;       // Without IPv6 brackets.
  std::string port;
};

UrlParts SplitUrl(const std::string& url) {
  UrlParts u;
  std::size_t start = 0;
  std::size_t sep = url.find("://");
  if (sep != std::string::npos) {
    u.scheme.clear();
    for (char c : url.substr(0, sep)) u.scheme += static_cast<char>(std::tolower(c));
    start = sep + 3;
  }
  std::size_t end = url.find_first_of("/?#", start);
  u.authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  std::size_t at = u.authority.rfind('@');
  if (at != std::string::npos) u.authority = u.authority.substr(at + 1);
  const std::string& a = u.authority;
  if (!a.empty() && a[0] == '[') {
    std::size_t close = a.find(']');
    u.host = a.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    if (close != std::string::npos && close + 1 < a.size() && a[close + 1] == ':') {
      u.port = a.substr(close + 2);
    }
  } else {
    std::size_t colon = a.rfind(':');
    u.host = a.substr(0, colon);
    if (colon != std::string::npos) u.port = a.substr(colon + 1);
  }
  if (u.port.empty()) u.port = u.scheme == "https" ? "443" : "80";
  return u;
}

// tchar, RFC 9110 §5.6.2.
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!std::isalnum(c) &&
        std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// Visible ASCII and spaces only: what reads the same in a terminal and a shell.
bool IsPlain(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A request in the shape curl writes; see the file comment.
struct PlainRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string content;
};

bool ParsePlain(std::string_view bytes, PlainRequest* out) {
  std::size_t pos = 0;
  auto next_line = [&](std::string_view* line) {
    std::size_t crlf = bytes.find("\r\n", pos);
    if (crlf == std::string_view::npos) return false;
    *line = bytes.substr(pos, crlf - pos);
    pos = crlf + 2;
    // A bare CR or LF inside a line is not the plain shape.
    return line->find_first_of("\r\n") == std::string_view::npos;
  };
  std::string_view line;
  if (!next_line(&line)) return false;
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.substr(sp2 + 1) != "HTTP/1.1") return false;
  out->method = std::string(line.substr(0, sp1));
  out->target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  if (!IsToken(out->method) || out->target.empty() || !IsPlain(out->target) ||
      out->target.find(' ') != std::string::npos) {
    return false;
  }
  while (true) {
    if (!next_line(&line)) return false;
    if (line.empty()) break;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) return false;
    std::string_view value = line.substr(colon + 1);
    if (!value.empty()) {
      // Exactly one space, then a value without surrounding whitespace.
      if (value[0] != ' ' || value.size() == 1 || value[1] == ' ' || value[1] == '\t' ||
          value.back() == ' ' || value.back() == '\t') {
        return false;
      }
      value.remove_prefix(1);
    }
    if (!IsPlain(value)) return false;
    out->fields.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  out->content = std::string(bytes.substr(pos));
  return true;
}

const std::string* FindField(const PlainRequest& r, std::string_view name) {
  for (const auto& [n, v] : r.fields) {
    if (IEquals(n, name)) return &v;
  }
  return nullptr;
}

// A word the shell reads as itself needs no quotes; quoting it anyway reads badly.
std::string ShellWord(std::string_view s) {
  bool plain = !s.empty();
  for (unsigned char c : s) {
    plain = plain &&
            (std::isalnum(c) ||
             std::string_view("._-/:=@%+,").find(static_cast<char>(c)) != std::string_view::npos);
  }
  return plain ? std::string(s) : ShellQuote(s);
}

// Characters a URL path or query may hold as they are (RFC 3986 §3.3, §3.4).
bool IsUrlSafeTarget(const std::string& t) {
  if (t.empty() || t[0] != '/') return false;
  for (unsigned char c : t) {
    if (!std::isalnum(c) && std::string_view("-._~!$&'()*+,;=:@/?%").find(static_cast<char>(c)) ==
                                std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool HasDotSegment(const std::string& t) {
  std::string path = t.substr(0, t.find('?'));
  for (const char* dot : {"/./", "/../"}) {
    if (path.find(dot) != std::string::npos) return true;
  }
  auto ends = [&](const std::string& s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends("/.") || ends("/..");
}

std::string CurlCommand(const PlainRequest& r, const UrlParts& u,
                        const core::RunSettings& settings) {
  std::string cmd = "curl --http1.1 -i";
  if (u.scheme == "https") {
    // As the run checked the certificate: not at all (-k, and any report
    // without settings), or against --cacert's file, or the system store.
    if (!settings.recorded || !settings.tls_verify) {
      cmd += " -k";
    } else if (!settings.tls_ca_file.empty()) {
      cmd += " --cacert " + ShellQuote(settings.tls_ca_file);
    }
  }
  const bool has_content = !r.content.empty();
  const bool plain_content = IsPlain(r.content);
  if (r.method == "HEAD" && !has_content) {
    cmd += " -I";  // -X HEAD would make curl wait for content that never comes.
  } else if (!((r.method == "GET" && !has_content) || (r.method == "POST" && has_content))) {
    cmd += " -X " + ShellWord(r.method);
  }
  const std::string base = u.scheme + "://" + u.authority;
  if (IsUrlSafeTarget(r.target)) {
    if (HasDotSegment(r.target)) cmd += " --path-as-is";
    cmd += " " + ShellQuote(base + r.target);
  } else {
    // Absolute-form, asterisk-form or unusual bytes: send the target as is.
    cmd += " --request-target " + ShellQuote(r.target) + " " + ShellQuote(base + "/");
  }
  for (const auto& [name, value] : r.fields) {
    // curl reads "Name:" as "remove Name"; "Name;" sends an empty value.
    cmd += " -H " + ShellQuote(value.empty() ? name + ";" : name + ": " + value);
  }
  // Remove what curl would add on its own.
  std::vector<const char*> remove = {"Host", "User-Agent", "Accept"};
  if (has_content) {
    remove.push_back("Content-Type");
    remove.push_back("Expect");
  }
  for (const char* name : remove) {
    if (!FindField(r, name)) cmd += " -H " + ShellQuote(std::string(name) + ":");
  }
  if (has_content && plain_content) cmd += " --data-binary " + ShellQuote(r.content);
  if (has_content && !plain_content) {
    return "printf '" + PrintfEscape(r.content) + "' | " + cmd + " --data-binary @-";
  }
  return cmd;
}

bool CurlCanSend(const PlainRequest& r) {
  if (FindField(r, "Transfer-Encoding")) return false;  // curl would chunk the content again.
  const std::string* length = FindField(r, "Content-Length");
  if (!r.content.empty()) {
    if (!length || *length != std::to_string(r.content.size())) return false;
  }
  return true;
}

std::string PrintfToSocket(std::string_view bytes, const UrlParts& u) {
  std::string cmd = "printf '" + PrintfEscape(bytes) + "' | ";
  if (u.scheme == "https") {
    const std::string hostport =
        (u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host) + ":" + u.port;
    return cmd + "openssl s_client -quiet -connect " + ShellWord(hostport) + " -servername " +
           ShellWord(u.host);
  }
  return cmd + "nc " + ShellWord(u.host) + " " + ShellWord(u.port);
}

void AppendEscaped(unsigned char c, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  switch (c) {
    case '\r':
      *out += "\\r";
      return;
    case '\n':
      *out += "\\n";
      return;
    case '\t':
      *out += "\\t";
      return;
    case '\\':
      *out += "\\\\";
      return;
    default:
      break;
  }
  if (c >= 0x20 && c < 0x7f) {
    *out += static_cast<char>(c);
  } else {
    *out += "\\x";
    *out += kHex[c >> 4];
    *out += kHex[c & 15];
  }
}

void TranscriptSide(const char* mark, std::string_view bytes, std::size_t max, std::string* out) {
  if (bytes.empty()) {
    *out += std::string(mark) + "(nothing)\n";
    return;
  }
  std::string_view shown = bytes.substr(0, max);
  bool at_line_start = true;
  for (unsigned char c : shown) {
    if (at_line_start) *out += mark;
    AppendEscaped(c, out);
    at_line_start = c == '\n';
    if (at_line_start) *out += '\n';
  }
  if (!at_line_start) *out += '\n';
  if (bytes.size() > shown.size()) {
    *out += std::string(mark) + "... (" + std::to_string(bytes.size() - shown.size()) +
            " more bytes)\n";
  }
}

}  // namespace

std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string PrintfEscape(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    switch (c) {
      case '%':
        out += "%%";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c >= 0x20 && c < 0x7f && c != '\'') {
      out += static_cast<char>(c);
    } else {
      // Three octal digits always: a following digit is never read as part of it.
      out += '\\';
      out += static_cast<char>('0' + (c >> 6));
      out += static_cast<char>('0' + ((c >> 3) & 7));
      out += static_cast<char>('0' + (c & 7));
    }
  }
  return out;
}

std::string Reproducer(const core::StepResult& step, const std::string& target_url,
                       const core::RunSettings& settings) {
  const UrlParts u = SplitUrl(target_url);
  PlainRequest plain;
  if (!step.request.raw) {
    if (step.request.bytes.empty()) {
      // Nothing recorded on the wire (e.g. the curl transport): use the structured record.
      plain.method = step.request.method;
      plain.target = step.request.target;
      bool ok = IsToken(plain.method) && IsPlain(plain.target) &&
                plain.target.find(' ') == std::string::npos && !plain.target.empty();
      for (const core::Field& f : step.request.headers) {
        ok = ok && IsToken(f.name) && IsPlain(f.value);
        plain.fields.emplace_back(f.name, f.value);
      }
      if (ok && CurlCanSend(plain)) return CurlCommand(plain, u, settings);
    } else if (ParsePlain(step.request.bytes, &plain) && CurlCanSend(plain)) {
      return CurlCommand(plain, u, settings);
    }
  }
  return PrintfToSocket(step.request.bytes, u);
}

std::string Transcript(const core::StepResult& step, std::size_t max_bytes) {
  std::string out;
  TranscriptSide("> ", step.request.bytes, max_bytes, &out);
  TranscriptSide("< ", step.received, max_bytes, &out);
  return out;
}

}  // namespace httpconform::reports
