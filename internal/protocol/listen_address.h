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
#include <string>

#include "internal/status/status.h"

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

// Errors are values (internal/status/status.h): an unusable PLUGIN_MIN_PORT/PLUGIN_MAX_PORT is
// kInvalidArgument with the variable as its field, no free port of the range kUnavailable.

// PLUGIN_MIN_PORT / PLUGIN_MAX_PORT (null or "" = unset); the message names the variable.
Result<PortRange> port_range(const char* min_port, const char* max_port);

// `<dir>/plugin<random>` for the first set of socket_dir, tmpdir, "/tmp"; nullopt when that
// directory is not a writable directory or the path would not fit a sockaddr_un.
std::optional<std::string> unix_socket_path(const char* socket_dir, const char* tmpdir);

// A loopback TCP port of the range that could be bound just now, trying from a random port of the
// range upwards (wrapping), so concurrent plugins rarely race for the same one.
Result<int> free_loopback_port(PortRange range);

// The address for this process, from its environment (see the file comment).
Result<ListenAddress> choose_listen_address();

// A listening socket (close-on-exec) bound to `address`: from now on the kernel queues
// connections to it. kIOError naming the address otherwise.
Result<int> open_listener(const ListenAddress& address);

}  // namespace aoa::protocol
