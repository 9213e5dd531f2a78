// The seed corpus of fuzz_model_version_parse holds the property the fuzzer checks: a file either
// is refused with a RegistryError, or renders and parses back to the same record. The
// regression-* seeds are inputs the fuzzer once broke.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "internal/registry/model_version.h"

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(ModelVersionFuzzSeeds, ParseRefusesOrRoundTrips) {
  const auto dir = std::filesystem::path(AOA_REPO_ROOT) / "tests/fuzz/corpus/fuzz_model_version_parse";
  size_t files = 0, parsed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    aoa::registry::ModelVersionRecord r;
    try {
      r = aoa::registry::parse_model_version(read(entry.path()));
    } catch (const aoa::registry::RegistryError&) {
      continue;
    }
    ++parsed;
    EXPECT_EQ(aoa::registry::parse_model_version(aoa::registry::render_model_version(r)), r) << entry.path();
  }
  EXPECT_GE(files, 5u);
  EXPECT_GE(parsed, 3u);  // full, minimal, hand-edited
}

TEST(ModelVersionFuzzSeeds, RawControlCharactersAreRefused) {
  const auto text = read(std::filesystem::path(AOA_REPO_ROOT) /
                         "tests/fuzz/corpus/fuzz_model_version_parse/regression-raw-nul-in-key.yaml");
  try {
    aoa::registry::parse_model_version(text);
    FAIL() << "parsed";
  } catch (const aoa::registry::RegistryError& e) {
    EXPECT_NE(std::string(e.what()).find("control character"), std::string::npos) << e.what();
  }
}
