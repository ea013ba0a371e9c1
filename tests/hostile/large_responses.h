// Large-response behaviours of hostile_server: big pages, big heads and big
// content-coded responses (large_responses.cc).
#ifndef HTTPCONFORM_TESTS_HOSTILE_LARGE_RESPONSES_H_
#define HTTPCONFORM_TESTS_HOSTILE_LARGE_RESPONSES_H_

#include <string>

#include "hostile_io.h"

namespace hostile {

/// Adds every large-response behaviour to `b`.
void AddLargeResponses(Behaviours* b);

/// Builds what `behaviour` sends (pages, compressed bytes) before the
/// server listens, so no client waits for it. Does nothing for others.
void PrepareLargeResponse(const std::string& behaviour);

}  // namespace hostile

#endif  // HTTPCONFORM_TESTS_HOSTILE_LARGE_RESPONSES_H_
