// A fresh self-signed server certificate for go-plugin AutoMTLS (ECDSA P-256, SAN localhost).
//
// It sits on the path to the handshake line, so it is made cheaply: the key and the signature come
// from OpenSSL's elliptic-curve primitives (P-256 point multiplication, ECDSA signing with a nonce
// drawn from getrandom), and the certificate and key are encoded as DER by hand from a fixed
// template. OpenSSL 3's EVP layer (provider fetches, encoders, the DRBG) costs milliseconds on the
// first use in a process and is not touched here.
#pragma once

#include <string>

#include "internal/status/status.h"

namespace aoa::protocol {

struct ServerCertificate {
  std::string key_pem;   // PKCS#8 "PRIVATE KEY"
  std::string cert_pem;  // "CERTIFICATE"
  std::string cert_der;  // what goes, base64-encoded, into the handshake line
};

// kInternal when the system's randomness or an OpenSSL primitive fails.
Result<ServerCertificate> generate_server_certificate();

}  // namespace aoa::protocol
