// RawTransport: POSIX sockets (and OpenSSL for https), byte-exact requests,
// every received byte through the strict wire::ResponseParser. See
// raw_transport.cc for the design.
#ifndef HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_H_
#define HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_H_

#include <memory>

#include "harness/transport/transport.h"

namespace httpconform::transport {

/// A transport that connects to `target` only, with sockets it owns.
std::unique_ptr<Transport> MakeRawTransport(const Target& target, const TransportOptions& options);

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_H_
