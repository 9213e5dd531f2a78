// RemoteStore against bare file:// remotes: fetch, push, the non-fast-forward rebuild and its
// conflict check, failures that leave nothing unpushed, offline, and concurrent writers.
#include "internal/gitops/remote.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "internal/gitops/group_commit.h"
#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops {
namespace {

using testing::git;
using testing::run;
using testing::TempDir;

class RemoteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run("git init -q --bare -b main '" + tmp.str("remote.git") + "'").rc, 0);
    url = "file://" + tmp.str("remote.git");
  }

  std::unique_ptr<RemoteStore> store(const std::string& cache, const std::string& subpath = "") {
    StoreConfig sc;
    sc.branch = "main";
    sc.subpath = subpath;
    RemoteConfig rc;
    rc.url = url;
    rc.cache_dir = tmp.str(cache);
    rc.backoff = std::chrono::milliseconds(10);
    auto s = std::make_unique<RemoteStore>(sc, rc);
    auto synced = s->sync();
    EXPECT_TRUE(synced.ok()) << synced.status().to_string();
    return s;
  }

  // Another writer: a clone that commits `path` = `content` and pushes.
  void push_elsewhere(const std::string& path, const std::string& content) {
    const std::string w = tmp.str("other");
    if (!std::filesystem::exists(w)) {
      ASSERT_EQ(run("git clone -q '" + tmp.str("remote.git") + "' '" + w + "' 2>/dev/null").rc, 0);
      git(w, "checkout -q -B main");
    }
    git(w, "pull -q origin main");
    std::filesystem::create_directories(std::filesystem::path(w + "/" + path).parent_path());
    std::ofstream(w + "/" + path) << content;
    ASSERT_EQ(run("cd '" + w + "' && git add -A && git -c user.name=o -c user.email=o@x commit -qm other && git push -q "
                  "origin main 2>/dev/null")
                  .rc,
              0);
  }

  std::string remote_file(const std::string& path) { return git(tmp.str("remote.git"), "show main:" + path); }
  std::string remote_tip() {
    auto out = git(tmp.str("remote.git"), "rev-parse main");
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  TempDir tmp;
  std::string url;
};

CommitRequest request(const std::string& path, const std::string& content, const std::string& message = "change") {
  return CommitRequest{{{path, content}}, message};
}

TEST_F(RemoteStoreTest, ACommitIsOnTheRemoteWhenItReturns) {
  auto s = store("cache");
  EXPECT_EQ(s->tip(), "");
  int pushes = 0;
  s->on_push([&](const PushReport& r) {
    ++pushes;
    EXPECT_EQ(r.attempts, 1);
  });
  CommitResult r = s->commit(request("apps/a.yaml", "a: 1\n", "Create a"));
  ASSERT_TRUE(r.created);
  EXPECT_EQ(remote_tip(), r.commit_id);
  EXPECT_EQ(remote_file("apps/a.yaml"), "a: 1\n");
  EXPECT_EQ(pushes, 1);
  // The cache is a bare clone under the cache directory, named after the URL.
  EXPECT_TRUE(s->cache_repository().starts_with(tmp.str("cache") + "/"));
  EXPECT_TRUE(std::filesystem::exists(s->cache_repository() + "/HEAD"));
  EXPECT_FALSE(std::filesystem::exists(s->cache_repository() + "/apps"));
}

TEST_F(RemoteStoreTest, SyncBringsWhatOthersPushedAndAFreshCacheSeesTheSame) {
  push_elsewhere("apps/b.yaml", "b\n");
  auto s = store("cache1");
  EXPECT_EQ(s->read("apps/b.yaml"), "b\n");
  push_elsewhere("apps/b.yaml", "b2\n");
  EXPECT_EQ(s->read("apps/b.yaml"), "b\n");  // reads are the cache's until the next sync
  ASSERT_TRUE(s->sync().ok());
  EXPECT_EQ(s->read("apps/b.yaml"), "b2\n");
  EXPECT_EQ(s->tip(), remote_tip());
  auto other = store("cache2");
  EXPECT_EQ(other->tip(), remote_tip());
}

TEST_F(RemoteStoreTest, AnUnrelatedPushMeanwhileIsRebuiltOnAndPushed) {
  push_elsewhere("base.txt", "0\n");
  auto s = store("cache");
  push_elsewhere("apps/other.yaml", "theirs\n");  // after our sync: our push is not a fast-forward
  const std::string theirs = remote_tip();
  int attempts = 0;
  s->on_push([&](const PushReport& r) { attempts = r.attempts; });
  CommitResult r = s->commit(request("apps/mine.yaml", "mine\n"));
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(remote_tip(), r.commit_id);
  EXPECT_EQ(remote_file("apps/mine.yaml"), "mine\n");
  EXPECT_EQ(remote_file("apps/other.yaml"), "theirs\n");
  EXPECT_EQ(git(tmp.str("remote.git"), "rev-parse main~1").substr(0, 40), theirs);  // linear: on their commit
}

TEST_F(RemoteStoreTest, AChangeToTheSameFileMeanwhileIsAConflictNamingBothCommits) {
  push_elsewhere("apps/a.yaml", "v1\n");
  auto s = store("cache");
  const std::string base = s->tip();
  push_elsewhere("apps/a.yaml", "theirs\n");
  const std::string theirs = remote_tip();
  try {
    s->commit(request("apps/a.yaml", "mine\n"));
    FAIL() << "expected a conflict";
  } catch (const StoreError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("apps/a.yaml"), std::string::npos) << m;
    EXPECT_NE(m.find(base.substr(0, 12)), std::string::npos) << m;
    EXPECT_NE(m.find(theirs.substr(0, 12)), std::string::npos) << m;
    EXPECT_NE(m.find("run terraform plan again"), std::string::npos) << m;
  }
  EXPECT_EQ(remote_file("apps/a.yaml"), "theirs\n");
  EXPECT_EQ(s->tip(), theirs);  // the cache holds no commit the remote does not have
}

// A saved plan applied elsewhere: the changes carry the commit the plan was made on. A file that
// someone else changed since is a conflict; other files, and this store's own earlier writes, are not.
TEST_F(RemoteStoreTest, AFileChangedSinceThePlansCommitIsAConflictOnAFreshCache) {
  push_elsewhere("apps/a.yaml", "v1\n");
  push_elsewhere("apps/b.yaml", "v1\n");
  const std::string planned_on = remote_tip();
  push_elsewhere("apps/a.yaml", "theirs\n");
  const std::string theirs = remote_tip();
  auto s = store("fresh-cache");  // another machine: an empty cache, fetched after the move
  CommitRequest a{{{"apps/a.yaml", "mine\n", planned_on}}, "Update a"};
  try {
    s->commit(a);
    FAIL() << "expected a conflict";
  } catch (const StoreError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("apps/a.yaml"), std::string::npos) << m;
    EXPECT_NE(m.find(planned_on.substr(0, 12) + ", which the plan was made on"), std::string::npos) << m;
    EXPECT_NE(m.find(theirs.substr(0, 12)), std::string::npos) << m;
    EXPECT_NE(m.find("run terraform plan again"), std::string::npos) << m;
  }
  EXPECT_EQ(remote_file("apps/a.yaml"), "theirs\n");
  CommitRequest b{{{"apps/b.yaml", "mine\n", planned_on}}, "Update b"};
  EXPECT_NO_THROW(s->commit(b));
  // b differs from the plan's commit now, by this store's own write: not a conflict.
  CommitRequest b2{{{"apps/b.yaml", "mine again\n", planned_on}}, "Update b again"};
  EXPECT_NO_THROW(s->commit(b2));
  EXPECT_EQ(remote_file("apps/b.yaml"), "mine again\n");
}

TEST_F(RemoteStoreTest, ASubpathIsWhereTheConflictCheckLooks) {
  push_elsewhere("ml/apps/a.yaml", "v1\n");
  auto s = store("cache", "ml");
  push_elsewhere("ml/apps/a.yaml", "theirs\n");
  EXPECT_THROW(s->commit(request("apps/a.yaml", "mine\n")), StoreError);
  push_elsewhere("other/apps/a.yaml", "unrelated\n");
  ASSERT_TRUE(s->sync().ok());
  push_elsewhere("other/apps/a.yaml", "unrelated2\n");
  EXPECT_NO_THROW(s->commit(request("apps/a.yaml", "mine\n")));
  EXPECT_EQ(remote_file("ml/apps/a.yaml"), "mine\n");
}

TEST_F(RemoteStoreTest, AFailedPushLeavesNoCommitInTheCache) {
  push_elsewhere("base.txt", "0\n");
  auto s = store("cache");
  const std::string before = s->tip();
  std::filesystem::rename(tmp.str("remote.git"), tmp.str("moved.git"));  // the remote is gone
  try {
    s->commit(request("apps/a.yaml", "a\n"));
    FAIL() << "expected the push to fail";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot push to " + url), std::string::npos) << e.what();
  }
  EXPECT_EQ(s->tip(), before);
  EXPECT_EQ(s->read("apps/a.yaml"), std::nullopt);
}

TEST_F(RemoteStoreTest, ANoOpCommitDoesNotPush) {
  auto s = store("cache");
  s->commit(request("a.txt", "a\n"));
  int pushes = 0;
  s->on_push([&](const PushReport&) { ++pushes; });
  CommitResult r = s->commit(request("a.txt", "a\n"));
  EXPECT_FALSE(r.created);
  EXPECT_EQ(pushes, 0);
}

TEST_F(RemoteStoreTest, OfflinePlansFromTheCacheAndRefusesToCommit) {
  StoreConfig sc;
  RemoteConfig rc;
  rc.url = url;
  rc.cache_dir = tmp.str("cache");
  rc.offline = true;
  {
    RemoteStore none(sc, rc);
    auto r = none.sync();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  }
  push_elsewhere("a.txt", "a\n");
  store("cache");  // online once
  RemoteStore offline(sc, rc);
  auto r = offline.sync();
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_FALSE(r->fetched);
  EXPECT_GE(r->cache_age_seconds, 0);
  EXPECT_EQ(offline.read("a.txt"), "a\n");
  EXPECT_THROW(offline.commit(request("b.txt", "b\n")), StoreError);
}

TEST_F(RemoteStoreTest, AnUnreachableRemoteIsUnavailableNamingTheUrl) {
  StoreConfig sc;
  RemoteConfig rc;
  rc.url = "file://" + tmp.str("missing.git");
  rc.cache_dir = tmp.str("cache");
  RemoteStore s(sc, rc);
  auto r = s.sync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find(rc.url), std::string::npos) << r.status().message();
}

// Two providers (own caches) and a group committer each, writing different files at once: every
// change arrives, none is lost, and the history is linear.
TEST_F(RemoteStoreTest, ConcurrentWritersThroughGroupCommitLoseNothing) {
  push_elsewhere("base.txt", "0\n");
  auto a = store("cache-a");
  auto b = store("cache-b");
  GroupCommitStore ga(std::move(a)), gb(std::move(b));
  constexpr int kEach = 8;
  std::atomic<int> failures{0};
  auto writer = [&](GroupCommitStore& g, const std::string& who) {
    for (int i = 0; i < kEach; ++i) {
      try {
        g.commit(request("apps/" + who + "-" + std::to_string(i) + ".yaml", who + "\n"));
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    }
  };
  std::thread ta(writer, std::ref(ga), "a"), tb(writer, std::ref(gb), "b");
  ta.join();
  tb.join();
  EXPECT_EQ(failures, 0);
  for (const char* who : {"a", "b"})
    for (int i = 0; i < kEach; ++i)
      EXPECT_EQ(remote_file(std::string("apps/") + who + "-" + std::to_string(i) + ".yaml"), std::string(who) + "\n");
  EXPECT_EQ(git(tmp.str("remote.git"), "rev-list --merges --count main"), "0\n");
}

TEST(RemoteUrl, KindsAndProblems) {
  EXPECT_TRUE(is_remote_url("https://dev.azure.com/o/p/_git/r"));
  EXPECT_TRUE(is_remote_url("ssh://git@host:2222/org/repo.git"));
  EXPECT_TRUE(is_remote_url("git@github.com:org/repo.git"));
  EXPECT_TRUE(is_remote_url("file:///srv/gitops.git"));
  EXPECT_FALSE(is_remote_url("./gitops"));
  EXPECT_FALSE(is_remote_url("/srv/a:b"));
  EXPECT_EQ(remote_url_problem("https://github.com/org/repo.git"), "");
  EXPECT_EQ(remote_url_problem("git@github.com:org/repo.git"), "");
  EXPECT_NE(remote_url_problem("https://u:secret@github.com/org/repo.git").find("password"), std::string::npos);
  EXPECT_NE(remote_url_problem("https:///org/repo.git"), "");
  EXPECT_NE(remote_url_problem("git://host/repo.git"), "");
  EXPECT_NE(remote_url_problem("file://relative/x"), "");
}

TEST(RemoteUrl, OneCachePerUrlUnderTheCacheDir) {
  const std::string a = cache_path("/c", "https://github.com/org/repo.git", "main");
  EXPECT_EQ(a, cache_path("/c", "https://github.com/org/repo.git", "dev"));
  EXPECT_NE(a, cache_path("/c", "https://github.com/org/other.git", "main"));
  EXPECT_TRUE(a.starts_with("/c/github.com_org_repo.git-")) << a;
  EXPECT_TRUE(a.ends_with(".git"));
  // A user in the URL does not make another cache, nor appear in its name.
  const std::string b = cache_path("/c", "https://someone@github.com/org/repo.git", "main");
  EXPECT_EQ(b.find("someone"), std::string::npos);
}

TEST(RemoteUrl, DefaultCacheDirFollowsTheEnvironment) {
  ::setenv("AOA_CACHE_DIR", "/x/cache", 1);
  EXPECT_EQ(default_cache_dir(), "/x/cache");
  ::unsetenv("AOA_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/y", 1);
  EXPECT_EQ(default_cache_dir(), "/y/terraform-provider-appofapps/repositories");
  ::unsetenv("XDG_CACHE_HOME");
}

}  // namespace
}  // namespace aoa::gitops
