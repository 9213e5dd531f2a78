#include <gtest/gtest.h>

#include "provider/appofapps_provider.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider {
namespace {

using testing::has_error_at;

using cty::Type;
using cty::Value;

Value config_with_repo(const AppofappsProvider& p, std::map<std::string, Value> repo) {
  Type t = p.schema().block.implied_type();
  return Value::object(t, {{"repository", Value::object(t.attribute("repository"), std::move(repo))}});
}

TEST(ProviderConfig, RemoteUrlsBadBranchesAndEscapingPaths) {
  AppofappsProvider p;
  using schema::AttributePath;
  for (const char* remote : {"https://github.com/x/y.git", "ssh://git@host:2222/x/y.git", "git@github.com:x/y.git"}) {
    schema::Diagnostics d;
    p.validate(config_with_repo(p, {{"url", Value::string(remote)}}), d);
    EXPECT_FALSE(d.has_errors()) << remote;
  }
  // A password in the URL would be logged and saved with the configuration; git:// cannot push.
  for (const char* bad : {"https://me:hunter22@github.com/x/y.git", "git://host/x/y.git"}) {
    schema::Diagnostics d;
    p.validate(config_with_repo(p, {{"url", Value::string(bad)}}), d);
    EXPECT_TRUE(has_error_at(d, "Invalid repository URL", AttributePath::root("repository").attr("url"))) << bad;
    for (const auto& item : d.items()) EXPECT_EQ(item.detail.find("hunter22"), std::string::npos) << item.detail;
  }
  schema::Diagnostics two;
  p.validate(config_with_repo(p, {{"url", Value::string("https://h/x.git")},
                                  {"token_env", Value::string("A")},
                                  {"token_file", Value::string("/f")}}),
             two);
  EXPECT_TRUE(has_error_at(two, "Conflicting token sources", AttributePath::root("repository").attr("token")));

  schema::Diagnostics b;
  p.validate(config_with_repo(p, {{"url", Value::string("./g")}, {"branch", Value::string("bad..branch")}}), b);
  EXPECT_TRUE(has_error_at(b, "Invalid branch", AttributePath::root("repository").attr("branch")));

  schema::Diagnostics s;
  p.validate(config_with_repo(p, {{"url", Value::string("./g")}, {"path", Value::string("../outside")}}), s);
  EXPECT_TRUE(has_error_at(s, "Invalid repository path", AttributePath::root("repository").attr("path")));

  schema::Diagnostics ok;
  p.validate(config_with_repo(p, {{"url", Value::string("file:///tmp/x")}, {"path", Value::string("a/b/")}}), ok);
  EXPECT_FALSE(ok.has_errors());
}

TEST(ProviderConfig, AuthorAndFileUrlsAreCheckedWithTheirPaths) {
  AppofappsProvider p;
  Type t = p.schema().block.implied_type();
  using schema::AttributePath;
  schema::Diagnostics d;
  p.validate(Value::object(t, {{"author", Value::object(t.attribute("author"), {{"name", Value::string("")},
                                                                             {"email", Value::string("a<b")}})}}),
             d);
  EXPECT_TRUE(has_error_at(d, "Invalid author name", AttributePath::root("author").attr("name")));
  EXPECT_TRUE(has_error_at(d, "Invalid author email", AttributePath::root("author").attr("email")));

  schema::Diagnostics rel;
  p.validate(config_with_repo(p, {{"url", Value::string("file://relative/x")}}), rel);
  EXPECT_TRUE(has_error_at(rel, "Invalid repository URL", AttributePath::root("repository").attr("url")));
  schema::Diagnostics host;
  p.validate(config_with_repo(p, {{"url", Value::string("file://localhost/srv/gitops")}}), host);
  EXPECT_FALSE(host.has_errors());
}

// A mebibyte author name used to make a three-mebibyte commit object.
TEST(ProviderConfig, HugeOrControlCharacterValuesAreRejected) {
  AppofappsProvider p;
  Type t = p.schema().block.implied_type();
  using schema::AttributePath;
  schema::Diagnostics d;
  p.validate(Value::object(t, {{"author", Value::object(t.attribute("author"),
                                                        {{"name", Value::string(std::string(1 << 20, 'a'))},
                                                         {"email", Value::string("a@b\n.c")}})}}),
             d);
  EXPECT_TRUE(has_error_at(d, "Value too long", AttributePath::root("author").attr("name")));
  EXPECT_TRUE(has_error_at(d, "Invalid characters", AttributePath::root("author").attr("email")));
}

TEST(ProviderConfig, EmbeddedDefaultNeedsNoConfiguration) {
  AppofappsProvider p;
  schema::Diagnostics d;
  p.configure("1.11.4", Value::null(p.schema().block.implied_type()), d);
  EXPECT_FALSE(d.has_errors());
  p.configure("1.11.4", Value::object(p.schema().block.implied_type(), {}), d);
  EXPECT_FALSE(d.has_errors());
}

TEST(ProviderConfig, ResourcesAreUsableOnlyAfterConfigure) {
  AppofappsProvider p;
  const auto& root = *p.resources().at("appofapps_root");
  schema::ImportResponse imported = root.import_state("ml");
  EXPECT_FALSE(imported.diagnostics.has_errors()) << "import only builds a stub";
  EXPECT_THROW(root.read({imported.state, ""}), NotConfigured);
}

}  // namespace
}  // namespace aoa::provider
