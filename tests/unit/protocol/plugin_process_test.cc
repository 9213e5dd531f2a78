// Starts the real provider binary the way Terraform does (magic cookie, protocol list, client
// certificate) and talks to it over gRPC: the handshake, AutoMTLS (right, missing and wrong client
// certificates), UNIMPLEMENTED for unserved RPCs, health, and a prompt exit on Shutdown.
#include <fcntl.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <cstring>
#include <thread>

#include "internal/protocol/proto/go_plugin.grpc.pb.h"
#include "internal/protocol/proto/tfplugin6.grpc.pb.h"
#include "internal/protocol/server_certificate.h"
#include "tests/unit/protocol/plugin_process.h"

namespace aoa::protocol {
namespace {

std::string base64_decode(const std::string& in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = alphabet.find(c);
    if (v == std::string::npos) throw std::runtime_error("bad base64");
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

std::string der_to_pem(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr) throw std::runtime_error("bad DER");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  X509_free(cert);
  return pem;
}

std::shared_ptr<grpc::Channel> tls_channel(const std::string& address, const std::string& server_pem,
                                           const ServerCertificate* client) {
  grpc::SslCredentialsOptions opts;
  opts.pem_root_certs = server_pem;
  if (client != nullptr) {
    opts.pem_private_key = client->key_pem;
    opts.pem_cert_chain = client->cert_pem;
  }
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  return grpc::CreateCustomChannel(address, grpc::SslCredentials(opts), args);
}

grpc::Status get_schema(const std::shared_ptr<grpc::Channel>& channel, tfplugin6::GetProviderSchema::Response* out) {
  auto stub = tfplugin6::Provider::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  tfplugin6::GetProviderSchema::Request req;
  return stub->GetProviderSchema(&ctx, req, out);
}

void shutdown_plugin(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = plugin::GRPCController::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  plugin::Empty req, res;
  stub->Shutdown(&ctx, req, &res);
}

TEST(PluginProcess, RefusesToRunWithoutTheMagicCookie) {
  PluginProcess p({"PATH=/usr/bin:/bin"});
  EXPECT_EQ(p.read_line(), "");
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(5)), 1);
  EXPECT_NE(p.read_stderr().find("This binary is a plugin"), std::string::npos);
}

TEST(PluginProcess, RefusesProtocolFiveOnly) {
  PluginProcess p({kCookie, "PLUGIN_PROTOCOL_VERSIONS=5"});
  EXPECT_EQ(p.read_line(), "");
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(5)), 1);
}

TEST(PluginProcess, MutualTlsAcceptsOnlyTheClientCertificate) {
  ServerCertificate client = *generate_server_certificate();
  ServerCertificate stranger = *generate_server_certificate();
  PluginProcess p({kCookie, "PLUGIN_PROTOCOL_VERSIONS=5,6", "PLUGIN_CLIENT_CERT=" + client.cert_pem});
  std::string line = p.read_line();
  Handshake h = split(line);
  ASSERT_EQ(h.fields.size(), 6u) << line;
  EXPECT_EQ(h.fields[0], "1");
  EXPECT_EQ(h.fields[1], "6");
  EXPECT_EQ(h.fields[2], "unix") << "a Unix socket, as go-plugin servers use on Linux";
  EXPECT_EQ(h.fields[3].rfind("/tmp/plugin", 0), 0u) << "in $TMPDIR, /tmp when unset";
  EXPECT_EQ(h.fields[4], "grpc");
  EXPECT_EQ(h.fields[5].find('='), std::string::npos) << "no base64 padding";
  std::string server_pem = der_to_pem(base64_decode(h.fields[5]));

  tfplugin6::GetProviderSchema::Response schema;
  grpc::Status ok = get_schema(tls_channel(grpc_target(h), server_pem, &client), &schema);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_TRUE(schema.has_provider());
  EXPECT_EQ(schema.resource_schemas().count("appofapps_root"), 1u);
  EXPECT_TRUE(schema.server_capabilities().plan_destroy());
  EXPECT_TRUE(schema.server_capabilities().get_provider_schema_optional());

  EXPECT_FALSE(get_schema(tls_channel(grpc_target(h), server_pem, nullptr), &schema).ok())
      << "a client without a certificate must be refused";
  EXPECT_FALSE(get_schema(tls_channel(grpc_target(h), server_pem, &stranger), &schema).ok())
      << "a client with another certificate must be refused";
  EXPECT_FALSE(get_schema(grpc::CreateChannel(grpc_target(h), grpc::InsecureChannelCredentials()), &schema).ok())
      << "plaintext must be refused when TLS is on";

  auto start = std::chrono::steady_clock::now();
  shutdown_plugin(tls_channel(grpc_target(h), server_pem, &client));
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(2)), 0) << "Terraform kills a plugin that is not gone after 2 s\n"
                                                       << p.read_stderr();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(PluginProcess, PlaintextWhenTerraformDisablesTls) {
  PluginProcess p({kCookie, "PLUGIN_PROTOCOL_VERSIONS=6"});
  Handshake h = split(p.read_line());
  ASSERT_EQ(h.fields.size(), 6u);
  EXPECT_EQ(h.fields[5], "");
  auto channel = grpc::CreateChannel(grpc_target(h), grpc::InsecureChannelCredentials());

  // GetMetadata lists the resource types.
  {
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext ctx;
    tfplugin6::GetMetadataMessages::Request req;
    tfplugin6::GetMetadataMessages::Response res;
    ASSERT_TRUE(stub->GetMetadata(&ctx, req, &res).ok());
    std::set<std::string> types;
    for (const auto& r : res.resources()) types.insert(r.type_name());
    EXPECT_EQ(types.count("appofapps_root"), 1u);
    EXPECT_EQ(types.count("appofapps_app"), 1u);
    EXPECT_EQ(static_cast<size_t>(res.resources_size()), types.size());
    ASSERT_GE(res.data_sources_size(), 1);
    EXPECT_EQ(res.functions_size(), 4) << "sync_waves, cron_next, validate_cron, azureml_time_zone";
  }
  // A function call over the wire: the result, msgpack.
  {
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext ctx;
    tfplugin6::CallFunction::Request req;
    req.set_name("azureml_time_zone");
    req.add_arguments()->set_msgpack(std::string("\xa3UTC", 4));
    tfplugin6::CallFunction::Response res;
    ASSERT_TRUE(stub->CallFunction(&ctx, req, &res).ok());
    EXPECT_FALSE(res.has_error()) << res.error().text();
    EXPECT_EQ(res.result().msgpack(), std::string("\xa3UTC", 4));
  }
  // An RPC for a feature we do not advertise answers UNIMPLEMENTED; unknown types get a diagnostic.
  {
    grpc::GenericStub generic(channel);
    grpc::ClientContext ctx;
    grpc::ByteBuffer request, response;
    grpc::Slice empty("");
    request = grpc::ByteBuffer(&empty, 1);
    grpc::Status status;
    bool done = false;
    std::mutex mu;
    std::condition_variable cv;
    generic.UnaryCall(&ctx, "/tfplugin6.Provider/MoveResourceState", grpc::StubOptions(), &request, &response,
                      [&](grpc::Status s) {
                        std::lock_guard<std::mutex> lock(mu);
                        status = s;
                        done = true;
                        cv.notify_one();
                      });
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(5), [&] { return done; });
    ASSERT_TRUE(done);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
  {
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext ctx;
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name("appofapps_nope");
    tfplugin6::ValidateResourceConfig::Response res;
    ASSERT_TRUE(stub->ValidateResourceConfig(&ctx, req, &res).ok());
    ASSERT_EQ(res.diagnostics_size(), 1);
    EXPECT_EQ(res.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  }
  // Malformed msgpack becomes a diagnostic, not a crash.
  {
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext ctx;
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name("appofapps_root");
    req.mutable_config()->set_msgpack(std::string("\x85\xa4name\xc1", 7));
    tfplugin6::ValidateResourceConfig::Response res;
    ASSERT_TRUE(stub->ValidateResourceConfig(&ctx, req, &res).ok());
    ASSERT_GE(res.diagnostics_size(), 1);
    EXPECT_EQ(res.diagnostics(0).summary(), "Invalid value from Terraform");
  }
  // SIGINT is ignored: Terraform cancels through StopProvider instead.
  kill(p.pid(), SIGINT);
  EXPECT_EQ(p.wait_exit(std::chrono::milliseconds(300)), -1);
  {
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext ctx;
    tfplugin6::StopProvider::Request req;
    tfplugin6::StopProvider::Response res;
    ASSERT_TRUE(stub->StopProvider(&ctx, req, &res).ok());
    EXPECT_EQ(res.error(), "");
  }
  shutdown_plugin(channel);
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(2)), 0);
}

}  // namespace
}  // namespace aoa::protocol
