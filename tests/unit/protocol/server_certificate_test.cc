#include "internal/protocol/server_certificate.h"

#include <gtest/gtest.h>

#include <set>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace aoa::protocol {
namespace {

TEST(ServerCertificate, IsFreshP256WithLocalhostSan) {
  Result<ServerCertificate> ra = generate_server_certificate(), rb = generate_server_certificate();
  ASSERT_TRUE(ra.ok()) << ra.status().to_string();
  ASSERT_TRUE(rb.ok()) << rb.status().to_string();
  const ServerCertificate &a = *ra, &b = *rb;
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
  EXPECT_NE(X509_get_key_usage(cert) & KU_KEY_CERT_SIGN, 0u) << "Go checks that a root may sign";
  EXPECT_NE(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE, 0u);
  EXPECT_EQ(X509_check_ca(cert), 1) << "basicConstraints CA:TRUE";
  EXPECT_NE(X509_get_extension_flags(cert) & EXFLAG_SS, 0u) << "self-signed";

  // The PEM forms are what OpenSSL (and so gRPC) reads back: the certificate is the DER, and the
  // private key belongs to its public key.
  BIO* cert_bio = BIO_new_mem_buf(a.cert_pem.data(), static_cast<int>(a.cert_pem.size()));
  X509* from_pem = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
  ASSERT_NE(from_pem, nullptr);
  EXPECT_EQ(X509_cmp(from_pem, cert), 0);
  BIO* key_bio = BIO_new_mem_buf(a.key_pem.data(), static_cast<int>(a.key_pem.size()));
  EVP_PKEY* private_key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  ASSERT_NE(private_key, nullptr) << a.key_pem;
  EXPECT_EQ(X509_check_private_key(cert, private_key), 1);
  EXPECT_EQ(X509_check_private_key(cert, X509_get0_pubkey(cert)), 1);
  EVP_PKEY_free(private_key);
  X509_free(from_pem);
  BIO_free(key_bio);
  BIO_free(cert_bio);
  X509_free(cert);
}

TEST(ServerCertificate, SignaturesVerifyEveryTime) {
  // The nonce is ours (not OpenSSL's DRBG): a run of certificates, each verifying, none alike.
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    Result<ServerCertificate> c = generate_server_certificate();
    ASSERT_TRUE(c.ok()) << c.status().to_string();
    const unsigned char* p = reinterpret_cast<const unsigned char*>(c->cert_der.data());
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(c->cert_der.size()));
    ASSERT_NE(cert, nullptr);
    EXPECT_EQ(p, reinterpret_cast<const unsigned char*>(c->cert_der.data()) + c->cert_der.size()) << "no trailing bytes";
    EXPECT_EQ(X509_verify(cert, X509_get0_pubkey(cert)), 1);
    EXPECT_TRUE(seen.insert(c->cert_der).second);
    X509_free(cert);
  }
}

}  // namespace
}  // namespace aoa::protocol
