// RawTransport: POSIX sockets (and OpenSSL for https) behind the Connection
// interface, byte-exact requests, every received byte through the strict
// wire::ResponseParser. See raw_session.h for the design.
#ifndef HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_H_
#define HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_H_

#include <memory>

#include "harness/transport/connection.h"
#include "harness/transport/transport.h"

namespace httpconform::transport {

/// A transport that connects to `target` only, with sockets it owns.
std::unique_ptr<Transport> MakeRawTransport(const Target& target, const TransportOptions& options);

/// The raw transport's HTTP/1.1 session over connections made by `connect`
/// (MakeRawTransport's: Connect() to its target; tests: a FakeConnection).
std::unique_ptr<Session> MakeRawSession(const TransportOptions& options, Connector connect);

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_H_
