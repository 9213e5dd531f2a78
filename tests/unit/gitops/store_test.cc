// GitStore's own behaviour: the repository and working tree on disk, history, locks, other
// processes. What every Store does is in store_contract_test.cc.
#include "internal/gitops/git_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "internal/gitops/commit_message.h"
#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops::testing {
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << s;
}

TEST(GitStore, MissingRepositoryReadsNothingAndCreatesNothing) {
  TempDir tmp;
  std::string loc = tmp.str("gitops");
  GitStore s(cfg(loc));
  EXPECT_FALSE(s.exists());
  EXPECT_EQ(s.read("a.yaml"), std::nullopt);
  EXPECT_TRUE(s.list("").empty());
  EXPECT_TRUE(s.list_recursive("apps").empty());
  EXPECT_EQ(s.tip(), "");
  EXPECT_FALSE(fs::exists(loc));

  // An existing, empty directory stays untouched too.
  fs::create_directories(loc);
  GitStore s2(cfg("file://" + loc));
  EXPECT_FALSE(s2.exists());
  EXPECT_EQ(s2.read("a.yaml"), std::nullopt);
  EXPECT_TRUE(fs::is_empty(loc));
}

TEST(GitStore, FirstCommitCreatesRepositoryAndBranch) {
  TempDir tmp;
  std::string loc = tmp.str("nested/gitops");
  StoreConfig c = cfg("file://" + loc);
  c.branch = "desired";
  c.author = Author{"Platform Bot", "bot@example.com"};
  GitStore s(c);
  CommitResult r = s.commit(req({{"roots/ml/dev.yaml", "kind: Application\n"}, {"README", "hi\n"}}, "first commit\n"));
  EXPECT_TRUE(r.created);
  EXPECT_EQ(r.commit_id.size(), 40u);
  EXPECT_EQ(r.commit_id, s.tip());
  EXPECT_TRUE(s.exists());
  EXPECT_EQ(git(loc, "log --format=%s desired"), "first commit\n");
  EXPECT_EQ(git(loc, "log -1 --format='%an <%ae>|%cn <%ce>' desired"),
            "Platform Bot <bot@example.com>|Platform Bot <bot@example.com>\n");
  EXPECT_EQ(git(loc, "rev-parse desired"), r.commit_id + "\n");
  EXPECT_EQ(git(loc, "symbolic-ref HEAD"), "refs/heads/desired\n");
  EXPECT_EQ(git(loc, "rev-parse --is-bare-repository"), "false\n");
  EXPECT_EQ(git(loc, "status --porcelain"), "");
  EXPECT_EQ(slurp(fs::path(loc) / "roots/ml/dev.yaml"), "kind: Application\n");
  EXPECT_EQ(s.read("roots/ml/dev.yaml"), "kind: Application\n");
  EXPECT_EQ(s.list(""), std::vector<std::string>{"README"});
  EXPECT_EQ(s.list("roots/ml"), std::vector<std::string>{"dev.yaml"});
  EXPECT_EQ(s.list_recursive(""), (std::vector<std::string>{"README", "roots/ml/dev.yaml"}));
  EXPECT_EQ(s.list_recursive("roots"), (std::vector<std::string>{"roots/ml/dev.yaml"}));
  EXPECT_EQ(s.last_worktree_error(), "");
}

TEST(GitStore, UpdateAndDeletePrunesEmptyDirectories) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  GitStore s(cfg(loc));
  s.commit(req({{"a.yaml", "1\n"}, {"apps/r/dev/x.yaml", "x\n"}, {"apps/r/dev/y.yaml", "y\n"}}, "one\n"));
  auto r2 = s.commit(req({{"a.yaml", "2\n"}, {"apps/r/dev/x.yaml", std::nullopt}}, "two\n"));
  EXPECT_TRUE(r2.created);
  EXPECT_EQ(s.read("a.yaml"), "2\n");
  EXPECT_EQ(s.read("apps/r/dev/x.yaml"), std::nullopt);
  EXPECT_EQ(s.list("apps/r/dev"), std::vector<std::string>{"y.yaml"});
  auto r3 = s.commit(req({{"apps/r/dev/y.yaml", std::nullopt}}, "three\n"));
  EXPECT_TRUE(r3.created);
  EXPECT_EQ(git(loc, "ls-tree -r --name-only -t main"), "a.yaml\n");  // apps/ pruned from the tree
  EXPECT_FALSE(fs::exists(fs::path(loc) / "apps"));                    // and from the working tree
  EXPECT_EQ(slurp(fs::path(loc) / "a.yaml"), "2\n");
  EXPECT_EQ(git(loc, "log --format=%s"), "three\ntwo\none\n");
  EXPECT_EQ(git(loc, "status --porcelain"), "");
  EXPECT_TRUE(s.list("apps").empty());
}

// Invalid paths and configurations are refused before anything touches the disk.
TEST(GitStore, RefusalsLeaveTheDiskAlone) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  GitStore s(cfg(loc));
  EXPECT_THROW(s.read("../x"), StoreError);
  EXPECT_THROW(s.commit(req({{"ok.yaml", "1"}, {"a//b", "x"}})), StoreError);
  EXPECT_THROW(s.list("../x"), StoreError);

  StoreConfig bad_branch = cfg(loc);
  bad_branch.branch = "a..b";
  EXPECT_NO_THROW(GitStore{bad_branch});
  EXPECT_THROW(GitStore(bad_branch).exists(), StoreError);
  EXPECT_THROW(GitStore::validate_config(bad_branch), StoreError);
  EXPECT_THROW(GitStore::validate_config(cfg("https://example.com/r.git")), StoreError);
  EXPECT_THROW(GitStore::validate_config(cfg("")), StoreError);
  EXPECT_THROW(GitStore::validate_config(cfg(loc, "../up")), StoreError);
  EXPECT_NO_THROW(GitStore::validate_config(cfg(loc, "sub/dir")));
  EXPECT_FALSE(fs::exists(loc));
}

TEST(GitStore, ReadsComeFromTheTipNotTheWorkingTree) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  GitStore s(cfg(loc));
  s.commit(req({{"a.yaml", "committed\n"}}));
  spit(fs::path(loc) / "a.yaml", "hand edit\n");
  spit(fs::path(loc) / "b.yaml", "untracked\n");
  EXPECT_EQ(s.read("a.yaml"), "committed\n");
  EXPECT_EQ(s.read("b.yaml"), std::nullopt);
  EXPECT_EQ(s.list(""), std::vector<std::string>{"a.yaml"});
}

TEST(GitStore, WorkingTreeUpdatedButHandEditsNotClobbered) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  fs::path wd(loc);
  GitStore s(cfg(loc));
  s.commit(req({{"keep.yaml", "v1\n"}, {"edit.yaml", "v1\n"}, {"gone.yaml", "v1\n"}, {"gone-edited.yaml", "v1\n"}}));
  spit(wd / "edit.yaml", "hand\n");
  spit(wd / "gone-edited.yaml", "hand\n");
  fs::remove(wd / "keep.yaml");  // absent in the working tree: gets recreated

  s.commit(req({{"keep.yaml", "v2\n"},
                {"edit.yaml", "v2\n"},
                {"gone.yaml", std::nullopt},
                {"gone-edited.yaml", std::nullopt},
                {"new/n.yaml", "n\n"}}));
  EXPECT_EQ(slurp(wd / "keep.yaml"), "v2\n");
  EXPECT_EQ(slurp(wd / "edit.yaml"), "hand\n");
  EXPECT_FALSE(fs::exists(wd / "gone.yaml"));
  EXPECT_EQ(slurp(wd / "gone-edited.yaml"), "hand\n");
  EXPECT_EQ(slurp(wd / "new/n.yaml"), "n\n");
  EXPECT_EQ(s.read("edit.yaml"), "v2\n");
  // Index follows the new tip, so the hand edits show up as plain working-tree changes.
  EXPECT_EQ(git(loc, "status --porcelain"), " M edit.yaml\n?? gone-edited.yaml\n");

  // An untracked file the provider later creates is not overwritten either.
  spit(wd / "mine.yaml", "mine\n");
  s.commit(req({{"mine.yaml", "provider\n"}}));
  EXPECT_EQ(slurp(wd / "mine.yaml"), "mine\n");
  EXPECT_EQ(s.read("mine.yaml"), "provider\n");
}

TEST(GitStore, TwoProcessesSamePathNoLostUpdate) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  constexpr int kCommits = 30;
  auto work = [&](const std::string& who) {
    GitStore s(cfg(loc));
    for (int i = 0; i < kCommits; ++i) s.commit(req({{who + "/" + std::to_string(i), "x\n"}}));
  };
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int rc = 0;
    try {
      work("child");
    } catch (...) {
      rc = 1;
    }
    ::_exit(rc);
  }
  work("parent");
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  GitStore s(cfg(loc));
  EXPECT_EQ(commit_count(loc), 2 * kCommits);
  EXPECT_EQ(s.list("child").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(s.list("parent").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(run("git -C '" + loc + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
  EXPECT_EQ(git(loc, "status --porcelain"), "");
}

TEST(GitStore, CommitMessageTrailersParseWithGit) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  GitStore s(cfg(loc));
  std::string msg = build_commit_message("appofapps_root.ml: create", "Environments: dev, staging, prod.",
                                         {{"Appofapps-Resource", "appofapps_root.ml"},
                                          {"Appofapps-Environment", "dev"},
                                          {"Appofapps-Actor", "terraform"}});
  s.commit(req({{"roots/ml/dev.yaml", "x\n"}}, msg));
  EXPECT_EQ(git(loc, "log -1 --format=%B"), msg + "\n");
  auto r = run("git -C '" + loc + "' log -1 --format=%B | git interpret-trailers --parse");
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.out,
            "Appofapps-Resource: appofapps_root.ml\n"
            "Appofapps-Environment: dev\n"
            "Appofapps-Actor: terraform\n");
  EXPECT_EQ(git(loc, "log -1 '--format=%(trailers:key=Appofapps-Resource,valueonly)'"), "appofapps_root.ml\n\n");
}

TEST(GitStore, StaleRefLockFailsCleanlyThenRecovers) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  GitStore s(cfg(loc));
  auto r1 = s.commit(req({{"a", "1"}}));
  fs::path lock = fs::path(loc) / ".git/refs/heads/main.lock";
  spit(lock, "");
  try {
    s.commit(req({{"a", "2"}}));
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("main.lock"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.tip(), r1.commit_id);
  EXPECT_EQ(s.read("a"), "1");
  EXPECT_EQ(slurp(fs::path(loc) / "a"), "1");
  fs::remove(lock);
  EXPECT_TRUE(s.commit(req({{"a", "2"}})).created);
  EXPECT_EQ(slurp(fs::path(loc) / "a"), "2");
}

// A provider killed while it moved the branch: its commit landed, its locks and an index behind
// the branch stayed. The next commit removes the locks (their owner is provably gone: the writer
// mark is there and nobody holds the writer flock) and brings the working tree along.
TEST(GitStore, LocksOfAProviderThatDiedWhileWritingAreRecovered) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  GitStore s(cfg(loc));
  s.commit(req({{"a", "1\n"}, {"b", "1\n"}}));
  // The dead provider's commit: "a" changed, moved onto the branch without the index or files.
  const std::string blob = run("printf '2\\n' | git -C '" + loc + "' hash-object -w --stdin").out;
  ASSERT_FALSE(blob.empty());
  const std::string tree = run("printf '100644 blob " + blob.substr(0, 40) + "\\ta\\n100644 blob " +
                               git(loc, "rev-parse main:b").substr(0, 40) + "\\tb\\n' | git -C '" + loc + "' mktree").out;
  const std::string commit = run("git -C '" + loc + "' -c user.name=u -c user.email=u@x commit-tree " + tree.substr(0, 40) +
                                 " -p main -m dead").out;
  ASSERT_EQ(run("git -C '" + loc + "' update-ref refs/heads/main " + commit.substr(0, 40)).rc, 0);
  spit(fs::path(loc) / ".git/refs/heads/main.lock", "");
  spit(fs::path(loc) / ".git/index.lock", "");
  spit(fs::path(loc) / ".git/appofapps-writing", "");
  auto r = s.commit(req({{"c", "1\n"}}));
  EXPECT_TRUE(r.created);
  EXPECT_FALSE(fs::exists(fs::path(loc) / ".git/refs/heads/main.lock"));
  EXPECT_FALSE(fs::exists(fs::path(loc) / ".git/index.lock"));
  EXPECT_FALSE(fs::exists(fs::path(loc) / ".git/appofapps-writing"));
  EXPECT_EQ(slurp(fs::path(loc) / "a"), "2\n") << "the dead provider's change reached the working tree";
  EXPECT_EQ(git(loc, "status --porcelain"), "") << "the index follows the branch";
  EXPECT_EQ(run("git -C '" + loc + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
}

TEST(GitStore, ExistingRepositoryWithOtherHeadKeepsWorkingTree) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  ASSERT_EQ(run("git init -q -b other '" + loc + "' && git -C '" + loc +
                "' -c user.name=u -c user.email=u@x commit -q --allow-empty -m init")
                .rc,
            0);
  GitStore s(cfg(loc));
  auto r = s.commit(req({{"a.yaml", "1\n"}}));
  EXPECT_TRUE(r.created);
  EXPECT_EQ(git(loc, "symbolic-ref HEAD"), "refs/heads/other\n");  // HEAD untouched
  EXPECT_FALSE(fs::exists(fs::path(loc) / "a.yaml"));              // working tree belongs to "other"
  EXPECT_EQ(git(loc, "show main:a.yaml"), "1\n");
}

}  // namespace
}  // namespace aoa::gitops::testing
