// A fresh self-signed server certificate for go-plugin AutoMTLS (ECDSA P-256, SAN localhost).
#pragma once

#include <string>

namespace aoa::protocol {

struct ServerCertificate {
  std::string key_pem;
  std::string cert_pem;
  std::string cert_der;  // what goes, base64-encoded, into the handshake line
};

// Throws std::runtime_error when OpenSSL fails.
ServerCertificate generate_server_certificate();

}  // namespace aoa::protocol
