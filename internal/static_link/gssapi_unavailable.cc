// Stand-ins for the GSSAPI functions libgit2's "Negotiate" HTTP authentication calls; linked only
// into the static build (AOA_STATIC_DEPS). Every call fails with GSS_S_FAILURE and minor status 0,
// so libgit2 reports Negotiate as unavailable — it is never reached: the provider opens local
// repositories only and never speaks HTTP. The first argument of each is OM_uint32* minor_status.
#include <cstdint>

namespace {
constexpr std::uint32_t kGssFailure = 13u << 16;  // GSS_S_FAILURE (RFC 2744)

std::uint32_t refuse(std::uint32_t* minor_status) {
  if (minor_status != nullptr) *minor_status = 0;
  return kGssFailure;
}
}  // namespace

extern "C" {
// gss_OID; libgit2 only passes it back to gss_import_name.
void* GSS_C_NT_HOSTBASED_SERVICE = nullptr;

std::uint32_t gss_indicate_mechs(std::uint32_t* minor, void*) { return refuse(minor); }
std::uint32_t gss_release_oid_set(std::uint32_t* minor, void*) { return refuse(minor); }
std::uint32_t gss_import_name(std::uint32_t* minor, void*, void*, void*) { return refuse(minor); }
std::uint32_t gss_release_name(std::uint32_t* minor, void*) { return refuse(minor); }
std::uint32_t gss_release_buffer(std::uint32_t* minor, void*) { return refuse(minor); }
std::uint32_t gss_delete_sec_context(std::uint32_t* minor, void*, void*) { return refuse(minor); }
std::uint32_t gss_display_status(std::uint32_t* minor, std::uint32_t, int, void*, void*, void*) {
  return refuse(minor);
}
std::uint32_t gss_init_sec_context(std::uint32_t* minor, void*, void*, void*, void*, std::uint32_t, std::uint32_t,
                                   void*, void*, void*, void*, void*, void*) {
  return refuse(minor);
}
}
