#include "internal/protocol/listen_address.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <random>

namespace aoa::protocol {
namespace {

Result<int> parse_port(const char* name, const char* value, int unset) {
  if (value == nullptr || *value == '\0') return unset;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(value, &end, 10);
  if (errno != 0 || end == value || *end != '\0' || v < 0 || v > 65535) {
    return Status::invalid_argument(std::string(name) + " must be a port number from 0 to 65535, got \"" + value + "\"",
                                    name);
  }
  return static_cast<int>(v);
}

bool can_bind_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

bool writable_directory(const std::string& dir) {
  struct stat st {};
  return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::access(dir.c_str(), W_OK | X_OK) == 0;
}

unsigned random_seed() { return std::random_device{}(); }

}  // namespace

Result<PortRange> port_range(const char* min_port, const char* max_port) {
  PortRange r;
  AOA_ASSIGN_OR_RETURN(r.min, parse_port("PLUGIN_MIN_PORT", min_port, 1));
  AOA_ASSIGN_OR_RETURN(r.max, parse_port("PLUGIN_MAX_PORT", max_port, 65535));
  if (r.min == 0) r.min = 1;  // port 0 would mean "any port", outside every range
  if (r.min > r.max) {
    return Status::invalid_argument("PLUGIN_MIN_PORT value of " + std::to_string(r.min) +
                                        " is greater than PLUGIN_MAX_PORT value of " + std::to_string(r.max),
                                    "PLUGIN_MIN_PORT");
  }
  return r;
}

std::optional<std::string> unix_socket_path(const char* socket_dir, const char* tmpdir) {
  std::string dir = socket_dir != nullptr && *socket_dir ? socket_dir : tmpdir != nullptr && *tmpdir ? tmpdir : "/tmp";
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (!writable_directory(dir)) return std::nullopt;
  std::mt19937 rng(random_seed());
  const std::string path = dir + "/plugin" + std::to_string(rng() % 1000000000u);
  if (path.size() >= sizeof(sockaddr_un::sun_path)) return std::nullopt;
  return path;
}

Result<int> free_loopback_port(PortRange range) {
  const int span = range.max - range.min + 1;
  const int first = static_cast<int>(std::mt19937(random_seed())() % static_cast<unsigned>(span));
  for (int i = 0; i < span; ++i) {
    const int port = range.min + (first + i) % span;
    if (can_bind_loopback(port)) return port;
  }
  return Status::unavailable("no free TCP port on 127.0.0.1 between PLUGIN_MIN_PORT " + std::to_string(range.min) +
                             " and PLUGIN_MAX_PORT " + std::to_string(range.max));
}

Result<ListenAddress> choose_listen_address() {
  if (auto path = unix_socket_path(std::getenv("PLUGIN_UNIX_SOCKET_DIR"), std::getenv("TMPDIR"))) {
    return ListenAddress{"unix", *path};
  }
  AOA_ASSIGN_OR_RETURN(const PortRange range, port_range(std::getenv("PLUGIN_MIN_PORT"), std::getenv("PLUGIN_MAX_PORT")));
  AOA_ASSIGN_OR_RETURN(const int port, free_loopback_port(range));
  return ListenAddress{"tcp", "127.0.0.1:" + std::to_string(port)};
}

Result<int> open_listener(const ListenAddress& address) {
  const bool unix_socket = address.network == "unix";
  const int fd = ::socket(unix_socket ? AF_UNIX : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::io_error("could not create a socket: " + std::string(std::strerror(errno)));
  int rc;
  if (unix_socket) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, address.address.c_str(), sizeof addr.sun_path - 1);
    rc = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  } else {
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // as Go's net.Listen
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(std::stoi(address.address.substr(address.address.rfind(':') + 1))));
    rc = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  }
  if (rc != 0 || ::listen(fd, SOMAXCONN) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    return Status::io_error("could not listen on " + address.network + " " + address.address + ": " + why);
  }
  return fd;
}

}  // namespace aoa::protocol
