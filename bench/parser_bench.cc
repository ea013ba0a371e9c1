// Response-parser throughput, side by side: our strict parser
// (wire::ParseResponse, every diagnostic check on: there is no way to turn
// them off) against llhttp 8.1 and http-parser 2.9.4 in the same binary, on
// the same inputs, in the same run. Figures are only meaningful as ratios
// between the three (bench/parser_ratios.py prints them).
//
// Equivalent work: the two C parsers get callbacks that record what our
// parser keeps — status code, reason phrase, every field name and value (as
// spans into the input, the cheapest faithful record; ours copies them into
// its arena, which is more work), the Content-Length, the decoded content
// (appended to a reused buffer, as ours appends to its content buffer) and
// completion. Each side reuses its state across messages (the C parsers'
// Record, our ResponseParser through Reset()). Three more rows put that in
// context: llhttp with no callbacks (its ceiling, recording nothing), and
// both parsers followed by building the owned core::Response the transports
// hand on (ParseResponse for ours). Before any timing, main() parses every
// input with all of them and checks they agree on status, field count,
// content size and completion, so a benchmark cannot silently measure a
// parser that stopped early.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench/c_parsers.h"
#include "harness/wire/response_parser.h"

namespace {

using httpconform::bench::ParseHttpParser;
using httpconform::bench::ParseLlhttp;
using httpconform::bench::Record;
using httpconform::bench::Summary;

// ---------------------------------------------------------------- inputs ---

// 601 bytes: a 301 as nginx sends it, 11 fields, 219-byte body.
const std::string& Moved301() {
  static const std::string text = [] {
    const std::string body =
        "<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n"
        "<center><h1>301 Moved Permanently</h1></center>\r\n"
        "<p>The document has moved <a href=\"/doc/\">here</a>.</p>\r\n"
        "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return "HTTP/1.1 301 Moved Permanently\r\n"
           "Server: nginx/1.22.1\r\n"
           "Date: Sat, 21 Nov 2026 22:22:01 GMT\r\n"
           "Content-Type: text/html\r\n"
           "Content-Length: " +
           std::to_string(body.size()) +
           "\r\n"
           "Connection: keep-alive\r\n"
           "Location: https://www.example.com/docs/welcome/\r\n"
           "Cache-Control: max-age=3600\r\n"
           "Expires: Sat, 21 Nov 2026 23:22:01 GMT\r\n"
           "Strict-Transport-Security: max-age=31536000\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Vary: Accept-Encoding\r\n"
           "\r\n" +
           body;
  }();
  return text;
}

// The smallest response a server sends.
const std::string& NoContent204() {
  static const std::string text = "HTTP/1.1 204 No Content\r\n\r\n";
  return text;
}

// A head of exactly 4096 bytes (cookies, tracing, CSP: what CDNs send), no content.
const std::string& Head4KiB() {
  static const std::string text = [] {
    std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nContent-Type: text/plain\r\n";
    const std::string tail = "Cache-Control: no-store\r\n\r\n";
    for (int i = 0; head.size() + tail.size() + 96 < 4096; ++i) {
      char line[128];
      std::snprintf(line, sizeof line,
                    "Set-Cookie: session_%02d=a8f3c91e7b2d4f60a8f3c91e7b2d4f60; Path=/; "
                    "Secure; HttpOnly\r\n",
                    i);
      head += line;
    }
    // Pad the last field value so that the head is exactly 4 KiB.
    const std::size_t need = 4096 - head.size() - tail.size() - std::string("X-Pad: \r\n").size();
    head += "X-Pad: " + std::string(need, 'p') + "\r\n" + tail;
    return head;
  }();
  return text;
}

// Chunked content of 256 chunks of 18 bytes (a streamed JSON response).
const std::string& ManyChunks() {
  static const std::string text = [] {
    std::string s =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 256; ++i)
      s += "12\r\n{\"seq\":" + std::to_string(1000 + i) + ",\"v\":1}\r\n";
    s += "0\r\n\r\n";
    return s;
  }();
  return text;
}

struct Input {
  const char* name;
  const std::string& (*text)();
};
const Input kInputs[] = {{"301_601B", Moved301},
                         {"204_min", NoContent204},
                         {"head_4KiB", Head4KiB},
                         {"chunked_256x18", ManyChunks}};

// ------------------------------------------------------------ httpconform ---

// One parser reused across messages, as the C parsers' callbacks reuse one
// Record: Reset() keeps the buffers, so the steady state allocates nothing.
Summary ParseOurs(std::string_view bytes, httpconform::wire::ResponseParser* parser) {
  parser->Reset();
  const std::size_t used = parser->Feed(bytes);
  parser->FinishEof();
  parser->RecordTrailingBytes(bytes.size() - used);
  return Summary{parser->status(), parser->field_count(), parser->content().size(),
                 parser->complete()};
}

// ------------------------------------------------------------ benchmarks ---

void SetCounters(benchmark::State& state, std::size_t size) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BmOurs(benchmark::State& state, const Input* input) {
  const std::string& text = input->text();
  httpconform::wire::ResponseParser parser;
  for (auto _ : state) {
    Summary s = ParseOurs(text, &parser);
    benchmark::DoNotOptimize(s);
  }
  SetCounters(state, text.size());
}

// Ours plus building the owned core::Response that the transports hand on
// (TakeResponse), the parser reused as above: compare with llhttp+Response.
void BmOursToResponse(benchmark::State& state, const Input* input) {
  const std::string& text = input->text();
  httpconform::wire::ResponseParser parser;
  for (auto _ : state) {
    ParseOurs(text, &parser);
    httpconform::core::Response r = parser.TakeResponse();
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state, text.size());
}

void BmLlhttp(benchmark::State& state, const Input* input) {
  const std::string& text = input->text();
  Record record;
  for (auto _ : state) {
    Summary s = ParseLlhttp(text, &record);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(record);
  }
  SetCounters(state, text.size());
}

// llhttp plus building the same owned core::Response ours returns (strings
// for version, reason, every name and value; a copy of the content): how
// much of the difference is the data model rather than the parsing.
httpconform::core::Response LlhttpToResponse(std::string_view bytes, Record* record) {
  ParseLlhttp(bytes, record);
  httpconform::core::Response r;
  r.head.version.assign(bytes.data(), std::min<std::size_t>(8, bytes.size()));
  r.head.status = record->status;
  r.head.reason.assign(record->reason.at ? record->reason.at : "", record->reason.size);
  r.head.fields.reserve(record->names.size());
  for (std::size_t i = 0; i < record->names.size() && i < record->values.size(); ++i) {
    r.head.fields.push_back(
        httpconform::core::Field{std::string(record->names[i].at, record->names[i].size),
                                 std::string(record->values[i].at, record->values[i].size)});
  }
  r.content = record->content;
  r.content_size = r.content.size();
  r.complete = record->complete;
  return r;
}

void BmLlhttpToResponse(benchmark::State& state, const Input* input) {
  const std::string& text = input->text();
  Record record;
  for (auto _ : state) {
    httpconform::core::Response r = LlhttpToResponse(text, &record);
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state, text.size());
}

void BmLlhttpBare(benchmark::State& state, const Input* input) {
  const std::string& text = input->text();
  for (auto _ : state) {
    Summary s = httpconform::bench::ParseLlhttpBare(text);
    benchmark::DoNotOptimize(s);
  }
  SetCounters(state, text.size());
}

void BmHttpParser(benchmark::State& state, const Input* input) {
  const std::string& text = input->text();
  Record record;
  for (auto _ : state) {
    Summary s = ParseHttpParser(text, &record);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(record);
  }
  SetCounters(state, text.size());
}

// Every parser must see the same message before its speed means anything.
bool CheckAgreement() {
  bool ok = true;
  Record record;
  for (const Input& input : kInputs) {
    const std::string& text = input.text();
    httpconform::wire::ResponseParser parser;
    const Summary ours = ParseOurs(text, &parser);
    const Summary ll = ParseLlhttp(text, &record);
    const Summary hp = ParseHttpParser(text, &record);
    const Summary bare = httpconform::bench::ParseLlhttpBare(text);
    if (bare.status != ours.status || bare.complete != ours.complete) {
      std::fprintf(stderr, "%s: llhttp without callbacks disagrees\n", input.name);
      ok = false;
    }
    for (const Summary* other : {&ll, &hp}) {
      if (other->status != ours.status || other->fields != ours.fields ||
          other->content != ours.content || other->complete != ours.complete || !ours.complete) {
        std::fprintf(stderr, "parsers disagree on %s: ours %d/%zu/%zu/%d, other %d/%zu/%zu/%d\n",
                     input.name, ours.status, ours.fields, ours.content, ours.complete,
                     other->status, other->fields, other->content, other->complete);
        ok = false;
      }
    }
    const httpconform::core::Response r = httpconform::wire::ParseResponse(text);
    if (r.head.status != ours.status || r.head.fields.size() != ours.fields ||
        r.content.size() != ours.content || r.complete != ours.complete) {
      std::fprintf(stderr, "%s: the reused parser and ParseResponse disagree\n", input.name);
      ok = false;
    }
    if (!r.diagnostics.empty()) {
      std::fprintf(stderr, "%s: unexpected diagnostic %s\n", input.name,
                   r.diagnostics.front().id.c_str());
      ok = false;
    }
  }
  // The sizes the benchmark promises.
  if (Moved301().size() != 601 || Head4KiB().find("\r\n\r\n") + 4 != 4096) {
    std::fprintf(stderr, "input sizes drifted: 301 is %zu bytes\n", Moved301().size());
    ok = false;
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (!CheckAgreement()) return 1;
  for (const Input& input : kInputs) {
    const std::string prefix = std::string("parse/") + input.name + "/";
    benchmark::RegisterBenchmark((prefix + "httpconform").c_str(), BmOurs, &input);
    benchmark::RegisterBenchmark((prefix + "llhttp").c_str(), BmLlhttp, &input);
    benchmark::RegisterBenchmark((prefix + "http_parser").c_str(), BmHttpParser, &input);
    benchmark::RegisterBenchmark((prefix + "llhttp_no_callbacks").c_str(), BmLlhttpBare, &input);
    benchmark::RegisterBenchmark((prefix + "httpconform+Response").c_str(), BmOursToResponse,
                                 &input);
    benchmark::RegisterBenchmark((prefix + "llhttp+Response").c_str(), BmLlhttpToResponse, &input);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
