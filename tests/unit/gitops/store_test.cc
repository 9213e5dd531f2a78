#include "internal/gitops/store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "internal/gitops/commit_message.h"

namespace aoa::gitops {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "aoa-gitops-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  std::string str(const std::string& sub = "") const { return sub.empty() ? path_.string() : (path_ / sub).string(); }

 private:
  fs::path path_;
};

struct CmdResult {
  int rc;
  std::string out;
};

CmdResult run(const std::string& cmd) {
  CmdResult r{-1, ""};
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string git(const std::string& dir, const std::string& args) {
  return run("git -C '" + dir + "' " + args + " 2>/dev/null").out;
}

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

StoreConfig cfg(const std::string& location, const std::string& subpath = "") {
  StoreConfig c;
  c.location = location;
  c.subpath = subpath;
  return c;
}

CommitRequest req(std::vector<FileChange> changes, std::string msg = "update\n") {
  return CommitRequest{std::move(changes), std::move(msg)};
}

int commit_count(const std::string& dir, const std::string& branch = "main") {
  std::string out = git(dir, "rev-list --count " + branch);
  return out.empty() ? 0 : std::stoi(out);
}

TEST(Store, MissingRepositoryReadsNothingAndCreatesNothing) {
  TempDir tmp;
  std::string loc = tmp.str("gitops");
  Store s(cfg(loc));
  EXPECT_FALSE(s.exists());
  EXPECT_EQ(s.read("a.yaml"), std::nullopt);
  EXPECT_TRUE(s.list("").empty());
  EXPECT_TRUE(s.list_recursive("apps").empty());
  EXPECT_EQ(s.tip(), "");
  EXPECT_FALSE(fs::exists(loc));

  // An existing, empty directory stays untouched too.
  fs::create_directories(loc);
  Store s2(cfg("file://" + loc));
  EXPECT_FALSE(s2.exists());
  EXPECT_EQ(s2.read("a.yaml"), std::nullopt);
  EXPECT_TRUE(fs::is_empty(loc));
}

TEST(Store, FirstCommitCreatesRepositoryAndBranch) {
  TempDir tmp;
  std::string loc = tmp.str("nested/gitops");
  StoreConfig c = cfg("file://" + loc);
  c.branch = "desired";
  c.author = Author{"Platform Bot", "bot@example.com"};
  Store s(c);
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

TEST(Store, UpdateAndDeletePrunesEmptyDirectories) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
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

TEST(Store, NoopCommitCreatesNoCommit) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
  auto r1 = s.commit(req({{"a.yaml", "1\n"}}));
  auto r2 = s.commit(req({{"a.yaml", "1\n"}}));
  EXPECT_FALSE(r2.created);
  EXPECT_EQ(r2.commit_id, r1.commit_id);
  auto r3 = s.commit(req({{"missing.yaml", std::nullopt}, {"dir/missing.yaml", std::nullopt}}));
  EXPECT_FALSE(r3.created);
  EXPECT_EQ(r3.commit_id, r1.commit_id);
  EXPECT_EQ(commit_count(loc), 1);

  // No-op on a fresh location: nothing committed.
  TempDir tmp2;
  Store s2(cfg(tmp2.str("repo")));
  auto r4 = s2.commit(req({{"x", std::nullopt}}));
  EXPECT_FALSE(r4.created);
  EXPECT_EQ(r4.commit_id, "");
  EXPECT_FALSE(s2.exists());
}

TEST(Store, SubpathIsolation) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store a(cfg(loc, "envs/a"));
  Store b(cfg(loc, "envs/b/"));
  Store root(cfg(loc));
  a.commit(req({{"x.yaml", "A\n"}}));
  b.commit(req({{"x.yaml", "B\n"}, {"d/y.yaml", "BY\n"}}));
  EXPECT_EQ(a.read("x.yaml"), "A\n");
  EXPECT_EQ(b.read("x.yaml"), "B\n");
  EXPECT_EQ(a.list_recursive(""), std::vector<std::string>{"x.yaml"});
  EXPECT_EQ(b.list_recursive(""), (std::vector<std::string>{"d/y.yaml", "x.yaml"}));
  EXPECT_EQ(root.read("envs/a/x.yaml"), "A\n");
  EXPECT_TRUE(root.list("").empty());
  // Deleting everything in a's folder leaves b's alone.
  a.commit(req({{"x.yaml", std::nullopt}}));
  EXPECT_EQ(git(loc, "ls-tree -r --name-only main"), "envs/b/d/y.yaml\nenvs/b/x.yaml\n");
  EXPECT_FALSE(fs::exists(fs::path(loc) / "envs/a"));
  EXPECT_EQ(git(loc, "status --porcelain"), "");
}

TEST(Store, PathValidation) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
  for (const std::string& bad : std::vector<std::string>{"/abs.yaml", "../x", "a/../b", "a//b", "a/", "a\\b", "", ".git/config", "a/.GIT/x",
                          "./a", std::string("a\0b", 3)}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(s.read(bad), StoreError);
    EXPECT_THROW(s.commit(req({{"ok.yaml", "1"}, {bad, "x"}})), StoreError);
    EXPECT_THROW(Store::validate_path(bad), StoreError);
  }
  EXPECT_THROW(s.list("../x"), StoreError);
  EXPECT_FALSE(fs::exists(loc));  // rejected before anything touched the disk
  try {
    s.read("../etc/passwd");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("'..'"), std::string::npos) << e.what();
  }

  // Bad configuration: the constructor does not throw, operations do.
  StoreConfig bad_branch = cfg(loc);
  bad_branch.branch = "a..b";
  EXPECT_NO_THROW(Store{bad_branch});
  EXPECT_THROW(Store(bad_branch).exists(), StoreError);
  EXPECT_THROW(Store::validate_config(bad_branch), StoreError);
  EXPECT_THROW(Store(cfg(loc, "../up")).read("a"), StoreError);
  EXPECT_THROW(Store::validate_config(cfg("https://example.com/r.git")), StoreError);
  EXPECT_THROW(Store::validate_config(cfg("")), StoreError);
  EXPECT_NO_THROW(Store::validate_config(cfg(loc, "sub/dir")));
  EXPECT_FALSE(fs::exists(loc));
}

TEST(Store, FileDirectoryConflictsAreErrorsAndLeaveBranchAlone) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
  auto r1 = s.commit(req({{"a", "file\n"}, {"d/x", "x\n"}}));
  EXPECT_THROW(s.commit(req({{"a/b", "x"}})), StoreError);
  EXPECT_THROW(s.commit(req({{"d", "x"}})), StoreError);
  EXPECT_THROW(s.commit(req({{"n", "x"}, {"n/m", "y"}})), StoreError);
  EXPECT_EQ(s.tip(), r1.commit_id);
  EXPECT_EQ(commit_count(loc), 1);
}

TEST(Store, ReadsComeFromTheTipNotTheWorkingTree) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
  s.commit(req({{"a.yaml", "committed\n"}}));
  spit(fs::path(loc) / "a.yaml", "hand edit\n");
  spit(fs::path(loc) / "b.yaml", "untracked\n");
  EXPECT_EQ(s.read("a.yaml"), "committed\n");
  EXPECT_EQ(s.read("b.yaml"), std::nullopt);
  EXPECT_EQ(s.list(""), std::vector<std::string>{"a.yaml"});
}

TEST(Store, WorkingTreeUpdatedButHandEditsNotClobbered) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  fs::path wd(loc);
  Store s(cfg(loc));
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

TEST(Store, ManyThreadsOneStore) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc, "gitops"));
  constexpr int kThreads = 8, kCommits = 25;
  std::atomic<int> created{0}, errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCommits; ++i) {
        std::string p = "apps/t" + std::to_string(t) + "/f" + std::to_string(i) + ".yaml";
        try {
          auto r = s.commit(req({{p, "v" + std::to_string(i) + "\n"}},
                                build_commit_message("write " + p, "", {{"Appofapps-Resource", p}})));
          if (r.created) ++created;
          if (s.read(p) != "v" + std::to_string(i) + "\n") ++errors;
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(created.load(), kThreads * kCommits);
  EXPECT_EQ(commit_count(loc), kThreads * kCommits);
  EXPECT_EQ(s.list_recursive("apps").size(), static_cast<size_t>(kThreads * kCommits));
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kCommits; ++i)
      EXPECT_EQ(s.read("apps/t" + std::to_string(t) + "/f" + std::to_string(i) + ".yaml"),
                "v" + std::to_string(i) + "\n");
  EXPECT_EQ(run("git -C '" + loc + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
  EXPECT_EQ(git(loc, "status --porcelain"), "");
}

TEST(Store, TwoStoresSamePathNoLostUpdate) {
  TempDir tmp;
  std::string loc = tmp.str("repo");  // fresh: also races the repository creation / first commit
  Store s1(cfg(loc)), s2(cfg(loc));
  constexpr int kCommits = 40;
  std::atomic<int> errors{0};
  auto worker = [&](Store& s, const std::string& who) {
    for (int i = 0; i < kCommits; ++i) {
      try {
        // Both also rewrite a shared file: the last writer wins, but no file is lost.
        auto r = s.commit(req({{who + "/" + std::to_string(i), "x\n"}, {"shared", who + std::to_string(i) + "\n"}}));
        if (!r.created) ++errors;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++errors;
      }
    }
  };
  std::thread t1(worker, std::ref(s1), "one");
  std::thread t2(worker, std::ref(s2), "two");
  t1.join();
  t2.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(commit_count(loc), 2 * kCommits);
  EXPECT_EQ(s1.list("one").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(s2.list("two").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(s1.tip(), s2.tip());
  EXPECT_EQ(run("git -C '" + loc + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
  EXPECT_EQ(git(loc, "status --porcelain"), "");
}

TEST(Store, TwoProcessesSamePathNoLostUpdate) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  constexpr int kCommits = 30;
  auto work = [&](const std::string& who) {
    Store s(cfg(loc));
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
  Store s(cfg(loc));
  EXPECT_EQ(commit_count(loc), 2 * kCommits);
  EXPECT_EQ(s.list("child").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(s.list("parent").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(run("git -C '" + loc + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
  EXPECT_EQ(git(loc, "status --porcelain"), "");
}

TEST(Store, CommitMessageTrailersParseWithGit) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
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

TEST(Store, StaleRefLockFailsCleanlyThenRecovers) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  Store s(cfg(loc));
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

TEST(Store, ExistingRepositoryWithOtherHeadKeepsWorkingTree) {
  TempDir tmp;
  std::string loc = tmp.str("repo");
  ASSERT_EQ(run("git init -q -b other '" + loc + "' && git -C '" + loc +
                "' -c user.name=u -c user.email=u@x commit -q --allow-empty -m init")
                .rc,
            0);
  Store s(cfg(loc));
  auto r = s.commit(req({{"a.yaml", "1\n"}}));
  EXPECT_TRUE(r.created);
  EXPECT_EQ(git(loc, "symbolic-ref HEAD"), "refs/heads/other\n");  // HEAD untouched
  EXPECT_FALSE(fs::exists(fs::path(loc) / "a.yaml"));              // working tree belongs to "other"
  EXPECT_EQ(git(loc, "show main:a.yaml"), "1\n");
}

}  // namespace
}  // namespace aoa::gitops
