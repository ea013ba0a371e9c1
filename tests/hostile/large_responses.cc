// Large-response behaviours: what an ordinary big site, or a hostile one,
// sends that costs a client memory, stack or time by its size or shape
// rather than by breaking the protocol.
//
// Design: every payload is built once, before the server listens
// (PrepareLargeResponse), and each request on a connection gets one whole,
// correctly framed response (Content-Length, Connection: close) and then the
// connection is closed, so what the client is tested on is only the size or
// shape of the response. The sizes sit at the client's limits: 8 MiB is the
// content kept per response (transport.h max_content_bytes); 1 MiB is the
// parser's head limit and 64 KiB its line limit (wire/response_parser.h
// ParserLimits). The behaviours that serve "every route" answer HEAD with
// content too: bytes after a response the client must bound.
#include "large_responses.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace hostile {
namespace {

constexpr std::size_t kPageBytes = 8 * 1024 * 1024;  // The client's content cap.
constexpr int kPageLinks = 100000;
constexpr std::size_t kHeadLimit = 1024 * 1024;  // ParserLimits::max_head_bytes.
constexpr std::size_t kLineLimit = 64 * 1024;    // ParserLimits::max_line_bytes.
// Content-coded responses decode to this much (four link pages): a client
// that decoded them unbounded would show it in its memory.
constexpr std::size_t kCodedPlainBytes = 4 * kPageBytes;

// An HTML page of exactly `bytes` bytes: `links` same-origin links, one per
// line, then paragraphs of filler.
std::string LinksPage(std::size_t bytes, int links, const char* prefix) {
  std::string page = "<!DOCTYPE html>\n<html><head><title>index</title></head><body>\n";
  char line[128];
  for (int i = 0; i < links; ++i) {
    std::snprintf(line, sizeof line, "<a href=\"/%s/%d.html\">entry %d</a><br>\n", prefix, i, i);
    page += line;
  }
  static const char kTail[] = "</body></html>\n";
  const std::string filler = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n";
  while (page.size() + filler.size() + sizeof kTail - 1 <= bytes) page += filler;
  page.append(bytes - (sizeof kTail - 1) - page.size(), ' ');
  return page + kTail;
}

const std::string& Page() {
  static const std::string page = LinksPage(kPageBytes, kPageLinks, "p");
  return page;
}

// One byte, 8 MiB of it.
const std::string& SingleByteRun() {
  static const std::string run(kPageBytes, 'a');
  return run;
}

// 8 MiB of HTML with links and no CR or LF anywhere.
const std::string& NoNewline() {
  static const std::string page = [] {
    std::string p = "<!DOCTYPE html><html><body>";
    char item[96];
    for (int i = 0; p.size() < kPageBytes; ++i) {
      std::snprintf(item, sizeof item, "<a href=\"/n/%d\">item %d</a> ", i, i);
      p += item;
    }
    p.resize(kPageBytes);
    return p;
  }();
  return page;
}

// 100,000 nested <div> elements around one link.
const std::string& DeepNesting() {
  static const std::string page = [] {
    std::string p = "<!DOCTYPE html><html><body>";
    for (int i = 0; i < 100000; ++i) p += "<div>";
    p += "<a href=\"/deep.html\">deep</a>";
    for (int i = 0; i < 100000; ++i) p += "</div>";
    return p + "</body></html>\n";
  }();
  return page;
}

const std::string& CodedPlain() {
  static const std::string page = LinksPage(kCodedPlainBytes, 4 * kPageLinks, "z");
  return page;
}

// zlib's deflate with `window_bits`: 15 + 16 is gzip (RFC 1952), 15 the
// zlib format that HTTP calls "deflate" (RFC 9110 §8.4.1.2).
std::string Zlib(const std::string& plain, int window_bits) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, plain.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Brotli(const std::string& plain) {
  std::size_t size = BrotliEncoderMaxCompressedSize(plain.size());
  std::string out(size, '\0');
  BrotliEncoderCompress(2, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, plain.size(),
                        reinterpret_cast<const uint8_t*>(plain.data()), &size,
                        reinterpret_cast<uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

// Each built on first use only.
const std::string& Coded(const std::string& coding) {
  if (coding == "gzip") {
    static const std::string gzip = Zlib(CodedPlain(), 15 + 16);
    return gzip;
  }
  if (coding == "deflate") {
    static const std::string deflate = Zlib(CodedPlain(), 15);
    return deflate;
  }
  static const std::string br = Brotli(CodedPlain());
  return br;
}

// A head of about `total` bytes: field lines just under the line limit.
std::string BigHead(std::size_t total) {
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
      "Connection: close\r\n";
  for (int i = 0; head.size() + 2 < total; ++i) {
    const std::string name = "X-Big-" + std::to_string(i) + ": ";
    const std::size_t room = total - 2 - head.size();
    const std::size_t line = std::min(kLineLimit - 1024, room);
    head += name + std::string(line > name.size() + 2 ? line - name.size() - 2 : 1, 'h') + "\r\n";
  }
  return head + "\r\n";
}

std::string Head(int status, const char* reason, const std::string& type, std::size_t length,
                 const std::string& extra = "") {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(length) + "\r\n" + extra +
         "Connection: close\r\n\r\n";
}

// Answers the request with `head` + `content`.
Handler Always(std::string head, std::string content) {
  return [head = std::move(head), content = std::move(content)](int fd) {
    if (ReadHead(fd).empty()) return;
    if (SendAll(fd, head)) SendAll(fd, content);
  };
}

Handler Html(const std::string& content) {
  return [&content](int fd) {
    if (ReadHead(fd).empty()) return;
    if (SendAll(fd, Head(200, "OK", "text/html; charset=utf-8", content.size()))) {
      SendAll(fd, content);
    }
  };
}

Handler CodedHtml(std::string coding) {
  return [coding](int fd) {
    const std::string& bytes = Coded(coding);
    if (ReadHead(fd).empty()) return;
    if (SendAll(fd, Head(200, "OK", "text/html; charset=utf-8", bytes.size(),
                         "Content-Encoding: " + coding + "\r\nVary: Accept-Encoding\r\n"))) {
      SendAll(fd, bytes);
    }
  };
}

}  // namespace

void AddLargeResponses(Behaviours* b) {
  // The 8 MiB page of 100,000 links at "/" only; every other path is a 404,
  // so autodiscovery, finding no default it likes, walks the page's links.
  (*b)["large-html-root"] = [](int fd) {
    const std::string head = ReadHead(fd);
    if (head.empty()) return;
    const std::size_t sp = head.find(' ');
    const std::string target = head.substr(sp + 1, head.find(' ', sp + 1) - sp - 1);
    if (target == "/" || target.compare(0, 2, "/?") == 0) {
      if (SendAll(fd, Head(200, "OK", "text/html; charset=utf-8", Page().size()))) {
        SendAll(fd, Page());
      }
    } else {
      SendAll(fd, Head(404, "Not Found", "text/plain", 9) + "not found");
    }
  };
  // The same page in answer to every request.
  (*b)["large-every-route"] = Html(Page());
  // 8 MiB of one byte.
  (*b)["single-byte-run"] = Html(SingleByteRun());
  // 8 MiB of HTML with no line break at all.
  (*b)["no-newline"] = Html(NoNewline());
  // 100,000 nested <div> elements.
  (*b)["deep-nesting"] = Html(DeepNesting());
  // A head 512 bytes under the 1 MiB head limit, in lines under the line limit.
  (*b)["head-just-under-limit"] = Always(BigHead(kHeadLimit - 512), "ok");
  // The same, 512 bytes over it.
  (*b)["head-just-over-limit"] = Always(BigHead(kHeadLimit + 512), "ok");
  // One field value of 1 MiB: a line 16 times the line limit.
  (*b)["huge-field-value"] =
      Always("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Huge: " + std::string(kHeadLimit, 'v') +
                 "\r\nConnection: close\r\n\r\n",
             "ok");
  // 32 MiB of HTML, compressed (RFC 9110 §8.4.1): a few MB on the wire.
  (*b)["large-gzip"] = CodedHtml("gzip");
  (*b)["large-br"] = CodedHtml("br");
  (*b)["large-deflate"] = CodedHtml("deflate");
}

void PrepareLargeResponse(const std::string& behaviour) {
  if (behaviour == "large-html-root" || behaviour == "large-every-route") Page();
  if (behaviour == "single-byte-run") SingleByteRun();
  if (behaviour == "no-newline") NoNewline();
  if (behaviour == "deep-nesting") DeepNesting();
  if (behaviour == "large-gzip") Coded("gzip");
  if (behaviour == "large-br") Coded("br");
  if (behaviour == "large-deflate") Coded("deflate");
}

}  // namespace hostile
