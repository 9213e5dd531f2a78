// Release transactions: changes held in the journal are visible, durable on the side branch, and
// published as one commit; an earlier provider's entries are published, found published, or
// discarded, deterministically.
#include "internal/gitops/release_journal.h"

#include <gtest/gtest.h>

#include "internal/gitops/commit_message.h"
#include "internal/gitops/git_store.h"
#include "internal/gitops/group_commit.h"
#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops::testing {
namespace {

const std::string kKey = "ml/dev";
const std::string kJournal = ReleaseJournal::branch_for("main");

class ReleaseJournalTest : public ::testing::Test {
 protected:
  std::string repo() const { return tmp_.str("repo"); }
  std::unique_ptr<GroupCommitStore> make() {
    return std::make_unique<GroupCommitStore>(
        std::make_unique<GitStore>(cfg(repo())),
        std::make_unique<ReleaseJournal>(std::make_unique<GitStore>(cfg(repo(), "", kJournal))));
  }
  TempDir tmp_;
};

TEST_F(ReleaseJournalTest, HeldChangesAreVisibleDurableAndOffTheBranch) {
  auto s = make();
  s->commit(req({{"roots/ml/dev.yaml", "root\n"}}));
  const std::string tip = s->tip();
  auto t = s->hold(kKey, req({{"apps/ml/dev/a.yaml", "a\n"}}, "Create app a\n"));
  CommitResult r = s->wait(t);
  EXPECT_TRUE(r.created);
  EXPECT_EQ(s->tip(), tip) << "the branch does not move";
  EXPECT_EQ(s->read("apps/ml/dev/a.yaml"), "a\n");
  EXPECT_EQ(git(repo(), "rev-parse " + kJournal), r.commit_id + "\n") << "the journal commit";
  EXPECT_EQ(s->held_messages(kKey), (std::vector<std::string>{"Create app a\n"}));
  // A provider started after a crash sees the held change, pending.
  auto again = make();
  EXPECT_EQ(again->read("apps/ml/dev/a.yaml"), "a\n");
  ASSERT_TRUE(again->recovered(kKey));
  EXPECT_EQ(again->recovered(kKey)->outcome, JournalRecovery::Outcome::Pending);
  EXPECT_EQ(again->recovered(kKey)->changes, 1u);
}

TEST_F(ReleaseJournalTest, PublishIsOneCommitWithEveryHeldChange) {
  auto s = make();
  s->commit(req({{"roots/ml/dev.yaml", "root\n"}, {"apps/ml/dev/old.yaml", "old\n"}}));
  const int before = commit_count(repo());
  s->wait(s->hold(kKey, req({{"apps/ml/dev/a.yaml", "a\n"}}, "Create app a\n")));
  s->wait(s->hold(kKey, req({{"apps/ml/dev/b.yaml", "b\n"}, {"apps/ml/dev/old.yaml", std::nullopt}}, "Create app b\n")));
  const std::string msg = build_commit_message("Release ml/dev", "- Create app a\n- Create app b", {});
  CommitResult r = s->publish(kKey, req({{"releases/ml/dev.yaml", "release\n"}}, msg));
  EXPECT_TRUE(r.created);
  EXPECT_EQ(commit_count(repo()), before + 1) << "one commit";
  EXPECT_EQ(git(repo(), "show main:apps/ml/dev/b.yaml"), "b\n");
  EXPECT_EQ(git(repo(), "ls-tree --name-only main apps/ml/dev/"), "apps/ml/dev/a.yaml\napps/ml/dev/b.yaml\n");
  EXPECT_EQ(git(repo(), "log --format=%B -1 main"), msg + "\n");
  EXPECT_TRUE(s->held_messages(kKey).empty());
  EXPECT_EQ(git(repo(), "ls-tree -r --name-only " + kJournal), "") << "journal cleared";
  auto again = make();
  EXPECT_FALSE(again->recovered(kKey)) << "nothing left to recover";
}

TEST_F(ReleaseJournalTest, EntriesFoundOnTheBranchWerePublishedBeforeACrash) {
  auto s = make();
  s->commit(req({{"roots/ml/dev.yaml", "root\n"}}));
  s->wait(s->hold(kKey, req({{"apps/ml/dev/a.yaml", "a\n"}})));
  // The publish commit landed, the clear did not.
  GitStore(cfg(repo())).commit(req({{"apps/ml/dev/a.yaml", "a\n"}}));
  auto again = make();
  ASSERT_TRUE(again->recovered(kKey));
  EXPECT_EQ(again->recovered(kKey)->outcome, JournalRecovery::Outcome::Published);
  const int before = commit_count(repo());
  again->publish(kKey, req({}));
  EXPECT_EQ(commit_count(repo()), before) << "nothing to commit again";
  EXPECT_EQ(git(repo(), "ls-tree -r --name-only " + kJournal), "");
}

TEST_F(ReleaseJournalTest, EntriesWhosePathMovedOnTheBranchAreDiscarded) {
  auto s = make();
  s->commit(req({{"roots/ml/dev.yaml", "root\n"}, {"apps/ml/dev/a.yaml", "a1\n"}}));
  s->wait(s->hold(kKey, req({{"apps/ml/dev/a.yaml", "a2\n"}})));
  GitStore(cfg(repo())).commit(req({{"apps/ml/dev/a.yaml", "hand edit\n"}}));
  auto again = make();
  ASSERT_TRUE(again->recovered(kKey));
  EXPECT_EQ(again->recovered(kKey)->outcome, JournalRecovery::Outcome::Discarded);
  EXPECT_EQ(again->recovered(kKey)->conflict, "apps/ml/dev/a.yaml");
  EXPECT_EQ(again->read("apps/ml/dev/a.yaml"), "hand edit\n") << "a discarded change is not visible";
  again->publish(kKey, req({}));
  EXPECT_EQ(git(repo(), "show main:apps/ml/dev/a.yaml"), "hand edit\n");
  EXPECT_EQ(git(repo(), "ls-tree -r --name-only " + kJournal), "");
}

TEST_F(ReleaseJournalTest, BranchAndHeldChangesOfOneFlushGoToTheirOwnPlaces) {
  auto s = make();
  auto a = s->stage(req({{"roots/ml/dev.yaml", "root\n"}}));
  auto b = s->hold(kKey, req({{"apps/ml/dev/a.yaml", "a\n"}}));
  CommitResult ra = s->wait(a), rb = s->wait(b);
  EXPECT_EQ(ra.commit_id, s->tip());
  EXPECT_NE(ra.commit_id, rb.commit_id);
  EXPECT_EQ(git(repo(), "ls-tree -r --name-only main"), "roots/ml/dev.yaml\n");
}

TEST(ReleaseJournalRecover, PendingWhileTheBranchHoldsWhatTheEntriesWereComputedOn) {
  TempDir tmp;
  GitStore branch(cfg(tmp.str("r")));
  branch.commit(req({{"a", "1\n"}}));
  HeldChange c{req({{"a", "2\n"}, {"b", "x\n"}}), {{"a", ReleaseJournal::content_id("1\n")}, {"b", ""}}};
  EXPECT_EQ(ReleaseJournal::recover({c}, branch).outcome, JournalRecovery::Outcome::Pending);
  branch.commit(req({{"b", "y\n"}}));
  JournalRecovery r = ReleaseJournal::recover({c}, branch);
  EXPECT_EQ(r.outcome, JournalRecovery::Outcome::Discarded);
  EXPECT_EQ(r.conflict, "b");
}

TEST(ReleaseJournalWithout, HoldNeedsAJournal) {
  TempDir tmp;
  GroupCommitStore s(std::make_unique<GitStore>(cfg(tmp.str("r"))));
  EXPECT_FALSE(s.has_journal());
  EXPECT_THROW(s.hold(kKey, req({{"a", "1\n"}})), StoreError);
}

}  // namespace
}  // namespace aoa::gitops::testing
