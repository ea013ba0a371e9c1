// The operator table and the renderer. Each row of kOps is one named
// mutation with the verdict RFC 9112 (or RFC 9110) gives for what it
// produces; the verdict is what the oracle (oracle.cc) holds a server to, so
// a row is only kMust400 or kRejectOrRepair where the RFC says so in words,
// quoted in the row. Everything the RFC leaves open (unknown methods, odd
// targets, control characters other than CR/LF/NUL, oversize fields, invalid
// chunk sizes) is kUnusual: the oracle then only checks that the server
// answers at all and stays alive. The `diagnostic` column names the strict
// request parser's id for the same defect: the oracle applies a verdict only
// when the parser confirms it on the rendered bytes, so a combination of
// operators that cancels a defect (a Host removed twice, Content-Length
// overridden by Transfer-Encoding) is never held to the stronger rule.
#include "harness/netfuzz/mutators.h"

#include <algorithm>
#include <cstddef>
#include <functional>

#include "harness/core/renamed.h"

namespace httpconform::netfuzz {
namespace {

// Quotes, verbatim from RFC 9112 / RFC 9110 (whitespace normalised).
const char kQuoteHost[] =
    "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message "
    "that lacks a Host header field and to any request message that contains more than one Host "
    "header field line or a Host header field with an invalid field value.";
const char kQuoteSpaceColon[] =
    "A server MUST reject, with a response status code of 400 (Bad Request), any received request "
    "message that contains whitespace between a header field name and colon.";
const char kQuoteObsFold[] =
    "A server that receives an obs-fold in a request message that is not within a "
    "\"message/http\" container MUST either reject the message by sending a 400 (Bad Request), "
    "preferably with a representation explaining that obsolete line folding is unacceptable, or "
    "replace each received obs-fold with one or more SP octets prior to interpreting the field "
    "value or forwarding the message downstream.";
const char kQuoteCrLfNul[] =
    "a recipient of CR, LF, or NUL within a field value MUST either reject the message or replace "
    "each of those characters with SP before further processing or forwarding of that message.";
const char kQuoteBareCr[] =
    "A recipient of such a bare CR MUST consider that element to be invalid or replace each bare "
    "CR with SP before processing the element or forwarding the message.";
const char kQuoteInvalidCl[] =
    "If the unrecoverable error is in a request message, the server MUST respond with a 400 (Bad "
    "Request) status code and then close the connection.";
const char kQuoteTeNotLast[] =
    "If a Transfer-Encoding header field is present in a request and the chunked transfer coding "
    "is not the final encoding, the message body length cannot be determined reliably; the server "
    "MUST respond with the 400 (Bad Request) status code and then close the connection.";
const char kQuoteRequestLine[] =
    "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or "
    "a 301 (Moved Permanently) redirect with the request-target properly encoded.";
const char kQuoteAbsolute[] =
    "A server MUST accept the absolute-form in requests even though most HTTP/1.1 clients will "
    "only send the absolute-form to a proxy.";
// The clause that binds (a quote's keywords must be of its level only).
const char kQuotePipeline[] =
    "... but it MUST send the corresponding responses in the same order that the requests were "
    "received.";
const char kQuoteBareLf[] =
    "Although the line terminator for the start-line and fields is the sequence CRLF, a recipient "
    "MAY recognize a single LF as a line terminator and ignore any preceding CR.";

// What an operator does to the rendering state.
struct State {
  Message message;
  int pipelined = 0;  // Extra copies of the base after the mutated message.
  int pieces = 1;     // Segments to split the bytes into.
  int delay_ms = 0;   // Pause before each piece after the first.
  std::uint64_t split_seed = 0;
};

using Apply = std::function<void(State&, std::uint64_t, const BaseTarget&)>;

struct Op {
  OperatorInfo info;
  Apply apply;
};

RawField* FindField(Message& m, const std::string& name) {
  for (RawField& f : m.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

void RemoveField(Message& m, const std::string& name) {
  m.fields.erase(std::remove_if(m.fields.begin(), m.fields.end(),
                                [&](const RawField& f) { return f.name == name; }),
                 m.fields.end());
}

// Inserts a field before the last one (Connection: close stays last, so the
// mutated line is never the final one and the head still ends cleanly).
void InsertField(Message& m, RawField field) {
  auto at = m.fields.empty() ? m.fields.end() : m.fields.end() - 1;
  m.fields.insert(at, std::move(field));
}

// Makes sure the message carries content framed by Content-Length.
void EnsureContent(Message& m) {
  if (m.content.empty()) {
    m.content = "hello";
    if (!FindField(m, "Content-Length")) InsertField(m, {"Content-Length", ": ", "5"});
  }
}

// Replaces Content-Length framing with chunked framing of the same content.
void MakeChunked(Message& m, const std::string& te_value, const std::string& size_text,
                 bool keep_cl) {
  EnsureContent(m);
  std::string content = m.content;
  if (!keep_cl) RemoveField(m, "Content-Length");
  InsertField(m, {"Transfer-Encoding", ": ", te_value});
  m.content = size_text + "\r\n" + content + "\r\n0\r\n\r\n";
}

std::string Hex(std::size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[n % 16]);
    n /= 16;
  } while (n);
  return out;
}

template <std::size_t N>
const char* Pick(const char* const (&choices)[N], std::uint64_t p) {
  return choices[std::min<std::uint64_t>(p, N - 1)];
}

OperatorInfo Info(const char* name, const char* category, Verdict verdict, int rfc,
                  const char* section, const char* level, const char* quote, const char* diag,
                  std::uint64_t max_param) {
  return OperatorInfo{name, category, verdict, Rule{rfc, section, level, quote}, diag, max_param};
}

std::vector<Op> BuildOps() {
  std::vector<Op> ops;
  auto add = [&](OperatorInfo info, Apply apply) {
    ops.push_back({std::move(info), std::move(apply)});
  };
  const Verdict kV = Verdict::kValid, kU = Verdict::kUnusual, kR = Verdict::kRejectOrRepair,
                kM = Verdict::kMust400;

  // --- Request line (RFC 9112 §3).
  add(Info("method-unknown", "request-line", kV, 9110, "9.1", "", "", "", 3),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kM[] = {"FOO", "get", "PROPFIND", "X-Y.Z!"};
        s.message.method = Pick(kM, p);
      });
  add(Info("invalid-method", "request-line", kU, 9112, "3", "SHOULD", kQuoteRequestLine,
           "request-line.invalid-method", 3),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kM[] = {"GE(T", "GET\x01", "G\"ET", "GE\x7fT"};
        s.message.method = Pick(kM, p);
      });
  add(Info("target-absolute", "request-line", kV, 9112, "3.2.2", "MUST", kQuoteAbsolute, "", 0),
      [](State& s, std::uint64_t, const BaseTarget& t) {
        s.message.target = "http://" + t.authority + s.message.target;
      });
  add(Info("invalid-target", "request-line", kU, 9112, "3", "SHOULD", kQuoteRequestLine, "", 4),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kT[] = {"<x>", "a b", "\x01", "#frag", "%zz\"'"};
        s.message.target += Pick(kT, p);
      });
  add(Info("target-asterisk", "request-line", kU, 9112, "3.2.4", "", "", "", 0),
      [](State& s, std::uint64_t, const BaseTarget&) { s.message.target = "*"; });
  add(Info("target-oversize", "request-line", kU, 9112, "3", "", "", "", 64 * 1024),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        s.message.target += "?" + std::string(static_cast<std::size_t>(p) + 1, 'a');
      });
  add(Info("version-variant", "request-line", kU, 9112, "2.3", "", "", "", 6),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kVs[] = {"HTTP/1.0", "http/1.1",  "HTTP/1.2", "HTTP/2.0",
                                          "HTTP/11",  "HTTP/1.1x", "HTTP/ 1.1"};
        s.message.version = Pick(kVs, p);
      });
  add(Info("request-line-whitespace", "request-line", kU, 9112, "3", "SHOULD", kQuoteRequestLine,
           "", 4),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kW[] = {"  ", "\t", " \t", "\x0b", "\x0c"};
        if (p % 2) {
          s.message.sp2 = Pick(kW, p);
        } else {
          s.message.sp1 = Pick(kW, p);
        }
      });
  add(Info("line-end-bare-lf", "request-line", kU, 9112, "2.2", "MAY", kQuoteBareLf, "", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        if (p == 0) {
          s.message.line_end = "\n";
        } else if (p == 1 && !s.message.fields.empty()) {
          s.message.fields.front().line_end = "\n";
        } else {
          s.message.head_end = "\n";
        }
      });
  add(Info("line-end-bare-cr", "request-line", kR, 9112, "2.2", "MUST", kQuoteBareCr,
           "line.bare-cr", 1),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        // A bare CR inside a line: the element is invalid (or CR becomes SP).
        if (p == 0 && !s.message.fields.empty()) {
          s.message.fields.front().value += "\rX";
        } else {
          s.message.target += "\rX";
        }
      });

  // --- Fields (RFC 9112 §5, RFC 9110 §5).
  add(Info("obs-fold", "fields", kR, 9112, "5.2", "MUST", kQuoteObsFold, "field.obs-fold", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kF[] = {"a\r\n b", "a\r\n\tb", "a\r\n   \t b"};
        InsertField(s.message, {"X-Fuzz", ": ", Pick(kF, p)});
      });
  add(Info("space-before-colon", "fields", kM, 9112, "5.1", "MUST", kQuoteSpaceColon,
           "field.space-before-colon", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kS[] = {" :", "\t:", "  :"};
        InsertField(s.message, {"X-Fuzz", std::string(Pick(kS, p)) + " ", "1"});
      });
  add(Info("ctl-in-value", "fields", kR, 9110, "5.5", "MUST", kQuoteCrLfNul, "field.invalid-char",
           1),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        // NUL (p = 0) and a bare CR (p = 1): reject or replace with SP.
        InsertField(s.message, {"X-Fuzz", ": ", p == 0 ? std::string("a\0b", 3) : "a\rb"});
      });
  add(Info("other-ctl-in-value", "fields", kU, 9110, "5.5", "MAY", "", "", 3),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        // The hex escape ends at the literal's end: "a\x01" "b" is a, 0x01, b.
        static const char* const kC[] = {("a\x01"
                                          "b"),
                                         "a\x1b[0m", "a\x7f", "a\nb"};
        InsertField(s.message, {"X-Fuzz", ": ", Pick(kC, p)});
      });
  add(Info("ctl-in-name", "fields", kU, 9110, "5.1", "", "", "field.invalid-name", 4),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kN[] = {("X\x01"
                                          "Fuzz"),
                                         "X Fuzz", "X(Fuzz)", "X\x7f", "X\rFuzz"};
        InsertField(s.message, {Pick(kN, p), ": ", "1"});
      });
  add(Info("nul-in-name", "fields", kU, 9110, "5.1", "", "", "field.invalid-name", 0),
      [](State& s, std::uint64_t, const BaseTarget&) {
        InsertField(s.message, {std::string("X\0Fuzz", 6), ": ", "1"});
      });
  add(Info("empty-or-colonless-line", "fields", kU, 9112, "5", "", "", "", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        if (p == 0) {
          InsertField(s.message, {"", ": ", "1"});
        } else if (p == 1) {
          InsertField(s.message, {"X-Fuzz", "", ""});
        } else {
          InsertField(s.message, {"X-Fuzz", "", " no colon"});
        }
      });
  add(Info("oversize-name", "fields", kU, 9110, "5.4", "", "", "", 64 * 1024),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        InsertField(s.message,
                    {"X-" + std::string(static_cast<std::size_t>(p) + 1, 'N'), ": ", "1"});
      });
  add(Info("oversize-value", "fields", kU, 9110, "5.4", "", "", "", 96 * 1024),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        InsertField(s.message, {"X-Fuzz", ": ", std::string(static_cast<std::size_t>(p) + 1, 'v')});
      });
  add(Info("duplicate-field", "fields", kV, 9110, "5.3", "", "", "", 0),
      [](State& s, std::uint64_t, const BaseTarget&) {
        InsertField(s.message, {"Accept", ": ", "*/*"});
        InsertField(s.message, {"Accept", ": ", "text/plain"});
      });
  add(Info("host-duplicate", "fields", kM, 9112, "3.2", "MUST", kQuoteHost,
           "request.host-duplicate", 1),
      [](State& s, std::uint64_t p, const BaseTarget& t) {
        InsertField(s.message, {"Host", ": ", p == 0 ? t.authority : "example.invalid"});
      });
  add(Info("host-missing", "fields", kM, 9112, "3.2", "MUST", kQuoteHost, "request.host-missing",
           0),
      [](State& s, std::uint64_t, const BaseTarget&) { RemoveField(s.message, "Host"); });
  add(Info("host-invalid", "fields", kM, 9112, "3.2", "MUST", kQuoteHost, "request.host-invalid",
           2),
      [](State& s, std::uint64_t p, const BaseTarget& t) {
        static const char* const kH[] = {"a b", "a/b", "[::1"};
        if (RawField* f = FindField(s.message, "Host")) f->value = Pick(kH, p);
      });

  // --- Framing (RFC 9112 §6, §7).
  add(Info("cl-conflict", "framing", kM, 9112, "6.3", "MUST", kQuoteInvalidCl,
           "framing.conflicting-content-length", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        EnsureContent(s.message);
        const std::string n = std::to_string(s.message.content.size());
        const std::string other = std::to_string(s.message.content.size() + 1);
        RawField* cl = FindField(s.message, "Content-Length");
        if (p == 0 || cl == nullptr) {
          InsertField(s.message, {"Content-Length", ": ", other});
        } else if (p == 1) {
          cl->value = n + ", " + other;
        } else {
          cl->value = other + "," + n;
        }
      });
  add(Info("cl-invalid", "framing", kM, 9112, "6.3", "MUST", kQuoteInvalidCl,
           "framing.invalid-content-length", 6),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        EnsureContent(s.message);
        const std::string n = std::to_string(s.message.content.size());
        std::string v;
        switch (p) {
          case 0:
            v = "+" + n;
            break;
          case 1:
            v = "-" + n;
            break;
          case 2:
            v = "0x" + Hex(s.message.content.size());
            break;
          case 3:
            v = n + " " + n;
            break;
          case 4:
            v = n + "x";
            break;
          case 5:
            v = "";
            break;
          default:
            v = n + ".0";
            break;
        }
        if (RawField* cl = FindField(s.message, "Content-Length")) cl->value = v;
      });
  add(Info("cl-unusual", "framing", kV, 9112, "6.2", "", "", "", 3),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        // Valid spellings: leading zeros, OWS padding, an identical repeat.
        EnsureContent(s.message);
        const std::string n = std::to_string(s.message.content.size());
        RawField* cl = FindField(s.message, "Content-Length");
        if (cl == nullptr) return;
        if (p == 0) cl->value = "000" + n;
        if (p == 1) cl->value = " \t" + n + " \t";
        if (p >= 2) InsertField(s.message, {"Content-Length", ": ", n});
      });
  add(Info("cl-overflow", "framing", kU, 9112, "6.3", "", "", "", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kO[] = {"18446744073709551621", "99999999999999999999999",
                                         "4294967301"};
        EnsureContent(s.message);
        if (RawField* cl = FindField(s.message, "Content-Length")) cl->value = Pick(kO, p);
      });
  add(Info("te-chunked", "framing", kV, 9112, "6.1", "", "", "", 3),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        // Obfuscated but valid spellings: case, OWS around the value.
        static const char* const kT[] = {"chunked", "Chunked", " chunked", "chunked\t"};
        MakeChunked(s.message, Pick(kT, p), Hex(std::max<std::size_t>(s.message.content.size(), 5)),
                    false);
      });
  add(Info("te-not-chunked-last", "framing", kM, 9112, "6.3", "MUST", kQuoteTeNotLast, "", 2),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kT[] = {"chunked, identity", "xchunked", "chunked, gzip"};
        MakeChunked(s.message, Pick(kT, p), "5", false);
      });
  add(Info("cl-and-te", "framing", kU, 9112, "6.3", "", "", "framing.cl-and-te", 3),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kT[] = {"chunked", " chunked", "chunked\t", "CHUNKED"};
        MakeChunked(s.message, Pick(kT, p), "5", true);
      });
  add(Info("invalid-chunk-size", "framing", kU, 9112, "7.1", "", "", "framing.invalid-chunk-size",
           6),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        static const char* const kC[] = {"+5", "-5", "0x5", " 5", "5 ", "10000000000000005", "g"};
        MakeChunked(s.message, "chunked", Pick(kC, p), false);
      });
  add(Info("chunk-size-leading-zeros", "framing", kV, 9112, "7.1", "", "", "", 0),
      [](State& s, std::uint64_t, const BaseTarget&) {
        MakeChunked(s.message, "chunked", "0000005", false);
      });
  add(Info("chunk-bare-line-end", "framing", kU, 9112, "7.1", "", "", "", 1),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        MakeChunked(s.message, "chunked", "5", false);
        // The CRLF after the chunk size as a bare LF or a bare CR.
        s.message.content.replace(1, 2, p == 0 ? "\n" : "\r");
      });

  // --- Segmentation and pipelining (RFC 9112 §2.1, §9.3.2).
  add(Info("segment", "segmentation", kV, 9112, "2.1", "", "", "", 15),
      [](State& s, std::uint64_t p, const BaseTarget&) {
        s.pieces = 2 + static_cast<int>(p % 4);
        // 1 ms between pieces: with TCP_NODELAY each piece is its own
        // segment, and the server reads it before the next arrives, which is
        // what §2.1 asks it to cope with. Longer gaps (2-17 ms were used)
        // tested nothing more and were most of a campaign's time
        // (bench/netfuzz_vs_wrk.sh); the parameter still varies the number
        // of pieces and where the cuts fall.
        s.delay_ms = 1;
        s.split_seed = p * 2654435761u + 17;
      });
  add(Info("pipeline", "pipelining", kV, 9112, "9.3.2", "MUST", kQuotePipeline, "", 1),
      [](State& s, std::uint64_t p, const BaseTarget&) { s.pipelined = 1 + static_cast<int>(p); });
  return ops;
}

const std::vector<Op>& Ops() {
  static const std::vector<Op>* const kOps = new std::vector<Op>(BuildOps());
  return *kOps;
}

}  // namespace

std::string Serialize(const Message& m) {
  std::string out = m.method + m.sp1 + m.target + m.sp2 + m.version + m.line_end;
  for (const RawField& f : m.fields) out += f.name + f.separator + f.value + f.line_end;
  out += m.head_end;
  out += m.content;
  return out;
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kValid:
      return "valid";
    case Verdict::kUnusual:
      return "unusual";
    case Verdict::kRejectOrRepair:
      return "reject-or-repair";
    case Verdict::kMust400:
      return "must-400";
  }
  return "valid";
}

Message BaseMessage(const BaseTarget& target, bool post, bool close) {
  Message m;
  m.method = post ? "POST" : "GET";
  m.target = target.path.empty() ? "/" : target.path;
  m.fields.push_back({"Host", ": ", target.authority});
  m.fields.push_back({"User-Agent", ": ", "httpconform-fuzz"});
  if (post) {
    m.content = "hello";
    m.fields.push_back({"Content-Type", ": ", "text/plain"});
    m.fields.push_back({"Content-Length", ": ", "5"});
  }
  // Last on purpose: InsertField() puts mutated lines before it.
  m.fields.push_back({"Connection", ": ", close ? "close" : "keep-alive"});
  return m;
}

Rendered Render(const Plan& plan, const BaseTarget& target) {
  State state;
  // A pipelined message must leave the connection open for the next one;
  // find out first whether the plan pipelines.
  bool pipelines = false;
  for (const Mutation& mu : plan.mutations) {
    if (mu.op >= 0 && mu.op < static_cast<int>(Ops().size()) &&
        Ops()[mu.op].info.category == "pipelining") {
      pipelines = true;
    }
  }
  state.message = BaseMessage(target, plan.post, !pipelines);
  Rendered out;
  for (const Mutation& mu : plan.mutations) {
    if (mu.op < 0 || mu.op >= static_cast<int>(Ops().size())) continue;
    const Op& op = Ops()[mu.op];
    op.apply(state, std::min(mu.param, op.info.max_param), target);
    if (op.info.verdict > out.verdict) {
      out.verdict = op.info.verdict;
      out.verdict_op = mu.op;
    }
  }
  out.first_message = Serialize(state.message);
  out.head_request = state.message.method == "HEAD";
  out.bytes = out.first_message;
  out.requests = 1 + state.pipelined;
  for (int i = 0; i < state.pipelined; ++i) {
    // The last copy asks to close, so a conforming server ends the exchange.
    out.bytes += Serialize(BaseMessage(target, false, i + 1 == state.pipelined));
  }
  // Split points from the operator's parameter only: no hidden randomness.
  std::vector<std::size_t> cuts;
  std::uint64_t x = state.split_seed;
  for (int i = 1; i < state.pieces && out.bytes.size() > 1; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    cuts.push_back(1 + static_cast<std::size_t>((x >> 33) % (out.bytes.size() - 1)));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    out.segments.push_back({out.bytes.substr(from, cut - from), from == 0 ? 0 : state.delay_ms});
    from = cut;
  }
  out.segments.push_back({out.bytes.substr(from), from == 0 ? 0 : state.delay_ms});
  return out;
}

const std::vector<OperatorInfo>& AllOperators() {
  static const std::vector<OperatorInfo>* const kInfos = [] {
    auto* v = new std::vector<OperatorInfo>();
    for (const Op& op : Ops()) v->push_back(op.info);
    return v;
  }();
  return *kInfos;
}

const char* CurrentOperatorName(const std::string& name) {
  // Earlier names, renamed so that an operator, the wire diagnostic that
  // confirms its verdict and the reference server's fault for the same rule
  // say it in the same words (harness/netfuzz/names_test.cc).
  static const core::Renamed kRenamed[] = {
      {"te-and-cl", "cl-and-te"},
      {"chunk-size-invalid", "invalid-chunk-size"},
      {"method-invalid-char", "invalid-method"},
      {"target-invalid", "invalid-target"},
      {"duplicate-host", "host-duplicate"},
      {"missing-host", "host-missing"},
      {"invalid-host", "host-invalid"},
  };
  return core::CurrentName(name, kRenamed);
}

int FindOperator(const std::string& name) {
  const auto& ops = AllOperators();
  const char* current = CurrentOperatorName(name);
  const std::string& wanted = current != nullptr ? std::string(current) : name;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].name == wanted) return static_cast<int>(i);
  }
  return -1;
}

bool ParseShard(const std::string& text, Shard* shard) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size() || slash > 4 ||
      text.size() - slash - 1 > 4) {
    return false;
  }
  int parts[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    const std::string digits = i == 0 ? text.substr(0, slash) : text.substr(slash + 1);
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1 || parts[1] < parts[0] || parts[1] > kMaxShards) return false;
  shard->index = parts[0];
  shard->count = parts[1];
  return true;
}

// Skipping the other shards' plans costs their generation only (no
// rendering, no traffic): microseconds against a network exchange.
ShardPlans::ShardPlans(std::uint64_t seed, Shard shard) : generator_(seed), shard_(shard) {
  for (int i = 1; i < shard_.index; ++i) generator_.Next();
}

Plan ShardPlans::Next() {
  Plan plan = generator_.Next();
  for (int i = 1; i < shard_.count; ++i) generator_.Next();
  return plan;
}

Plan PlanGenerator::Next() {
  Plan plan;
  plan.post = (rng_() & 1) != 0;
  const int count = 1 + static_cast<int>(rng_() % 3);
  const std::uint64_t n_ops = AllOperators().size();
  for (int i = 0; i < count; ++i) {
    Mutation mu;
    mu.op = static_cast<int>(rng_() % n_ops);
    const std::uint64_t max = AllOperators()[mu.op].max_param;
    // Sizes: mostly small, sometimes near the top (oversize fields and
    // targets are only interesting around server limits).
    const std::uint64_t r = rng_();
    if (max > 64 && (r & 3) != 0) {
      mu.param = (r >> 2) % 64;
    } else {
      mu.param = (r >> 2) % (max + 1);
    }
    plan.mutations.push_back(mu);
  }
  return plan;
}

std::string DescribePlan(const Plan& plan) {
  std::string out = plan.post ? "POST" : "GET";
  for (const Mutation& mu : plan.mutations) {
    out += " + ";
    out += mu.op >= 0 && mu.op < static_cast<int>(AllOperators().size())
               ? AllOperators()[mu.op].name
               : "?";
    out += "(" + std::to_string(mu.param) + ")";
  }
  return out;
}

}  // namespace httpconform::netfuzz
