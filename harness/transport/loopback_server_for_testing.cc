// LoopbackServer: see the header. One thread accepts connections and starts
// a worker thread per connection that plays the next script; sockets are blocking with
// SO_RCVTIMEO/SO_SNDTIMEO, so every read and write is bounded in time.
#include "harness/transport/loopback_server_for_testing.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace httpconform::transport::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kIoTimeoutMs = 5000;

ServerStep Make(ServerStep::Kind kind, std::string bytes, std::size_t count) {
  ServerStep step;
  step.kind = kind;
  step.bytes = std::move(bytes);
  step.count = count;
  return step;
}

// A blocking connection, plain or TLS.
class Conn {
 public:
  Conn(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  ~Conn() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (fd_ >= 0) close(fd_);
  }
  int Read(char* buffer, int size) {
    if (ssl_ != nullptr) return SSL_read(ssl_, buffer, size);
    return static_cast<int>(recv(fd_, buffer, size, 0));
  }
  bool Write(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      int n =
          ssl_ != nullptr
              ? SSL_write(ssl_, bytes.data() + done, static_cast<int>(bytes.size() - done))
              : static_cast<int>(send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL));
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  bool Readable(int ms) {
    if (ssl_ != nullptr && SSL_pending(ssl_) > 0) return true;
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, ms) > 0;
  }
  void Reset() {
    linger l{1, 0};
    setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    if (ssl_ != nullptr) SSL_free(ssl_);
    ssl_ = nullptr;
    close(fd_);
    fd_ = -1;
  }
  void Shutdown() {
    if (ssl_ != nullptr) SSL_shutdown(ssl_);
    shutdown(fd_, SHUT_WR);
  }

 private:
  int fd_;
  SSL* ssl_;
};

}  // namespace

ServerStep ReadHead() { return Make(ServerStep::Kind::kReadHead, "", 0); }
ServerStep ReadBytes(std::size_t count) { return Make(ServerStep::Kind::kReadBytes, "", count); }
ServerStep Write(std::string bytes) { return Make(ServerStep::Kind::kWrite, std::move(bytes), 0); }
ServerStep Delay(int ms) {
  return Make(ServerStep::Kind::kDelay, "", static_cast<std::size_t>(ms));
}
ServerStep Close() { return Make(ServerStep::Kind::kClose, "", 0); }
ServerStep Reset() { return Make(ServerStep::Kind::kReset, "", 0); }
ServerStep Hang(int ms) { return Make(ServerStep::Kind::kHang, "", static_cast<std::size_t>(ms)); }
ServerStep WriteForever(std::string chunk) {
  return Make(ServerStep::Kind::kWriteForever, std::move(chunk), 0);
}

std::shared_ptr<SSL_CTX> MakeSelfSignedServerContextForTesting(std::string* cert_pem,
                                                               const std::string& san) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  if (!san.empty()) {
    X509V3_CTX ext_ctx;
    X509V3_set_ctx_nodb(&ext_ctx);
    X509V3_set_ctx(&ext_ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ext_ctx, NID_subject_alt_name, san.c_str());
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert, key, EVP_sha256());
  if (cert_pem != nullptr) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    cert_pem->assign(data, static_cast<std::size_t>(size));
    BIO_free(bio);
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_use_certificate(ctx, cert);
  SSL_CTX_use_PrivateKey(ctx, key);
  X509_free(cert);
  EVP_PKEY_free(key);
  return std::shared_ptr<SSL_CTX>(ctx, SSL_CTX_free);
}

LoopbackServer::LoopbackServer(std::vector<ConnectionScript> scripts, std::shared_ptr<SSL_CTX> tls)
    : scripts_(std::move(scripts)), tls_(std::move(tls)) {
  signal(SIGPIPE, SIG_IGN);  // SSL_write uses write(2).
  received_.resize(scripts_.size());
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  listen(listen_fd_, 16);
  socklen_t length = sizeof address;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Run(); });
}

LoopbackServer::~LoopbackServer() { Stop(); }

std::string LoopbackServer::url() const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string LoopbackServer::received(std::size_t index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return index < received_.size() ? received_[index] : "";
}

void LoopbackServer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) close(listen_fd_);
  listen_fd_ = -1;
}

void LoopbackServer::Run() {
  std::size_t next = 0;
  while (!stop_ && next < scripts_.size()) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++accepted_;
    // A thread per connection: clients (curl) may open the next connection
    // before they close the previous one.
    workers_.emplace_back([this, fd, next] { Play(fd, scripts_[next], next); });
    ++next;
  }
  for (std::thread& worker : workers_) worker.join();
}

void LoopbackServer::Play(int fd, const ConnectionScript& script, std::size_t index) {
  timeval timeout{kIoTimeoutMs / 1000, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  SSL* ssl = nullptr;
  if (tls_) {
    ssl = SSL_new(tls_.get());
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
      SSL_free(ssl);
      close(fd);
      return;
    }
  }
  Conn conn(fd, ssl);
  std::string buffer;  // Read, not yet consumed by a read step.
  auto read_more = [&]() {
    char chunk[4096];
    const int n = conn.Read(chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::lock_guard<std::mutex> lock(mutex_);
    received_[index].append(chunk, static_cast<std::size_t>(n));
    return true;
  };
  for (const ServerStep& step : script) {
    if (stop_) return;
    switch (step.kind) {
      case ServerStep::Kind::kReadHead: {
        std::size_t end;
        while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
          if (!read_more()) return;
        }
        buffer.erase(0, end + 4);
        break;
      }
      case ServerStep::Kind::kReadBytes:
        while (buffer.size() < step.count) {
          if (!read_more()) return;
        }
        buffer.erase(0, step.count);
        break;
      case ServerStep::Kind::kWrite:
        if (!conn.Write(step.bytes)) return;
        break;
      case ServerStep::Kind::kDelay:
        std::this_thread::sleep_for(std::chrono::milliseconds(step.count));
        break;
      case ServerStep::Kind::kClose:
        conn.Shutdown();
        return;
      case ServerStep::Kind::kReset:
        conn.Reset();
        return;
      case ServerStep::Kind::kHang: {
        const auto until = Clock::now() + std::chrono::milliseconds(step.count);
        while (!stop_ && Clock::now() < until) {
          if (conn.Readable(20) && !read_more()) return;  // Peer closed.
        }
        return;
      }
      case ServerStep::Kind::kWriteForever: {
        const auto until = Clock::now() + std::chrono::seconds(10);
        while (!stop_ && Clock::now() < until && conn.Write(step.bytes)) {
        }
        return;
      }
    }
  }
  conn.Shutdown();
}

}  // namespace httpconform::transport::testing
