// The scripted origin of `httpconform proxy`: an HTTP/1.1 server on loopback
// that the intermediary under test forwards to. Each step of a proxy case
// registers a script under a tag unique to the run (runner.h, OriginPort);
// a request carries the tag in its path, `/__hc/TAG` (or `/__hc/TAG/...`,
// anywhere in the target, so absolute-form and prefixed paths work too), or,
// for intermediaries that rewrite paths, in an `Httpconform-Tag` field. The
// path is the primary carrier because every intermediary forwards it, while
// any field could be one it strips. The origin records what each request
// looked like on arrival (method, target, fields in order, content length,
// framing) under its tag, then answers as the script says: a response built
// from status, fields and content (chunked or not, 1xx first, after a
// delay), exact bytes (not HTTP, broken framing), a hang until the step
// ends, a close or a reset. A request without a known tag is answered 404
// and counted, a few kept for the report. A 100-continue head with content
// to come gets 100 (Continue) before the content is read, whatever the
// script, so that a case sees whether an intermediary forwarded the head
// before the content (RFC 9110 §10.1.1).
//
// Threads and bounds: one thread per connection (at most 256), the request
// parser's limits (64 KiB head, 1 MiB content), 10 s idle per connection, a
// hang held at most until the tag ends or 10 minutes; records per tag are
// capped at 100 and tags are dropped when their step ends, so a long run
// holds only the steps in progress. All shared state is under one mutex.
#ifndef HTTPCONFORM_PROXY_ORIGIN_H_
#define HTTPCONFORM_PROXY_ORIGIN_H_

#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/origin.h"
#include "harness/proxy/forwarding.h"
#include "harness/proxy/sockets.h"
#include "harness/runner/runner.h"

namespace httpconform::proxy {

/// The tag a request carries (path `/__hc/TAG`, else field Httpconform-Tag); "" when none.
std::string TagOf(const std::string& target, const core::Fields& fields);

/// The bytes of a response built from `script` (not for raw/hang/close/reset);
/// `head_request`: no content. Adds Date, and Content-Length or
/// Transfer-Encoding unless the script gives either.
/// `http10_request`: the script's 1xx are left out (RFC 9110 §15.2: no 1xx to an HTTP/1.0 client).
std::string BuildOriginResponse(const core::OriginScript& script, bool head_request,
                                bool http10_request = false);

class ScriptedOrigin : public runner::OriginPort {
 public:
  static core::Expected<std::unique_ptr<ScriptedOrigin>> Start(const std::string& host, int port);

  void Begin(const std::string& tag, const core::OriginScript& script) override;
  std::vector<core::OriginRecord> End(const std::string& tag) override;
  std::string authority() const override { return listener_->authority(); }

  /// Requests that carried no known tag: how many, and the first few
  /// ("METHOD TARGET").
  std::size_t untagged_count() const;
  std::vector<std::string> untagged() const;

  void Stop();
  ~ScriptedOrigin() override;

 private:
  struct Entry {
    core::OriginScript script;
    std::vector<core::OriginRecord> records;
  };
  ScriptedOrigin() = default;
  void Serve(int fd, const std::atomic<bool>& stop);
  // Records `record`; the script for it, or nullopt when its tag is unknown.
  std::optional<core::OriginScript> Arrived(const core::OriginRecord& record);
  // Waits up to `ms` or until `tag` ended or the server stops.
  void Wait(const std::string& tag, int ms, const std::atomic<bool>& stop);

  std::unique_ptr<Listener> listener_;
  mutable std::mutex mutex_;
  std::condition_variable ended_;
  std::map<std::string, Entry> tags_;
  std::vector<std::string> untagged_;
  std::size_t untagged_count_ = 0;
};

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_ORIGIN_H_
