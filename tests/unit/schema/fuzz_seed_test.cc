// The fuzz seed corpus must decode (so fuzzing starts from interesting, valid inputs).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/json_codec.h"
#include "schema/msgpack_codec.h"
#include "tests/fuzz/fuzz_types.h"

using namespace aoa::cty;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(FuzzSeeds, MsgpackSeedsDecodeAndRoundTrip) {
  auto dir = std::filesystem::path(AOA_REPO_ROOT) / "tests/fuzz/corpus/fuzz_msgpack_decode";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string bytes = slurp(e.path());
    Value v = decode_msgpack(bytes, aoa::fuzz::fuzz_type());
    EXPECT_EQ(decode_msgpack(encode_msgpack(v, aoa::fuzz::fuzz_type()), aoa::fuzz::fuzz_type()), v) << e.path();
    ++n;
  }
  EXPECT_GE(n, 3);
}

TEST(FuzzSeeds, JsonSeedsDecodeAndRoundTrip) {
  auto dir = std::filesystem::path(AOA_REPO_ROOT) / "tests/fuzz/corpus/fuzz_state_json_decode";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    Value v = decode_json(slurp(e.path()), aoa::fuzz::fuzz_type());
    EXPECT_EQ(decode_json(encode_json(v, aoa::fuzz::fuzz_type()), aoa::fuzz::fuzz_type()), v) << e.path();
    ++n;
  }
  EXPECT_GE(n, 3);
}
