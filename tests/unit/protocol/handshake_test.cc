#include "internal/protocol/handshake.h"

#include <gtest/gtest.h>

namespace aoa::protocol {
namespace {

TEST(Handshake, NegotiatesProtocolSixFromAnyOrder) {
  EXPECT_EQ(negotiate_protocol_version("5,6"), 6);
  EXPECT_EQ(negotiate_protocol_version("6,5"), 6);
  EXPECT_EQ(negotiate_protocol_version("6"), 6);
  EXPECT_EQ(negotiate_protocol_version("x,6"), 6);
  EXPECT_EQ(negotiate_protocol_version(nullptr), 6);
  EXPECT_EQ(negotiate_protocol_version(""), 6);
  EXPECT_EQ(negotiate_protocol_version("5"), std::nullopt);
  EXPECT_EQ(negotiate_protocol_version("4,5,7"), std::nullopt);
  EXPECT_EQ(negotiate_protocol_version("6x"), std::nullopt);
}

TEST(Handshake, Base64IsStandardAlphabetWithoutPadding) {
  EXPECT_EQ(base64_raw_std(""), "");
  EXPECT_EQ(base64_raw_std("f"), "Zg");
  EXPECT_EQ(base64_raw_std("fo"), "Zm8");
  EXPECT_EQ(base64_raw_std("foo"), "Zm9v");
  EXPECT_EQ(base64_raw_std("foob"), "Zm9vYg");
  EXPECT_EQ(base64_raw_std("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64_raw_std("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_raw_std(std::string("\xfb\xff\xbf", 3)), "+/+/");  // '+' and '/', not URL-safe
}

TEST(Handshake, LineHasSixFieldsAndEndsWithNewline) {
  EXPECT_EQ(handshake_line(6, "tcp", "127.0.0.1:1234", "foo"), "1|6|tcp|127.0.0.1:1234|grpc|Zm9v\n");
  EXPECT_EQ(handshake_line(6, "tcp", "127.0.0.1:1234", ""), "1|6|tcp|127.0.0.1:1234|grpc|\n");
}

}  // namespace
}  // namespace aoa::protocol
