#include "internal/protocol/server_certificate.h"

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace aoa::protocol {
namespace {

TEST(ServerCertificate, IsFreshP256WithLocalhostSan) {
  ServerCertificate a = generate_server_certificate();
  ServerCertificate b = generate_server_certificate();
  EXPECT_NE(a.cert_der, b.cert_der) << "every process gets its own certificate";
  EXPECT_NE(a.key_pem.find("PRIVATE KEY"), std::string::npos);
  EXPECT_NE(a.cert_pem.find("BEGIN CERTIFICATE"), std::string::npos);

  const unsigned char* p = reinterpret_cast<const unsigned char*>(a.cert_der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(a.cert_der.size()));
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(X509_check_host(cert, "localhost", 0, 0, nullptr), 1) << "SAN DNS:localhost is required by Go";
  EXPECT_EQ(X509_cmp_current_time(X509_get0_notBefore(cert)), -1);
  EXPECT_EQ(X509_cmp_current_time(X509_get0_notAfter(cert)), 1);
  EVP_PKEY* key = X509_get0_pubkey(cert);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(EVP_PKEY_get_base_id(key), EVP_PKEY_EC);
  char group[64] = {0};
  size_t len = 0;
  ASSERT_EQ(EVP_PKEY_get_group_name(key, group, sizeof group, &len), 1);
  EXPECT_STREQ(group, "prime256v1");
  EXPECT_EQ(X509_verify(cert, key), 1) << "self-signed";
  EXPECT_NE(X509_get_extended_key_usage(cert) & XKU_SSL_SERVER, 0u);
  EXPECT_NE(X509_get_extended_key_usage(cert) & XKU_SSL_CLIENT, 0u);
  X509_free(cert);
}

}  // namespace
}  // namespace aoa::protocol
