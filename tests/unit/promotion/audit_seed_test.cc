// The seed corpus of fuzz_audit_record_parse holds the property the fuzzer checks: a file either
// is refused with a Status, or renders and parses back to the same record.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "internal/promotion/audit.h"

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(AuditFuzzSeeds, ParseRefusesOrRoundTrips) {
  const auto dir = std::filesystem::path(AOA_REPO_ROOT) / "tests/fuzz/corpus/fuzz_audit_record_parse";
  size_t parsed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto parsed_record = aoa::promotion::parse_audit_json(read(entry.path()));
    if (!parsed_record.ok()) continue;
    const aoa::promotion::AuditRecord& r = *parsed_record;
    ++parsed;
    EXPECT_EQ(aoa::promotion::parse_audit_json(aoa::promotion::render_audit_json(r)).value(), r) << entry.path();
  }
  EXPECT_GE(parsed, 3u);  // full, held-minimal, withdrawn
}
