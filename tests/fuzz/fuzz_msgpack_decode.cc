// libFuzzer target: decode arbitrary msgpack against a fixed schema type; anything that decodes must
// re-encode and decode to an equal value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "schema/msgpack_codec.h"
#include "tests/fuzz/fuzz_types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aoa::cty;
  const Type& t = aoa::fuzz::fuzz_type();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  Value v;
  try {
    v = decode_msgpack(in, t);
  } catch (const DecodeError&) {
    return 0;
  }
  std::string again = encode_msgpack(v, t);
  Value v2 = decode_msgpack(again, t);
  if (!(v2 == v)) abort();
  if (encode_msgpack(v2, t) != again) abort();
  (void)v.debug_string();
  return 0;
}
