// The behaviour every Store has, run against GitStore and MemoryStore alike so that the memory
// store cannot drift from the one the provider uses. Git-only behaviour (working tree, history,
// locks, other processes) is in store_test.cc.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <regex>
#include <thread>

#include "internal/gitops/commit_message.h"
#include "internal/gitops/git_store.h"
#include "internal/gitops/memory_store.h"
#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops::testing {
namespace {

using Names = std::vector<std::string>;

// Stores on one repository per test: GitStores on a temporary repository path.
class GitBackend {
 public:
  std::unique_ptr<Store> make(const std::string& subpath = "", const std::string& branch = "main") {
    return std::make_unique<GitStore>(cfg(location(), subpath, branch));
  }
  int commits(const std::string& branch = "main") const { return commit_count(location(), branch); }
  // The repository is sound and its working tree matches the branch.
  void check_repository() const {
    EXPECT_EQ(run("git -C '" + location() + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
    EXPECT_EQ(git(location(), "status --porcelain"), "");
  }

 private:
  std::string location() const { return tmp_.str("repo"); }
  TempDir tmp_;
};

// ... and MemoryStores on one MemoryRepository.
class MemoryBackend {
 public:
  std::unique_ptr<Store> make(const std::string& subpath = "", const std::string& branch = "main") {
    return std::make_unique<MemoryStore>(cfg("memory", subpath, branch), repository_);
  }
  int commits(const std::string& branch = "main") const {
    return static_cast<int>(MemoryStore(cfg("memory", "", branch), repository_).log().size());
  }
  void check_repository() const {}

 private:
  std::shared_ptr<MemoryRepository> repository_ = std::make_shared<MemoryRepository>();
};

template <typename Backend>
class StoreContract : public ::testing::Test {
 protected:
  Backend backend_;
};

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, GitBackend> ? "Git" : "Memory";
  }
};

using Backends = ::testing::Types<GitBackend, MemoryBackend>;
TYPED_TEST_SUITE(StoreContract, Backends, BackendNames);

bool is_commit_id(const std::string& id) { return std::regex_match(id, std::regex("[0-9a-f]{40}")); }

TYPED_TEST(StoreContract, EmptyRepositoryReadsNothing) {
  auto s = this->backend_.make();
  EXPECT_FALSE(s->exists());
  EXPECT_EQ(s->read("a.yaml"), std::nullopt);
  EXPECT_TRUE(s->list("").empty());
  EXPECT_TRUE(s->list_recursive("apps").empty());
  EXPECT_EQ(s->tip(), "");
  EXPECT_EQ(this->backend_.commits(), 0);
}

TYPED_TEST(StoreContract, FirstCommitIsReadBack) {
  auto s = this->backend_.make();
  CommitResult r = s->commit(req({{"roots/ml/dev.yaml", "kind: Application\n"}, {"README", "hi\n"}}, "first\n"));
  EXPECT_TRUE(r.created);
  EXPECT_TRUE(is_commit_id(r.commit_id)) << r.commit_id;
  EXPECT_EQ(r.commit_id, s->tip());
  EXPECT_TRUE(s->exists());
  EXPECT_EQ(s->read("roots/ml/dev.yaml"), "kind: Application\n");
  EXPECT_EQ(s->list(""), Names{"README"});
  EXPECT_EQ(s->list("roots"), Names{}) << "folders are not listed";
  EXPECT_EQ(s->list("roots/ml"), Names{"dev.yaml"});
  EXPECT_EQ(s->list("README"), Names{}) << "a file is not a folder";
  EXPECT_EQ(s->list_recursive(""), (Names{"README", "roots/ml/dev.yaml"}));
  EXPECT_EQ(s->list_recursive("roots"), Names{"roots/ml/dev.yaml"});
  EXPECT_EQ(s->last_worktree_error(), "");
  EXPECT_EQ(this->backend_.commits(), 1);
}

TYPED_TEST(StoreContract, UpdatesAndDeletesMoveTheTip) {
  auto s = this->backend_.make();
  auto r1 = s->commit(req({{"a.yaml", "1\n"}, {"apps/r/dev/x.yaml", "x\n"}, {"apps/r/dev/y.yaml", "y\n"}}));
  auto r2 = s->commit(req({{"a.yaml", "2\n"}, {"apps/r/dev/x.yaml", std::nullopt}}));
  EXPECT_TRUE(r2.created);
  EXPECT_NE(r2.commit_id, r1.commit_id);
  EXPECT_EQ(s->read("a.yaml"), "2\n");
  EXPECT_EQ(s->read("apps/r/dev/x.yaml"), std::nullopt);
  EXPECT_EQ(s->list("apps/r/dev"), Names{"y.yaml"});
  auto r3 = s->commit(req({{"apps/r/dev/y.yaml", std::nullopt}}));
  EXPECT_TRUE(r3.created);
  EXPECT_EQ(s->tip(), r3.commit_id);
  EXPECT_EQ(s->list_recursive(""), Names{"a.yaml"}) << "the emptied folders are gone";
  EXPECT_TRUE(s->list("apps/r/dev").empty());
  // The last change of a path wins.
  s->commit(req({{"a.yaml", "3\n"}, {"a.yaml", "4\n"}}));
  EXPECT_EQ(s->read("a.yaml"), "4\n");
  // Deleting every file leaves an empty tree: still a commit.
  EXPECT_TRUE(s->commit(req({{"a.yaml", std::nullopt}})).created);
  EXPECT_TRUE(s->exists());
  EXPECT_TRUE(s->list_recursive("").empty());
  EXPECT_EQ(this->backend_.commits(), 5);
  this->backend_.check_repository();
}

// Content ids let callers cache what they parse: equal content, equal id; a change below a
// folder changes its tree id, a change elsewhere does not.
TYPED_TEST(StoreContract, ContentIdsFollowTheContent) {
  auto s = this->backend_.make();
  EXPECT_EQ(s->tree_id("apps"), "");
  EXPECT_TRUE(s->list_entries("apps").empty());
  s->commit(req({{"apps/r/dev/x.yaml", "same\n"}, {"apps/r/dev/y.yaml", "same\n"}, {"apps/r/dev/sub/z.yaml", "z\n"},
                 {"other.yaml", "1\n"}}));
  auto entries = s->list_entries("apps/r/dev");
  ASSERT_EQ(entries.size(), 2u) << "files only, not the sub-folder";
  EXPECT_EQ(entries[0].name, "x.yaml");
  EXPECT_EQ(entries[1].name, "y.yaml");
  EXPECT_TRUE(is_commit_id(entries[0].id));
  EXPECT_EQ(entries[0].id, entries[1].id) << "equal content, equal id";
  EXPECT_EQ(s->read_content(entries[0].id), "same\n");
  EXPECT_EQ(s->read_content(std::string(40, '0')), std::nullopt);
  EXPECT_EQ(s->read_content("not an id"), std::nullopt);
  const std::string dev = s->tree_id("apps/r/dev");
  EXPECT_TRUE(is_commit_id(dev));
  s->commit(req({{"other.yaml", "2\n"}}));
  EXPECT_EQ(s->tree_id("apps/r/dev"), dev) << "a change elsewhere keeps the id";
  s->commit(req({{"apps/r/dev/sub/z.yaml", "z2\n"}}));
  const std::string after_sub = s->tree_id("apps/r/dev");
  EXPECT_NE(after_sub, dev) << "a change in a sub-folder changes it";
  s->commit(req({{"apps/r/dev/y.yaml", "other\n"}}));
  EXPECT_NE(s->tree_id("apps/r/dev"), after_sub);
  EXPECT_NE(s->list_entries("apps/r/dev")[1].id, entries[1].id);
  s->commit(req({{"apps/r/dev/sub/z.yaml", "z\n"}, {"apps/r/dev/y.yaml", "same\n"}}));
  EXPECT_EQ(s->tree_id("apps/r/dev"), dev) << "the same content again, the same id";
}

TYPED_TEST(StoreContract, NoopCommitsCreateNothing) {
  auto s = this->backend_.make();
  auto r1 = s->commit(req({{"a.yaml", "1\n"}}));
  auto r2 = s->commit(req({{"a.yaml", "1\n"}}));
  EXPECT_FALSE(r2.created);
  EXPECT_EQ(r2.commit_id, r1.commit_id);
  auto r3 = s->commit(req({{"missing.yaml", std::nullopt}, {"dir/missing.yaml", std::nullopt}}));
  EXPECT_FALSE(r3.created);
  EXPECT_EQ(r3.commit_id, r1.commit_id);
  EXPECT_EQ(this->backend_.commits(), 1);

  // Nothing to write on a branch without commits: no commit, no branch.
  auto fresh = this->backend_.make("", "fresh");
  auto r4 = fresh->commit(req({{"x", std::nullopt}}));
  EXPECT_FALSE(r4.created);
  EXPECT_EQ(r4.commit_id, "");
  EXPECT_FALSE(fresh->exists());
}

TYPED_TEST(StoreContract, SubpathsAreSeparateFolders) {
  auto a = this->backend_.make("envs/a");
  auto b = this->backend_.make("envs/b/");
  auto root = this->backend_.make();
  a->commit(req({{"x.yaml", "A\n"}}));
  b->commit(req({{"x.yaml", "B\n"}, {"d/y.yaml", "BY\n"}}));
  EXPECT_EQ(a->read("x.yaml"), "A\n");
  EXPECT_EQ(b->read("x.yaml"), "B\n");
  EXPECT_EQ(a->list_recursive(""), Names{"x.yaml"});
  EXPECT_EQ(b->list_recursive(""), (Names{"d/y.yaml", "x.yaml"}));
  EXPECT_EQ(b->list_recursive("d"), Names{"d/y.yaml"});
  EXPECT_EQ(root->read("envs/a/x.yaml"), "A\n");
  EXPECT_TRUE(root->list("").empty());
  EXPECT_EQ(a->tip(), b->tip()) << "one branch";
  // Deleting everything in a's folder leaves b's alone.
  a->commit(req({{"x.yaml", std::nullopt}}));
  EXPECT_EQ(root->list_recursive(""), (Names{"envs/b/d/y.yaml", "envs/b/x.yaml"}));
  EXPECT_TRUE(root->list("envs/a").empty());
  this->backend_.check_repository();
}

TYPED_TEST(StoreContract, BranchesAreSeparate) {
  auto main = this->backend_.make();
  auto release = this->backend_.make("", "release");
  main->commit(req({{"a", "main\n"}}));
  EXPECT_FALSE(release->exists());
  release->commit(req({{"a", "release\n"}, {"b", "b\n"}}));
  EXPECT_EQ(main->read("a"), "main\n");
  EXPECT_EQ(main->read("b"), std::nullopt);
  EXPECT_EQ(release->read("a"), "release\n");
  EXPECT_NE(main->tip(), release->tip());
  EXPECT_EQ(this->backend_.commits("release"), 1);
}

TYPED_TEST(StoreContract, InvalidPathsAreRefused) {
  auto s = this->backend_.make();
  for (const std::string& bad : Names{"/abs.yaml", "../x", "a/../b", "a//b", "a/", "a\\b", "", ".git/config",
                                      "a/.GIT/x", "./a", std::string("a\0b", 3)}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(s->read(bad), StoreError);
    EXPECT_THROW(s->commit(req({{"ok.yaml", "1"}, {bad, "x"}})), StoreError);
    EXPECT_THROW(Store::validate_path(bad), StoreError);
  }
  EXPECT_THROW(s->list("../x"), StoreError);
  EXPECT_THROW(s->list_recursive("a/"), StoreError);
  try {
    s->read("../etc/passwd");
    ADD_FAILURE() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("'..'"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(s->exists()) << "nothing was committed";
}

TYPED_TEST(StoreContract, InvalidConfigurationFailsEveryOperation) {
  auto no_branch = this->backend_.make("", "");  // constructing does not throw
  EXPECT_THROW(no_branch->exists(), StoreError);
  EXPECT_THROW(no_branch->commit(req({{"a", "1"}})), StoreError);
  auto up = this->backend_.make("../up");
  EXPECT_THROW(up->read("a"), StoreError);
  EXPECT_THROW(up->list(""), StoreError);
}

TYPED_TEST(StoreContract, FilesAndFoldersDoNotMix) {
  auto s = this->backend_.make();
  auto r1 = s->commit(req({{"a", "file\n"}, {"d/x", "x\n"}}));
  EXPECT_THROW(s->commit(req({{"a/b", "x"}})), StoreError) << "below a file";
  EXPECT_THROW(s->commit(req({{"d", "x"}})), StoreError) << "onto a folder";
  EXPECT_THROW(s->commit(req({{"d", std::nullopt}})), StoreError) << "a folder is not deleted as a file";
  EXPECT_THROW(s->commit(req({{"n", "x"}, {"n/m", "y"}})), StoreError) << "both in one commit";
  EXPECT_EQ(s->tip(), r1.commit_id);
  // Deleting below a file deletes nothing.
  EXPECT_EQ(s->commit(req({{"a/b", std::nullopt}})).commit_id, r1.commit_id);
  EXPECT_EQ(this->backend_.commits(), 1);
}

TYPED_TEST(StoreContract, ManyThreadsOneStore) {
  auto s = this->backend_.make("gitops");
  constexpr int kThreads = 8, kCommits = 25;
  std::atomic<int> created{0}, errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCommits; ++i) {
        std::string p = "apps/t" + std::to_string(t) + "/f" + std::to_string(i) + ".yaml";
        try {
          auto r = s->commit(req({{p, "v" + std::to_string(i) + "\n"}},
                                 build_commit_message("write " + p, "", {{"Appofapps-Resource", p}})));
          if (r.created) ++created;
          if (s->read(p) != "v" + std::to_string(i) + "\n") ++errors;
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(created.load(), kThreads * kCommits);
  EXPECT_EQ(this->backend_.commits(), kThreads * kCommits);
  EXPECT_EQ(s->list_recursive("apps").size(), static_cast<size_t>(kThreads * kCommits));
  this->backend_.check_repository();
}

TYPED_TEST(StoreContract, TwoStoresOneRepositoryNoLostUpdate) {
  auto s1 = this->backend_.make();
  auto s2 = this->backend_.make();
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
  std::thread t1(worker, std::ref(*s1), "one");
  std::thread t2(worker, std::ref(*s2), "two");
  t1.join();
  t2.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(this->backend_.commits(), 2 * kCommits);
  EXPECT_EQ(s1->list("one").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(s2->list("two").size(), static_cast<size_t>(kCommits));
  EXPECT_EQ(s1->tip(), s2->tip());
  this->backend_.check_repository();
}

}  // namespace
}  // namespace aoa::gitops::testing
