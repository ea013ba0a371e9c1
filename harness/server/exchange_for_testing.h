// Test-only: a plain loopback client for the server's fault tests. It starts
// a fresh ReferenceServer with the given faults, sends raw bytes on one
// connection and reads until the server closes or goes quiet, so neither the
// transport nor the wire parser is trusted by the tests that use it.
#ifndef HTTPCONFORM_SERVER_EXCHANGE_FOR_TESTING_H_
#define HTTPCONFORM_SERVER_EXCHANGE_FOR_TESTING_H_

#include <string>
#include <vector>

#include "harness/server/reference_server.h"

namespace httpconform::server {

/// What came back for some request bytes.
struct AnswerForTesting {
  std::string bytes;    ///< Everything received.
  bool closed = false;  ///< The server closed the connection.
};

/// Sends `request` to a fresh server with `faults`; reads until the server
/// closes or sends nothing for `quiet_ms` (3 s in total at most).
AnswerForTesting ExchangeForTesting(const std::vector<std::string>& faults,
                                    const std::string& request, int quiet_ms = 300);
/// True when `text` begins with `prefix`.
bool StartsWithForTesting(const std::string& text, const std::string& prefix);
/// How many times `needle` occurs in `text` (overlaps counted).
int CountOfForTesting(const std::string& text, const std::string& needle);

/// The same, with every server option given.
AnswerForTesting ExchangeWithOptionsForTesting(const ServerOptions& options,
                                               const std::string& request, int quiet_ms = 300);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_EXCHANGE_FOR_TESTING_H_
