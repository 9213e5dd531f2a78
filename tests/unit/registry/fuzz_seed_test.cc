// The seed corpus of fuzz_model_version_parse holds the property the fuzzer checks: a file either
// is refused with a Status, or renders and parses back to the same record. The
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
    const auto parsed_record = aoa::registry::parse_model_version(read(entry.path()));
    if (!parsed_record.ok()) continue;
    const aoa::registry::ModelVersionRecord& r = *parsed_record;
    ++parsed;
    EXPECT_EQ(aoa::registry::parse_model_version(aoa::registry::render_model_version(r).value()).value(), r) << entry.path();
  }
  EXPECT_GE(files, 5u);
  EXPECT_GE(parsed, 3u);  // full, minimal, hand-edited
}

TEST(ModelVersionFuzzSeeds, RawControlCharactersAreRefused) {
  const auto text = read(std::filesystem::path(AOA_REPO_ROOT) /
                         "tests/fuzz/corpus/fuzz_model_version_parse/regression-raw-nul-in-key.yaml");
  const aoa::Status s = aoa::registry::parse_model_version(text).status();
  ASSERT_FALSE(s.ok()) << "parsed";
  EXPECT_NE(s.message().find("control character"), std::string::npos) << s.message();
}
