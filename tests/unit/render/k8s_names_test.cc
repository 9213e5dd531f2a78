#include "internal/render/k8s_names.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace aoa::render {
namespace {

TEST(K8sNames, Dns1123Label) {
  for (const std::string& ok : std::vector<std::string>{"a", "0", "dev", "ml-platform", "a1-b2", "123", std::string(63, 'a')}) {
    EXPECT_TRUE(is_dns1123_label(ok)) << ok;
  }
  for (const std::string& bad : std::vector<std::string>{"", "-a", "a-", "A", "a_b", "a.b", "a b", "é", std::string(64, 'a')}) {
    EXPECT_FALSE(is_dns1123_label(bad)) << bad;
  }
}

TEST(K8sNames, Dns1123Subdomain) {
  for (const std::string& ok : std::vector<std::string>{"a", "fraud-dev", "a.b.c", "example.com", "1.2.3", std::string(253, 'a')}) {
    EXPECT_TRUE(is_dns1123_subdomain(ok)) << ok;
  }
  for (const std::string& bad : std::vector<std::string>{"", ".a", "a.", "a..b", "A.b", "a_b", "a.-b", "a-.b", std::string(254, 'a')}) {
    EXPECT_FALSE(is_dns1123_subdomain(bad)) << bad;
  }
}

TEST(K8sNames, LabelKey) {
  for (const std::string& ok : std::vector<std::string>{"app", "App_1.x-y", "appofapps.io/root", "app.kubernetes.io/managed-by", "a/B",
                               std::string(253, 'a') + "/" + std::string(63, 'b')}) {
    EXPECT_TRUE(is_label_key(ok)) << ok;
  }
  for (const std::string& bad : std::vector<std::string>{"", "/a", "a/", "a/b/c", "-a", "a-", "_a", "Example.com/a", "a b", "a:b",
                                std::string(64, 'a'), std::string(254, 'a') + "/b"}) {
    EXPECT_FALSE(is_label_key(bad)) << bad;
  }
}

TEST(K8sNames, LabelValue) {
  for (const std::string& ok : std::vector<std::string>{"", "a", "true", "1.0", "on", "A_b-c.d", std::string(63, 'z')}) {
    EXPECT_TRUE(is_label_value(ok)) << ok;
  }
  for (const std::string& bad : std::vector<std::string>{"-a", "a-", ".a", "a b", "a/b", "a:b", "é", std::string(64, 'z')}) {
    EXPECT_FALSE(is_label_value(bad)) << bad;
  }
}

}  // namespace
}  // namespace aoa::render
