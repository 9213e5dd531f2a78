// Where the plugin listens, chosen the way hashicorp/go-plugin's server does on Unix:
//   * a Unix domain socket `<dir>/plugin<random>`, dir = $PLUGIN_UNIX_SOCKET_DIR, else $TMPDIR,
//     else /tmp (go-plugin: serverListener_unix; what every Go provider on Linux does, even though
//     Terraform also sets PLUGIN_MIN_PORT=10000 / PLUGIN_MAX_PORT=25000);
//   * TCP on 127.0.0.1 with a port inside [PLUGIN_MIN_PORT, PLUGIN_MAX_PORT] when no Unix socket
//     can be made there (directory missing or not writable, or the path longer than sun_path allows).
//     Like go-plugin's serverListener_tcp, min > max or a non-number is an error naming the variable;
//     unlike it, an unset bound means 1 (min) or 65535 (max), so a range never yields "any port".
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace aoa::protocol {

struct ListenAddress {
  std::string network;  // handshake field 3: "unix" or "tcp"
  std::string address;  // handshake field 4: the socket path, or 127.0.0.1:<port>
  std::string grpc_uri() const { return network == "unix" ? "unix:" + address : address; }
};

struct PortRange {
  int min = 1;
  int max = 65535;
};

// Thrown for an unusable PLUGIN_MIN_PORT/PLUGIN_MAX_PORT, or when no port of the range is free.
class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// PLUGIN_MIN_PORT / PLUGIN_MAX_PORT (null or "" = unset). Throws ListenError naming the variable.
PortRange port_range(const char* min_port, const char* max_port);

// `<dir>/plugin<random>` for the first set of socket_dir, tmpdir, "/tmp"; nullopt when that
// directory is not a writable directory or the path would not fit a sockaddr_un.
std::optional<std::string> unix_socket_path(const char* socket_dir, const char* tmpdir);

// A loopback TCP port of the range that could be bound just now, trying from a random port of the
// range upwards (wrapping), so concurrent plugins rarely race for the same one. Throws ListenError.
int free_loopback_port(PortRange range);

// The address for this process, from its environment (see the file comment). Throws ListenError.
ListenAddress choose_listen_address();

}  // namespace aoa::protocol
