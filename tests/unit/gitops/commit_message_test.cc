#include "internal/gitops/commit_message.h"

#include <gtest/gtest.h>

namespace aoa::gitops {
namespace {

TEST(CommitMessage, SubjectBodyTrailers) {
  std::string m = build_commit_message("appofapps_app.fraud: update", "Model fraud 1.2 -> 1.3.",
                                       {{"Appofapps-Resource", "appofapps_app.fraud"},
                                        {"Appofapps-Environment", "prod"}});
  EXPECT_EQ(m,
            "appofapps_app.fraud: update\n"
            "\n"
            "Model fraud 1.2 -> 1.3.\n"
            "\n"
            "Appofapps-Resource: appofapps_app.fraud\n"
            "Appofapps-Environment: prod\n");
}

TEST(CommitMessage, SubjectIsOneLine) {
  std::string m = build_commit_message("line one\nline two\r\nthree\n", "", {});
  EXPECT_EQ(m, "line one line two three\n");
}

TEST(CommitMessage, NoBodyWithTrailers) {
  std::string m = build_commit_message("s", "\n\n", {{"Appofapps-Actor", "ci\nbot"}});
  EXPECT_EQ(m, "s\n\nAppofapps-Actor: ci bot\n");
}

TEST(CommitMessage, TrailerKeysSanitised) {
  std::string m = build_commit_message("s", "b", {{"Bad Key:x", "v"}});
  EXPECT_EQ(m, "s\n\nb\n\nBad-Key-x: v\n");
}

TEST(CommitMessage, EmptySubjectGetsPlaceholder) {
  EXPECT_EQ(build_commit_message("", "", {}), "Update\n");
}

}  // namespace
}  // namespace aoa::gitops

namespace aoa::gitops {
namespace {

TEST(CombineCommitMessages, ListsEverySubjectAndKeepsEachTrailerOnce) {
  const std::string a = build_commit_message("Create app a", "wave 0", {{"Appofapps-Environment", "ml/dev"}});
  const std::string b = build_commit_message("Update app b", "", {{"Appofapps-Environment", "ml/dev"}, {"Appofapps-Resource", "b"}});
  EXPECT_EQ(combine_commit_messages({a, b}),
            "Apply 2 changes\n\n- Create app a\n  wave 0\n- Update app b\n\nAppofapps-Environment: ml/dev\n"
            "Appofapps-Resource: b\n");
  EXPECT_EQ(combine_commit_messages({a}, "Release ml/dev: 1 change\nsecond line"),
            "Release ml/dev: 1 change second line\n\n- Create app a\n  wave 0\n\nAppofapps-Environment: ml/dev\n");
}

}  // namespace
}  // namespace aoa::gitops
