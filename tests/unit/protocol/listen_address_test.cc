// Where the plugin listens (listen_address.h): go-plugin's Unix socket by default, and loopback
// TCP inside PLUGIN_MIN_PORT..PLUGIN_MAX_PORT when no socket can be made; checked on the functions
// and on the real binary.
#include "internal/protocol/listen_address.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>
#include <filesystem>

#include "internal/protocol/proto/go_plugin.grpc.pb.h"
#include "tests/unit/protocol/plugin_process.h"

namespace aoa::protocol {
namespace {
namespace fs = std::filesystem;

std::string error_of(const char* min, const char* max) {
  Result<PortRange> r = port_range(min, max);
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  // The field names the variable the message is about.
  EXPECT_EQ(r.status().message().rfind(r.status().field(), 0), 0u) << r.status().to_string();
  return r.status().message();
}

TEST(PortRange, ReadsBothBoundsAndDefaultsTheUnsetOnes) {
  Result<PortRange> r = port_range("10000", "25000");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->min, 10000);
  EXPECT_EQ(r->max, 25000);
  r = port_range(nullptr, "");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->min, 1);
  EXPECT_EQ(r->max, 65535);
  EXPECT_EQ(port_range("0", "20")->min, 1) << "port 0 (any port) is never part of a range";
}

TEST(PortRange, RefusesWhatGoPluginRefuses) {
  EXPECT_EQ(error_of("25000", "10000"), "PLUGIN_MIN_PORT value of 25000 is greater than PLUGIN_MAX_PORT value of 10000");
  EXPECT_EQ(error_of("ten", "20"), "PLUGIN_MIN_PORT must be a port number from 0 to 65535, got \"ten\"");
  EXPECT_EQ(error_of("1", "70000"), "PLUGIN_MAX_PORT must be a port number from 0 to 65535, got \"70000\"");
  EXPECT_EQ(error_of("1", "-5"), "PLUGIN_MAX_PORT must be a port number from 0 to 65535, got \"-5\"");
}

TEST(FreeLoopbackPort, StaysInsideTheRange) {
  for (int i = 0; i < 20; ++i) {
    const Result<int> port = free_loopback_port({10000, 25000});
    ASSERT_TRUE(port.ok()) << port.status().to_string();
    EXPECT_GE(*port, 10000);
    EXPECT_LE(*port, 25000);
  }
}

TEST(FreeLoopbackPort, SaysSoWhenEveryPortIsTaken) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int taken = ntohs(addr.sin_port);
  const Result<int> port = free_loopback_port({taken, taken});
  EXPECT_FALSE(port.ok()) << "port " << taken << " is bound, yet was offered";
  EXPECT_EQ(port.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(port.status().message(), "no free TCP port on 127.0.0.1 between PLUGIN_MIN_PORT " + std::to_string(taken) +
                                          " and PLUGIN_MAX_PORT " + std::to_string(taken));
  ::close(fd);
}

class SocketDirs : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("aoa-listen-" + std::to_string(::getpid()));
    fs::create_directories(base_ / "a");
    fs::create_directories(base_ / "b");
    // Deep enough that <dir>/plugin<n> cannot fit sockaddr_un's 108 bytes.
    deep_ = base_ / std::string(60, 'x') / std::string(60, 'y');
    fs::create_directories(deep_);
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_, deep_;
};

TEST_F(SocketDirs, PrefersPluginUnixSocketDirThenTmpdir) {
  const std::string a = (base_ / "a").string(), b = (base_ / "b").string();
  auto p = unix_socket_path(a.c_str(), b.c_str());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->rfind(a + "/plugin", 0), 0u) << *p;
  p = unix_socket_path("", (b + "/").c_str());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->rfind(b + "/plugin", 0), 0u) << *p;
  p = unix_socket_path(nullptr, nullptr);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->rfind("/tmp/plugin", 0), 0u) << *p;
}

TEST_F(SocketDirs, NoSocketInAMissingDirectoryOrOnAnOverlongPath) {
  EXPECT_FALSE(unix_socket_path((base_ / "missing").c_str(), nullptr));
  EXPECT_FALSE(unix_socket_path(deep_.c_str(), nullptr));
}

// What the handshake line promises as soon as it is written: the socket takes connections (the
// kernel queues them until the gRPC server accepts).
bool connects(const ListenAddress& a) {
  const bool unix_socket = a.network == "unix";
  const int fd = ::socket(unix_socket ? AF_UNIX : AF_INET, SOCK_STREAM, 0);
  int rc;
  if (unix_socket) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, a.address.c_str(), sizeof addr.sun_path - 1);
    rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  } else {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(std::stoi(a.address.substr(a.address.rfind(':') + 1))));
    rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  }
  ::close(fd);
  return rc == 0;
}

TEST_F(SocketDirs, OpenListenerTakesConnectionsBeforeAnyAcceptAndNamesAnAddressInUse) {
  const std::string dir = (base_ / "a").string();
  const ListenAddress unix_address{"unix", *unix_socket_path(dir.c_str(), nullptr)};
  Result<int> fd = open_listener(unix_address);
  ASSERT_TRUE(fd.ok()) << fd.status().to_string();
  EXPECT_TRUE(connects(unix_address));
  Result<int> again = open_listener(unix_address);
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kIOError);
  EXPECT_EQ(again.status().message().rfind("could not listen on unix " + unix_address.address + ": ", 0), 0u)
      << again.status().message();
  ::close(*fd);

  const Result<int> port = free_loopback_port({10000, 25000});
  ASSERT_TRUE(port.ok()) << port.status().to_string();
  const ListenAddress tcp_address{"tcp", "127.0.0.1:" + std::to_string(*port)};
  Result<int> tcp = open_listener(tcp_address);
  ASSERT_TRUE(tcp.ok()) << tcp.status().to_string();
  EXPECT_TRUE(connects(tcp_address));
  ::close(*tcp);
}

void shutdown_plugin(const std::string& target) {
  auto stub = plugin::GRPCController::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  plugin::Empty req, res;
  ASSERT_TRUE(stub->Shutdown(&ctx, req, &res).ok());
}

TEST_F(SocketDirs, TheBinaryServesOnAUnixSocketAndRemovesItAtExit) {
  const std::string dir = (base_ / "a").string();
  PluginProcess p({kCookie, "PLUGIN_PROTOCOL_VERSIONS=6", "PLUGIN_MIN_PORT=10000", "PLUGIN_MAX_PORT=25000",
                   "PLUGIN_UNIX_SOCKET_DIR=" + dir});
  const Handshake h = split(p.read_line());
  ASSERT_EQ(h.fields.size(), 6u) << p.read_stderr();
  EXPECT_EQ(h.fields[2], "unix");
  EXPECT_EQ(h.fields[3].rfind(dir + "/plugin", 0), 0u) << h.fields[3];
  EXPECT_TRUE(fs::is_socket(h.fields[3]));
  shutdown_plugin(grpc_target(h));
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(2)), 0);
  EXPECT_FALSE(fs::exists(h.fields[3])) << "the socket file is removed at exit";
}

TEST_F(SocketDirs, TheBinaryFallsBackToTcpInsideThePortRange) {
  for (int i = 0; i < 5; ++i) {
    PluginProcess p({kCookie, "PLUGIN_PROTOCOL_VERSIONS=6", "PLUGIN_MIN_PORT=10000", "PLUGIN_MAX_PORT=25000",
                     "TMPDIR=" + deep_.string()});
    const Handshake h = split(p.read_line());
    ASSERT_EQ(h.fields.size(), 6u) << p.read_stderr();
    EXPECT_EQ(h.fields[2], "tcp");
    ASSERT_EQ(h.fields[3].rfind("127.0.0.1:", 0), 0u) << h.fields[3];
    const int port = std::stoi(h.fields[3].substr(10));
    EXPECT_GE(port, 10000);
    EXPECT_LE(port, 25000);
    shutdown_plugin(grpc_target(h));
    EXPECT_EQ(p.wait_exit(std::chrono::seconds(2)), 0);
  }
}

TEST_F(SocketDirs, TheBinaryNamesABadPortVariable) {
  PluginProcess p({kCookie, "PLUGIN_PROTOCOL_VERSIONS=6", "PLUGIN_MIN_PORT=20000", "PLUGIN_MAX_PORT=10000",
                   "TMPDIR=" + deep_.string()});
  EXPECT_EQ(p.read_line(), "");
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(5)), 1);
  EXPECT_NE(p.read_stderr().find("PLUGIN_MIN_PORT value of 20000 is greater than PLUGIN_MAX_PORT value of 10000"),
            std::string::npos);
}

}  // namespace
}  // namespace aoa::protocol
