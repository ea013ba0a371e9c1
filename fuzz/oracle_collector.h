// The callback state both oracle adapters share: field/value pieces glued
// together (the oracles may deliver a string in several calls), heads split
// into interim and final, fields after the head counted as trailers.
#ifndef HTTPCONFORM_FUZZ_ORACLE_COLLECTOR_H_
#define HTTPCONFORM_FUZZ_ORACLE_COLLECTOR_H_

#include <cstddef>
#include <string>

#include "fuzz/oracle.h"

namespace httpconform::fuzz {

/// Accumulates callbacks into an OracleResult.
class OracleCollector {
 public:
  void OnMessageBegin() {
    current_ = OracleHead{};
    in_head_ = true;
    last_was_value_ = false;
    body_.clear();
    trailers_.clear();
  }
  void OnStatus(const char* at, std::size_t n) { current_.reason.append(at, n); }
  void OnField(const char* at, std::size_t n) {
    auto& list = in_head_ ? current_.fields : trailers_;
    if (last_was_value_ || list.empty()) list.emplace_back();
    list.back().first.append(at, n);
    last_was_value_ = false;
  }
  void OnValue(const char* at, std::size_t n) {
    auto& list = in_head_ ? current_.fields : trailers_;
    if (list.empty()) list.emplace_back();
    list.back().second.append(at, n);
    last_was_value_ = true;
  }
  void OnHeadersComplete(int major, int minor, int status) {
    current_.major = major;
    current_.minor = minor;
    current_.status = status;
    in_head_ = false;
    last_was_value_ = false;
  }
  void OnBody(const char* at, std::size_t n) { body_.append(at, n); }
  /// Returns true when this message was the final response (stop parsing).
  bool OnMessageComplete() {
    if (current_.status >= 100 && current_.status < 200 && current_.status != 101) {
      result_.interim.push_back(current_);
      return false;
    }
    result_.final_head = current_;
    result_.body = body_;
    result_.trailers = trailers_;
    result_.accepted = true;
    return true;
  }
  bool final_seen() const { return result_.accepted; }
  OracleResult& result() { return result_; }

 private:
  OracleResult result_;
  OracleHead current_;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> trailers_;
  bool in_head_ = true;
  bool last_was_value_ = false;
};

}  // namespace httpconform::fuzz

#endif  // HTTPCONFORM_FUZZ_ORACLE_COLLECTOR_H_
