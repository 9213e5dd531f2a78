#include "internal/protocol/handshake.h"

#include <cstdlib>
#include <sstream>

namespace aoa::protocol {

std::optional<int> negotiate_protocol_version(const char* list) {
  if (list == nullptr || *list == '\0') return kProtocolVersion;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    long v = std::strtol(item.c_str(), &end, 10);
    if (end != item.c_str() && *end == '\0' && v == kProtocolVersion) return kProtocolVersion;
  }
  return std::nullopt;
}

std::string base64_raw_std(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (rest == 2) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::string handshake_line(int protocol_version, const std::string& network, const std::string& address,
                           std::string_view cert_der) {
  std::string line = "1|" + std::to_string(protocol_version) + "|" + network + "|" + address + "|grpc|";
  line += base64_raw_std(cert_der);
  line += "\n";
  return line;
}

}  // namespace aoa::protocol
