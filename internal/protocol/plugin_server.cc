#include "internal/protocol/plugin_server.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>

#include "internal/protocol/handshake.h"
#include "internal/protocol/listen_address.h"
#include "internal/protocol/log.h"
#include "internal/protocol/proto/go_plugin.grpc.pb.h"
#include "internal/protocol/provider_service.h"
#include "internal/protocol/server_certificate.h"

namespace aoa::protocol {
namespace {

constexpr int kMaxMessageBytes = 256 << 20;

// Set when Terraform asks us to exit; the main thread waits on it.
class ShutdownSignal {
 public:
  void raise() {
    std::lock_guard<std::mutex> lock(mu_);
    raised_ = true;
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return raised_; });
  }
  bool wait_for(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, d, [&] { return raised_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool raised_ = false;
};

class ControllerService final : public plugin::GRPCController::Service {
 public:
  explicit ControllerService(ShutdownSignal& s) : signal_(s) {}
  grpc::Status Shutdown(grpc::ServerContext*, const plugin::Empty*, plugin::Empty*) override {
    log::debug("GRPCController.Shutdown received");
    signal_.raise();
    return grpc::Status::OK;
  }

 private:
  ShutdownSignal& signal_;
};

// Terraform opens this stream and only logs what arrives; we never send anything (our logs go
// straight to stderr), and hold the stream open until shutdown.
class StdioService final : public plugin::GRPCStdio::Service {
 public:
  explicit StdioService(ShutdownSignal& s) : signal_(s) {}
  grpc::Status StreamStdio(grpc::ServerContext* ctx, const google::protobuf::Empty*,
                           grpc::ServerWriter<plugin::StdioData>*) override {
    while (!ctx->IsCancelled()) {
      if (signal_.wait_for(std::chrono::milliseconds(200))) break;
    }
    return grpc::Status::OK;
  }

 private:
  ShutdownSignal& signal_;
};

// mTLS whenever Terraform offers a client certificate (AutoMTLS): a fresh server certificate
// (its DER goes into the handshake line) and only that client certificate accepted. Without one,
// Terraform runs with TF_DISABLE_PLUGIN_TLS and dials plaintext.
Result<std::shared_ptr<grpc::ServerCredentials>> server_credentials(std::string& cert_der) {
  const char* client_cert = std::getenv("PLUGIN_CLIENT_CERT");
  if (client_cert == nullptr || *client_cert == '\0') return grpc::InsecureServerCredentials();
  AOA_ASSIGN_OR_RETURN(ServerCertificate cert, generate_server_certificate());
  grpc::SslServerCredentialsOptions options(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = client_cert;
  options.pem_key_cert_pairs.push_back({cert.key_pem, cert.cert_pem});
  cert_der = std::move(cert.cert_der);
  return grpc::SslServerCredentials(options);
}

// Hands every connection of our listening socket to the gRPC server until the socket is shut down.
// The sockets are non-blocking, as gRPC's own accept makes them (its reads must never block).
class Acceptor {
 public:
  Acceptor(int listener, std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> to)
      : listener_(listener), to_(std::move(to)), thread_([this] { run(); }) {}
  ~Acceptor() {
    ::shutdown(listener_, SHUT_RDWR);  // accept() returns
    thread_.join();
  }

 private:
  void run() {
    for (;;) {
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        return;  // shut down (EINVAL), or out of descriptors
      }
      grpc::experimental::ExternalConnectionAcceptor::NewConnectionParameters p;
      p.listener_fd = listener_;
      p.fd = fd;
      to_->HandleNewConnection(&p);
    }
  }

  int listener_;
  std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> to_;
  std::thread thread_;
};

bool write_all(int fd, const std::string& text) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n <= 0) return false;
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

bool started_by_terraform() {
  const char* cookie = std::getenv(std::string(kMagicCookieKey).c_str());
  return cookie != nullptr && kMagicCookieValue == cookie;
}

const char* not_a_plugin_message() {
  return "This binary is a plugin. These are not meant to be executed directly.\n"
         "Please execute the program that consumes these plugins, which will\n"
         "load any plugins automatically.\n"
         "(terraform-provider-appofapps is started by terraform or tofu; run\n"
         "`terraform-provider-appofapps --help` for the commands a person can use.)\n";
}

int serve(schema::Provider& provider) {
  if (!started_by_terraform()) {
    std::fputs(not_a_plugin_message(), stderr);
    return 1;
  }
  auto version = negotiate_protocol_version(std::getenv("PLUGIN_PROTOCOL_VERSIONS"));
  if (!version) {
    std::fprintf(stderr, "terraform-provider-appofapps speaks plugin protocol 6 only; the client offered \"%s\"\n",
                 std::getenv("PLUGIN_PROTOCOL_VERSIONS"));
    return 1;
  }
  // Ctrl-C goes to the whole process group; Terraform tells us to stop through StopProvider instead.
  std::signal(SIGINT, SIG_IGN);

  // Before the handshake line only what the line needs: the certificate and a listening socket.
  // From then on the kernel queues Terraform's connection, so the line is true when printed; gRPC
  // and its TLS context (which OpenSSL 3 takes milliseconds to set up) come after, and the queued
  // connection is handed to gRPC once it runs.
  std::string cert_der;
  Result<std::shared_ptr<grpc::ServerCredentials>> creds = server_credentials(cert_der);
  Result<ListenAddress> chosen = creds.ok() ? choose_listen_address() : Result<ListenAddress>(creds.status());
  Result<int> listener = chosen.ok() ? open_listener(*chosen) : Result<int>(chosen.status());
  if (!listener.ok()) {
    std::fprintf(stderr, "terraform-provider-appofapps: %s\n", listener.status().message().c_str());
    return 1;
  }
  const ListenAddress listen = std::move(chosen).value();

  // The handshake line is the first and only thing we write to stdout; afterwards stdout points
  // at stderr so a stray print can never corrupt the control channel.
  std::string line = handshake_line(*version, listen.network, listen.address, cert_der);
  if (!write_all(STDOUT_FILENO, line)) return 1;
  ::dup2(STDERR_FILENO, STDOUT_FILENO);

  ShutdownSignal shutdown;
  ProviderService provider_service(provider);
  ControllerService controller(shutdown);
  StdioService stdio(shutdown);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> handoff =
      builder.experimental().AddExternalConnectionAcceptor(
          grpc::ServerBuilder::experimental_type::ExternalConnectionType::FROM_FD, *creds);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  builder.RegisterService(&provider_service);
  builder.RegisterService(&controller);
  builder.RegisterService(&stdio);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    log::error("could not start the gRPC server", {{"network", listen.network}, {"address", listen.address}});
    if (listen.network == "unix") ::unlink(listen.address.c_str());
    return 1;
  }
  server->GetHealthCheckService()->SetServingStatus("plugin", true);
  std::optional<Acceptor> acceptor;
  acceptor.emplace(*listener, std::move(handoff));
  log::debug("plugin serving", {{"network", listen.network}, {"address", listen.address},
                                {"tls", cert_der.empty() ? "off" : "mtls"}});

  shutdown.wait();
  provider.stop_token().request_stop();
  acceptor.reset();  // no new connections
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  ::close(*listener);
  if (listen.network == "unix") ::unlink(listen.address.c_str());  // as go-plugin's rmListener
  return 0;
}

}  // namespace aoa::protocol
