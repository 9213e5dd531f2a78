// libFuzzer target: decode arbitrary state JSON against a fixed schema type; anything that decodes
// must re-encode and decode to an equal value (and survive a msgpack round trip).
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "schema/json_codec.h"
#include "schema/msgpack_codec.h"
#include "tests/fuzz/fuzz_types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aoa::cty;
  const Type& t = aoa::fuzz::fuzz_type();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  Value v;
  try {
    v = decode_json(in, t);
  } catch (const DecodeError&) {
    return 0;
  }
  std::string js = encode_json(v, t);
  Value v2 = decode_json(js, t);
  if (!(v2 == v)) abort();
  if (encode_json(v2, t) != js) abort();
  Value v3 = decode_msgpack(encode_msgpack(v, t), t);
  if (!(v3 == v)) abort();
  return 0;
}
