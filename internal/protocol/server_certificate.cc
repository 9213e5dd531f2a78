#include "internal/protocol/server_certificate.h"

// The low-level EC, BN and SHA-256 functions are deprecated in OpenSSL 3 in favour of EVP, whose
// first use per process is what this file avoids (see the header).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>
#include <sys/random.h>

#include <cerrno>
#include <ctime>
#include <memory>
#include <string_view>

#include "internal/protocol/handshake.h"

namespace aoa::protocol {
namespace {

using namespace std::string_view_literals;

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using GroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;
using KeyPtr = std::unique_ptr<EC_KEY, Deleter<EC_KEY, EC_KEY_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

using Bytes = std::string;

// --- DER ------------------------------------------------------------------------------------

Bytes tlv(unsigned char tag, const Bytes& content) {
  Bytes out(1, static_cast<char>(tag));
  const size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else if (n < 0x100) {
    out += '\x81';
    out += static_cast<char>(n);
  } else {
    out += '\x82';
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(n & 0xff);
  }
  return out + content;
}
Bytes seq(const Bytes& content) { return tlv(0x30, content); }
Bytes set(const Bytes& content) { return tlv(0x31, content); }
Bytes octets(const Bytes& content) { return tlv(0x04, content); }
Bytes bits(const Bytes& content) { return tlv(0x03, Bytes(1, '\0') + content); }  // no unused bits
// Bytes from a literal, embedded zeros included: raw("\x02\x01\x00"sv).
Bytes raw(std::string_view bytes) { return Bytes(bytes); }

// A non-negative INTEGER from big-endian bytes: no leading zeros, one 0x00 when the top bit is set.
Bytes integer(Bytes be) {
  size_t skip = 0;
  while (skip + 1 < be.size() && be[skip] == '\0') ++skip;
  be.erase(0, skip);
  if (be.empty()) be = Bytes(1, '\0');
  if (static_cast<unsigned char>(be[0]) & 0x80) be.insert(be.begin(), '\0');
  return tlv(0x02, be);
}

Bytes bn_bytes(const BIGNUM* bn, int width) {
  Bytes out(static_cast<size_t>(width), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), width);
  return out;
}

// Object identifiers, already encoded.
const Bytes kOidEcdsaWithSha256 = raw("\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"sv);
const Bytes kOidEcPublicKey = raw("\x06\x07\x2a\x86\x48\xce\x3d\x02\x01"sv);
const Bytes kOidPrime256v1 = raw("\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07"sv);
const Bytes kOidOrganization = raw("\x06\x03\x55\x04\x0a"sv);
const Bytes kOidCommonName = raw("\x06\x03\x55\x04\x03"sv);
const Bytes kOidSubjectAltName = raw("\x06\x03\x55\x1d\x11"sv);
const Bytes kOidBasicConstraints = raw("\x06\x03\x55\x1d\x13"sv);
const Bytes kOidKeyUsage = raw("\x06\x03\x55\x1d\x0f"sv);
const Bytes kOidExtKeyUsage = raw("\x06\x03\x55\x1d\x25"sv);
const Bytes kOidServerAuth = raw("\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x01"sv);
const Bytes kOidClientAuth = raw("\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x02"sv);
const Bytes kTrue = raw("\x01\x01\xff"sv);

Bytes extension(const Bytes& oid, bool critical, const Bytes& value) {
  return seq(oid + (critical ? kTrue : Bytes()) + octets(value));
}

// UTCTime YYMMDDHHMMSSZ (the certificate ends long before 2050).
Bytes utc_time(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%y%m%d%H%M%SZ", &tm);
  return tlv(0x17, buf);
}

// "O=appofapps, CN=localhost", as UTF8Strings.
Bytes name() {
  return seq(set(seq(kOidOrganization + tlv(0x0c, "appofapps"))) + set(seq(kOidCommonName + tlv(0x0c, "localhost"))));
}

std::string pem(const char* label, const Bytes& der) {
  const std::string b64 = base64_raw_std(der);
  std::string out = std::string("-----BEGIN ") + label + "-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  // base64_raw_std leaves out the padding; PEM wants it.
  if (size_t pad = (4 - b64.size() % 4) % 4; pad > 0) {
    out.pop_back();
    out += std::string(pad, '=') + "\n";
  }
  return out + "-----END " + label + "-----\n";
}

// --- keys and signature ---------------------------------------------------------------------

bool random_bytes(unsigned char* out, size_t n) {
  while (n > 0) {
    const ssize_t got = ::getrandom(out, n, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

// A uniform scalar in [1, order - 1] by rejection sampling (P-256's order is close to 2^256, so
// a retry is rare).
BnPtr random_scalar(const BIGNUM* order) {
  for (int attempt = 0; attempt < 64; ++attempt) {
    unsigned char buf[32];
    if (!random_bytes(buf, sizeof buf)) return nullptr;
    BnPtr k(BN_bin2bn(buf, sizeof buf, nullptr));
    OPENSSL_cleanse(buf, sizeof buf);
    if (!k) return nullptr;
    if (!BN_is_zero(k.get()) && BN_cmp(k.get(), order) < 0) {
      BN_set_flags(k.get(), BN_FLG_CONSTTIME);
      return k;
    }
  }
  return nullptr;
}

Status fail(const char* what) { return Status::internal(std::string("server certificate: ") + what + " failed"); }

}  // namespace

Result<ServerCertificate> generate_server_certificate() {
  GroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  BnCtxPtr ctx(BN_CTX_new());
  if (!group || !ctx) return fail("P-256 group");
  const BIGNUM* order = EC_GROUP_get0_order(group.get());

  // Key pair.
  BnPtr d = random_scalar(order);
  PointPtr pub(EC_POINT_new(group.get()));
  if (!d || !pub || EC_POINT_mul(group.get(), pub.get(), d.get(), nullptr, nullptr, ctx.get()) != 1)
    return fail("key generation");
  Bytes point(65, '\0');
  if (EC_POINT_point2oct(group.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED,
                         reinterpret_cast<unsigned char*>(point.data()), point.size(), ctx.get()) != point.size())
    return fail("public key encoding");
  KeyPtr key(EC_KEY_new());
  if (!key || EC_KEY_set_group(key.get(), group.get()) != 1 || EC_KEY_set_private_key(key.get(), d.get()) != 1 ||
      EC_KEY_set_public_key(key.get(), pub.get()) != 1)
    return fail("key");

  // To be signed: the same fields the go-plugin server certificate has.
  unsigned char serial[16];
  if (!random_bytes(serial, sizeof serial)) return fail("serial");
  serial[0] &= 0x7f;  // positive
  const std::time_t now = std::time(nullptr);
  const Bytes algorithm = seq(kOidEcdsaWithSha256);
  const Bytes extensions =
      seq(extension(kOidSubjectAltName, false, seq(tlv(0x82, "localhost"))) +  // Go ignores CN
          extension(kOidBasicConstraints, true, seq(kTrue)) +
          // digitalSignature, keyEncipherment, keyAgreement, keyCertSign: bits 0, 2, 4, 5
          extension(kOidKeyUsage, true, raw("\x03\x02\x02\xac"sv)) +
          extension(kOidExtKeyUsage, false, seq(kOidServerAuth + kOidClientAuth)));
  const Bytes tbs = seq(raw("\xa0\x03\x02\x01\x02"sv) +  // version 3
                        integer(Bytes(reinterpret_cast<char*>(serial), sizeof serial)) + algorithm + name() +
                        seq(utc_time(now - 30) + utc_time(now + 365L * 24 * 3600)) + name() +
                        seq(seq(kOidEcPublicKey + kOidPrime256v1) + bits(point)) + tlv(0xa3, extensions));

  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX sha;
  if (SHA256_Init(&sha) != 1 || SHA256_Update(&sha, tbs.data(), tbs.size()) != 1 || SHA256_Final(digest, &sha) != 1)
    return fail("SHA-256");

  // ECDSA with our own nonce k (so that OpenSSL's DRBG is not set up): r = (kG).x mod n, and
  // k^-1 = k^(n-2) mod n in constant time.
  SigPtr sig;
  for (int attempt = 0; attempt < 8 && !sig; ++attempt) {
    BnPtr k = random_scalar(order);
    PointPtr kg(EC_POINT_new(group.get()));
    BnPtr x(BN_new()), r(BN_new()), kinv(BN_new()), n_minus_2(BN_dup(order));
    if (!k || !kg || !x || !r || !kinv || !n_minus_2 ||
        EC_POINT_mul(group.get(), kg.get(), k.get(), nullptr, nullptr, ctx.get()) != 1 ||
        EC_POINT_get_affine_coordinates(group.get(), kg.get(), x.get(), nullptr, ctx.get()) != 1 ||
        BN_nnmod(r.get(), x.get(), order, ctx.get()) != 1 || BN_sub_word(n_minus_2.get(), 2) != 1 ||
        BN_mod_exp_mont_consttime(kinv.get(), k.get(), n_minus_2.get(), order, ctx.get(), nullptr) != 1)
      return fail("signature nonce");
    if (BN_is_zero(r.get())) continue;
    sig.reset(ECDSA_do_sign_ex(digest, sizeof digest, kinv.get(), r.get(), key.get()));  // null when s = 0
  }
  if (!sig) return fail("signature");
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  const Bytes signature = seq(integer(bn_bytes(r, 32)) + integer(bn_bytes(s, 32)));

  ServerCertificate out;
  out.cert_der = seq(tbs + algorithm + bits(signature));
  out.cert_pem = pem("CERTIFICATE", out.cert_der);
  // PKCS#8 around the SEC1 ECPrivateKey (version 1, the scalar, the public key).
  Bytes ec_private_key = seq(raw("\x02\x01\x01"sv) + octets(bn_bytes(d.get(), 32)) + tlv(0xa1, bits(point)));
  Bytes pkcs8 = seq(raw("\x02\x01\x00"sv) + seq(kOidEcPublicKey + kOidPrime256v1) + octets(ec_private_key));
  out.key_pem = pem("PRIVATE KEY", pkcs8);
  OPENSSL_cleanse(ec_private_key.data(), ec_private_key.size());
  OPENSSL_cleanse(pkcs8.data(), pkcs8.size());
  return out;
}

}  // namespace aoa::protocol
