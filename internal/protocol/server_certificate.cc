#include "internal/protocol/server_certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace aoa::protocol {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("server certificate: ") + what + " failed");
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(ext != nullptr, "extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace

ServerCertificate generate_server_certificate() {
  KeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "key generation");

  CertPtr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);

  // Random 127-bit serial, positive.
  unsigned char serial_bytes[16];
  check(RAND_bytes(serial_bytes, sizeof serial_bytes) == 1, "RAND_bytes");
  serial_bytes[0] &= 0x7f;
  BnPtr serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
  check(serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())), "serial");

  // Valid from a little in the past (clock skew) for one year: far longer than any run.
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);

  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("appofapps"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  check(X509_set_pubkey(cert.get(), key.get()) == 1, "set_pubkey");

  // Go's verifier ignores CN: the SAN is what makes "localhost" match.
  add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost");
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign");
  add_extension(cert.get(), NID_ext_key_usage, "serverAuth,clientAuth");
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "sign");

  ServerCertificate out;
  {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "key PEM");
    out.key_pem = bio_string(bio.get());
  }
  {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_X509(bio.get(), cert.get()) == 1, "cert PEM");
    out.cert_pem = bio_string(bio.get());
  }
  {
    unsigned char* der = nullptr;
    int len = i2d_X509(cert.get(), &der);
    check(len > 0, "cert DER");
    out.cert_der.assign(reinterpret_cast<char*>(der), static_cast<size_t>(len));
    OPENSSL_free(der);
  }
  return out;
}

}  // namespace aoa::protocol
