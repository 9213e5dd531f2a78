// GroupCommitStore: staged changes are visible at once, concurrent commits share one commit,
// and a failed flush leaves exactly the inner store.
#include "internal/gitops/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "internal/gitops/commit_message.h"
#include "internal/gitops/git_store.h"
#include "internal/gitops/memory_store.h"
#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops::testing {
namespace {

using Names = std::vector<std::string>;

class GroupCommitTest : public ::testing::Test {
 protected:
  std::string repo() const { return tmp_.str("repo"); }
  std::unique_ptr<GroupCommitStore> make() {
    return std::make_unique<GroupCommitStore>(std::make_unique<GitStore>(cfg(repo())));
  }
  TempDir tmp_;
};

TEST_F(GroupCommitTest, ACommitAloneIsTheInnerStoresCommit) {
  auto s = make();
  const std::string msg = build_commit_message("Create x", "", {{"Appofapps-Resource", "x"}});
  auto r = s->commit(req({{"apps/x.yaml", "x\n"}}, msg));
  EXPECT_TRUE(r.created);
  EXPECT_EQ(r.commit_id, s->tip());
  EXPECT_EQ(git(repo(), "log --format=%B -1 main"), msg + "\n") << "the message verbatim";
  EXPECT_EQ(commit_count(repo()), 1);
}

TEST_F(GroupCommitTest, StagedChangesAreReadBeforeTheyAreCommitted) {
  auto s = make();
  s->commit(req({{"apps/a.yaml", "a\n"}, {"apps/b.yaml", "b\n"}}));
  const std::string tip = s->tip();
  const std::string tree = s->tree_id("apps");
  auto t = s->stage(req({{"apps/c.yaml", "c\n"}, {"apps/a.yaml", std::nullopt}}));
  EXPECT_EQ(s->tip(), tip) << "not a commit yet";
  EXPECT_EQ(s->read("apps/c.yaml"), "c\n");
  EXPECT_EQ(s->read("apps/a.yaml"), std::nullopt);
  EXPECT_EQ(s->list("apps"), (Names{"b.yaml", "c.yaml"}));
  EXPECT_EQ(s->list_recursive(""), (Names{"apps/b.yaml", "apps/c.yaml"}));
  const std::string staged_tree = s->tree_id("apps");
  EXPECT_NE(staged_tree, tree);
  EXPECT_EQ(s->tree_id("other"), "");
  auto entries = s->list_entries("apps");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(s->read_content(entries[1].id), "c\n");
  EXPECT_EQ(s->inner().read("apps/c.yaml"), std::nullopt) << "the inner store has not seen it";
  auto r = s->wait(t);
  EXPECT_TRUE(r.created);
  EXPECT_EQ(s->inner().read("apps/c.yaml"), "c\n");
  EXPECT_EQ(s->list_entries("apps")[1].id, entries[1].id) << "a staged file keeps its id once committed";
  EXPECT_EQ(s->tree_id("apps"), s->inner().tree_id("apps"));
}

TEST_F(GroupCommitTest, ChangesStagedTogetherAreOneCommitListingEach) {
  auto s = make();
  auto t1 = s->stage(req({{"apps/a.yaml", "a\n"}}, build_commit_message("Create a", "wave 0", {{"Appofapps-Resource", "a"},
                                                                                              {"Appofapps-Actor", "ci"}})));
  auto t2 = s->stage(req({{"apps/b.yaml", "b\n"}}, build_commit_message("Create b", "", {{"Appofapps-Resource", "b"},
                                                                                         {"Appofapps-Actor", "ci"}})));
  auto r1 = s->wait(t1);
  auto r2 = s->wait(t2);
  EXPECT_EQ(r1.commit_id, r2.commit_id);
  EXPECT_EQ(commit_count(repo()), 1);
  EXPECT_EQ(git(repo(), "log --format=%B -1 main"),
            "Apply 2 changes\n\n- Create a\n  wave 0\n- Create b\n\n"
            "Appofapps-Resource: a\nAppofapps-Actor: ci\nAppofapps-Resource: b\n\n");
  EXPECT_EQ(git(repo(), "log '--format=%(trailers:key=Appofapps-Resource,valueonly,separator=%x2C)' -1 main"), "a,b\n");
}

TEST_F(GroupCommitTest, AFailedFlushFailsEveryStagedChangeAndHidesThem) {
  auto s = make();
  s->commit(req({{"keep.yaml", "k\n"}}));
  // "x" as a file and "x/y" below it cannot be one tree: the flush fails.
  auto t1 = s->stage(req({{"x", "file\n"}}));
  auto t2 = s->stage(req({{"x/y", "below\n"}}));
  EXPECT_THROW(s->wait(t1), StoreError);
  EXPECT_THROW(s->wait(t2), StoreError);
  EXPECT_EQ(commit_count(repo()), 1);
  EXPECT_EQ(s->read("x"), std::nullopt);
  EXPECT_EQ(s->list_recursive(""), Names{"keep.yaml"});
  // The store works on afterwards.
  EXPECT_TRUE(s->commit(req({{"next.yaml", "n\n"}})).created);
}

TEST_F(GroupCommitTest, ABadPathFailsOnlyItsOwnRequest) {
  auto s = make();
  auto good = s->stage(req({{"good.yaml", "g\n"}}));
  EXPECT_THROW(s->stage(req({{"../bad", "b\n"}})), StoreError);
  EXPECT_TRUE(s->wait(good).created);
}

// Terraform's ten concurrent applies: every change lands, in fewer commits than changes.
TEST_F(GroupCommitTest, ConcurrentCommitsShareCommitsAndLoseNothing) {
  auto s = make();
  constexpr int kThreads = 10, kCommits = 20;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCommits; ++i) {
        const std::string p = "apps/t" + std::to_string(t) + "/f" + std::to_string(i) + ".yaml";
        try {
          auto r = s->commit(req({{p, "v\n"}}, build_commit_message("write " + p, "", {{"Appofapps-Resource", p}})));
          // Durable when commit() returns: the inner store has it.
          if (!r.created || s->inner().read(p) != "v\n") ++errors;
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(s->list_recursive("apps").size(), static_cast<size_t>(kThreads * kCommits));
  const int commits = commit_count(repo());
  EXPECT_LE(commits, kThreads * kCommits);
  EXPECT_GE(commits, 1);
  const std::string log = git(repo(), "log --format=%B main");
  for (int t = 0; t < kThreads; ++t)
    EXPECT_NE(log.find("apps/t" + std::to_string(t) + "/f" + std::to_string(kCommits - 1) + ".yaml"), std::string::npos);
  EXPECT_EQ(run("git -C '" + repo() + "' fsck --strict --no-dangling >/dev/null 2>&1").rc, 0);
  EXPECT_EQ(git(repo(), "status --porcelain"), "");
}

TEST(GroupCommitMemory, WorksInFrontOfAMemoryStore) {
  auto repo = std::make_shared<MemoryRepository>();
  GroupCommitStore s(std::make_unique<MemoryStore>(cfg("memory"), repo));
  auto t1 = s.stage(req({{"a", "1\n"}}, "one\n"));
  auto t2 = s.stage(req({{"a", "2\n"}}, "two\n"));
  EXPECT_EQ(s.read("a"), "2\n") << "the later change wins";
  s.wait(t2);
  EXPECT_TRUE(s.wait(t1).created);
  MemoryStore view(cfg("memory"), repo);
  EXPECT_EQ(view.read("a"), "2\n");
  EXPECT_EQ(view.log(), (Names{"Apply 2 changes\n\n- one\n- two\n"}));
}

}  // namespace
}  // namespace aoa::gitops::testing
