// go-plugin handshake: the environment contract between Terraform and a plugin process.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aoa::protocol {

// The magic cookie Terraform sets in TF_PLUGIN_MAGIC_COOKIE for every provider it starts.
inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
inline constexpr int kProtocolVersion = 6;

// Picks our protocol version from PLUGIN_PROTOCOL_VERSIONS ("5,6"; order not guaranteed).
// An absent or empty list means the client takes our only version; nullopt when 6 is not offered.
std::optional<int> negotiate_protocol_version(const char* plugin_protocol_versions);

// Standard base64 alphabet without '=' padding, as go-plugin reads the certificate field.
std::string base64_raw_std(std::string_view bytes);

// "1|6|<network>|<address>|grpc|<cert>\n" (network "unix" or "tcp"); cert_der empty when TLS is off.
std::string handshake_line(int protocol_version, const std::string& network, const std::string& address,
                           std::string_view cert_der);

}  // namespace aoa::protocol
