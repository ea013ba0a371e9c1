#include "harness/proxy/origin.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "harness/server/reply.h"
#include "harness/server/semantics.h"
#include "harness/wire/request_parser.h"

namespace httpconform::proxy {
namespace {

constexpr int kMaxConnections = 256;
constexpr int kIdleMs = 10000;            // Between requests, and per read.
constexpr int kWriteMs = 10000;           // To send one answer.
constexpr int kMaxHangMs = 600000;        // A hang ends with its step, or after this.
constexpr std::size_t kMaxRecords = 100;  // Per tag.
constexpr std::size_t kUntaggedKept = 20;
constexpr char kTagPrefix[] = "/__hc/";
constexpr char kTagField[] = "Httpconform-Tag";

bool IsTagChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

std::string Reason(int status) {
  const char* r = server::ReasonPhrase(status);
  return r != nullptr && *r != '\0' ? r : "Unknown";
}

std::string StatusLine(int status) {
  return "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) + "\r\n";
}

std::string Hex(std::size_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%zx", n);
  return buf;
}

core::OriginRecord RecordOf(const wire::Request& r, bool malformed) {
  core::OriginRecord rec;
  rec.method = r.method;
  rec.target = r.target;
  rec.version = r.version;
  rec.fields = r.fields;
  rec.content_length = r.content.size();
  rec.framing = r.chunked                                     ? "chunked"
                : core::FindField(r.fields, "Content-Length") ? "content-length"
                                                              : "none";
  rec.tag = TagOf(r.target, r.fields);
  rec.malformed = malformed;
  return rec;
}

}  // namespace

std::string TagOf(const std::string& target, const core::Fields& fields) {
  const std::size_t at = target.find(kTagPrefix);
  if (at != std::string::npos) {
    std::size_t end = at + sizeof kTagPrefix - 1;
    const std::size_t start = end;
    while (end < target.size() && IsTagChar(target[end])) ++end;
    if (end > start) return target.substr(start, end - start);
  }
  const core::Field* f = core::FindField(fields, kTagField);
  return f ? f->value : "";
}

std::string BuildOriginResponse(const core::OriginScript& script, bool head_request,
                                bool http10_request) {
  std::string out;
  // The origin keeps §15.2 itself, so that an intermediary that forwards
  // as HTTP/1.0 is never judged on 1xx it should not have been sent.
  if (!http10_request) {
    for (int status : script.interim) out += StatusLine(status) + "\r\n";
  }
  out += StatusLine(script.status);
  bool framed = false;
  for (const core::Field& f : script.headers) {
    if (core::EqualsIgnoreCase(f.name, "Content-Length") ||
        core::EqualsIgnoreCase(f.name, "Transfer-Encoding")) {
      framed = true;
    }
  }
  if (!core::FindField(script.headers, "Date")) {
    out += "Date: " + server::FormatHttpDate(std::time(nullptr)) + "\r\n";
  }
  for (const core::Field& f : script.headers) out += f.name + ": " + f.value + "\r\n";
  // RFC 9110 §6.4.1: no content in 1xx, 204 and 304, nor to HEAD.
  const bool no_content =
      head_request || script.status < 200 || script.status == 204 || script.status == 304;
  if (!framed && !no_content) {
    out += script.chunked ? "Transfer-Encoding: chunked\r\n"
                          : "Content-Length: " + std::to_string(script.content.size()) + "\r\n";
  }
  if (script.close_after) out += "Connection: close\r\n";
  out += "\r\n";
  if (no_content) return out;
  if (!script.chunked) return out + script.content;
  if (!script.content.empty()) out += Hex(script.content.size()) + "\r\n" + script.content + "\r\n";
  out += "0\r\n";
  for (const core::Field& f : script.trailers) out += f.name + ": " + f.value + "\r\n";
  return out + "\r\n";
}

core::Expected<std::unique_ptr<ScriptedOrigin>> ScriptedOrigin::Start(const std::string& host,
                                                                      int port) {
  std::unique_ptr<ScriptedOrigin> origin(new ScriptedOrigin());
  ScriptedOrigin* self = origin.get();
  core::Expected<std::unique_ptr<Listener>> l =
      Listener::Start(host, port, kMaxConnections,
                      [self](int fd, const std::atomic<bool>& stop) { self->Serve(fd, stop); });
  if (!l) return l.error();
  origin->listener_ = std::move(*l);
  return origin;
}

ScriptedOrigin::~ScriptedOrigin() { Stop(); }

void ScriptedOrigin::Stop() {
  if (listener_) listener_->Stop();
}

void ScriptedOrigin::Begin(const std::string& tag, const core::OriginScript& script) {
  std::lock_guard<std::mutex> lock(mutex_);
  tags_[tag] = Entry{script, {}};
}

std::vector<core::OriginRecord> ScriptedOrigin::End(const std::string& tag) {
  std::vector<core::OriginRecord> records;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tags_.find(tag);
    if (it == tags_.end()) return records;
    records = std::move(it->second.records);
    tags_.erase(it);
  }
  ended_.notify_all();
  return records;
}

std::size_t ScriptedOrigin::untagged_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return untagged_count_;
}

std::vector<std::string> ScriptedOrigin::untagged() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return untagged_;
}

std::optional<core::OriginScript> ScriptedOrigin::Arrived(const core::OriginRecord& record) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = record.tag.empty() ? tags_.end() : tags_.find(record.tag);
  if (it == tags_.end()) {
    ++untagged_count_;
    if (untagged_.size() < kUntaggedKept) untagged_.push_back(record.method + " " + record.target);
    return std::nullopt;
  }
  if (it->second.records.size() < kMaxRecords) it->second.records.push_back(record);
  return it->second.script;
}

void ScriptedOrigin::Wait(const std::string& tag, int ms, const std::atomic<bool>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop && tags_.count(tag) && std::chrono::steady_clock::now() < deadline) {
    // Slices, so that a stop (an atomic, not under the mutex) is seen.
    ended_.wait_for(lock, std::chrono::milliseconds(100));
  }
}

void ScriptedOrigin::Serve(int fd, const std::atomic<bool>& stop) {
  std::string buf;
  while (!stop) {
    wire::RequestParser parser;
    ReadHooks hooks;
    // RFC 9110 §10.1.1: an origin that will read the content may send 100
    // (Continue) to a 100-continue expectation; it does, so that a case sees
    // whether an intermediary forwarded the head before the content.
    hooks.on_head = [&](const wire::Request& head, std::size_t pending) {
      if (pending == 0 && ExpectsContinue(head)) {
        WriteAll(fd, "HTTP/1.1 100 Continue\r\n\r\n", kWriteMs, stop);
      }
      return true;
    };
    if (!ReadRequest(fd, &buf, &parser, kIdleMs, stop, hooks)) return;
    const bool malformed = parser.state() == wire::RequestParser::State::kError;
    const wire::Request request = parser.TakeRequest();
    const core::OriginRecord record = RecordOf(request, malformed);
    std::optional<core::OriginScript> script = Arrived(record);
    if (malformed || !script) {
      core::OriginScript answer;
      answer.status = malformed ? 400 : 404;
      answer.headers.push_back({"Content-Type", "text/plain"});
      answer.content = malformed ? "malformed request\n" : "no script for this request\n";
      answer.close_after = malformed;
      WriteAll(fd, BuildOriginResponse(answer, request.method == "HEAD"), kWriteMs, stop);
      if (malformed) return LingerClose(fd, stop, 200);
      continue;
    }
    using A = core::OriginScript::Action;
    if (script->action == A::kHang) {
      Wait(record.tag, kMaxHangMs, stop);
      return;
    }
    if (script->delay_ms > 0) {
      const auto until =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(script->delay_ms);
      while (!stop && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (script->action == A::kClose) return LingerClose(fd, stop, 200);
    if (script->action == A::kReset) return ArmReset(fd);
    if (script->raw) {
      WriteAll(fd, *script->raw, kWriteMs, stop);
      return LingerClose(fd, stop, 200);  // Framing after raw bytes is unknown.
    }
    if (!WriteAll(
            fd,
            BuildOriginResponse(*script, request.method == "HEAD", request.version == "HTTP/1.0"),
            kWriteMs, stop)) {
      return;
    }
    if (script->close_after) return LingerClose(fd, stop, 200);
  }
}

}  // namespace httpconform::proxy
