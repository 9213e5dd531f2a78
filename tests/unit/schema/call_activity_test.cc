// schema::CallActivity: when a waiting call is released, and with which outcome. Each test uses its
// own instance. Conditions that "never hold" also hold once the test gives up, so that a failing
// test ends instead of hanging. Timing is asserted only as generous upper limits, and as lower
// limits that the quiet period guarantees.
#include "schema/call_activity.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <memory>
#include <thread>

namespace aoa::schema {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kQuiet = 50ms;
constexpr auto kLimit = 5s;  // far beyond any expected release: only a hang exceeds it

class CallActivityTest : public ::testing::Test {
 protected:
  ~CallActivityTest() override { give_up(); }

  // A condition that holds only once the test gives up.
  std::function<bool()> never() {
    return [this] { return giving_up_.load(); };
  }
  void give_up() {
    giving_up_ = true;
    activity_.announce();
  }
  // True when `f` is ready within kLimit; gives up otherwise so that the threads end.
  template <typename T>
  bool finishes(std::future<T>& f) {
    if (f.wait_for(kLimit) == std::future_status::ready) return true;
    give_up();
    return false;
  }

  CallActivity activity_;
  std::atomic<bool> giving_up_{false};
};

TEST_F(CallActivityTest, WaiterIsReadyWhenAnotherCallMakesTheConditionTrueAndAnnounces) {
  CallActivity::Scope other(activity_);  // in flight and not waiting: the run cannot go quiet
  std::atomic<bool> done{false};
  std::atomic<int> checks{0};
  auto waiter = std::async(std::launch::async, [&] {
    CallActivity::Scope call(activity_);
    return activity_.wait_until([&] { ++checks; return done.load() || giving_up_.load(); }, kQuiet);
  });
  while (checks.load() == 0) std::this_thread::sleep_for(1ms);  // the waiter saw the condition false
  done = true;
  activity_.announce();
  ASSERT_TRUE(finishes(waiter));
  EXPECT_FALSE(giving_up_.load());
  EXPECT_EQ(waiter.get(), WaitOutcome::Ready);
}

TEST_F(CallActivityTest, WaiterAloneReturnsQuietAfterTheQuietPeriod) {
  const auto start = Clock::now();  // before the call begins: no activity is older than this
  auto waiter = std::async(std::launch::async, [&] {
    CallActivity::Scope call(activity_);
    return activity_.wait_until(never(), kQuiet);
  });
  ASSERT_TRUE(finishes(waiter));
  EXPECT_EQ(waiter.get(), WaitOutcome::Quiet);
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, kQuiet);
  EXPECT_LT(elapsed, kLimit);
}

TEST_F(CallActivityTest, TwoWaitersAreReleasedQuietTogether) {
  // Each call stays in flight until both have returned. A waiter released on its own would then
  // wait next to a call that is in flight and not waiting, and never go quiet.
  std::latch both_in_flight(2), both_returned(2);
  auto call = [&] {
    CallActivity::Scope scope(activity_);
    both_in_flight.arrive_and_wait();
    const WaitOutcome outcome = activity_.wait_until(never(), kQuiet);
    both_returned.arrive_and_wait();
    return outcome;
  };
  auto first = std::async(std::launch::async, call);
  auto second = std::async(std::launch::async, call);
  ASSERT_TRUE(finishes(first));
  ASSERT_TRUE(finishes(second));
  EXPECT_FALSE(giving_up_.load());
  EXPECT_EQ(first.get(), WaitOutcome::Quiet);
  EXPECT_EQ(second.get(), WaitOutcome::Quiet);
}

TEST_F(CallActivityTest, WaiterIsNotReleasedWhileAnotherCallIsInFlightAndNotWaiting) {
  auto other = std::make_unique<CallActivity::Scope>(activity_);
  auto waiter = std::async(std::launch::async, [&] {
    CallActivity::Scope call(activity_);
    return activity_.wait_until(never(), kQuiet);
  });
  // Many quiet periods pass: the other call may still announce what the waiter needs.
  EXPECT_EQ(waiter.wait_for(kQuiet * 10), std::future_status::timeout);
  EXPECT_EQ(activity_.in_flight(), 2);
  other.reset();  // the other call ends; now every call in flight waits
  ASSERT_TRUE(finishes(waiter));
  EXPECT_FALSE(giving_up_.load());
  EXPECT_EQ(waiter.get(), WaitOutcome::Quiet);
}

TEST_F(CallActivityTest, WhenCrowdedTheOldestWaiterIsReleasedFirst) {
  activity_.set_crowd_limit(2);
  std::latch both_in_flight(2);
  std::atomic<int> oldest_checks{0};
  std::atomic<bool> youngest_returned{false}, youngest_waiting_at_release{false};
  auto oldest = std::async(std::launch::async, [&] {
    CallActivity::Scope scope(activity_);
    both_in_flight.arrive_and_wait();
    const WaitOutcome outcome = activity_.wait_until([&] { ++oldest_checks; return giving_up_.load(); }, kQuiet);
    youngest_waiting_at_release = !youngest_returned.load();
    return outcome;  // its call ends here, which lets the youngest go quiet
  });
  auto youngest = std::async(std::launch::async, [&] {
    CallActivity::Scope scope(activity_);
    both_in_flight.arrive_and_wait();
    while (oldest_checks.load() == 0 && !giving_up_.load()) std::this_thread::sleep_for(1ms);  // oldest waits first
    const WaitOutcome outcome = activity_.wait_until(never(), kQuiet);
    youngest_returned = true;
    return outcome;
  });
  ASSERT_TRUE(finishes(oldest));
  ASSERT_TRUE(finishes(youngest));
  EXPECT_FALSE(giving_up_.load());
  EXPECT_EQ(oldest.get(), WaitOutcome::Crowded);
  EXPECT_TRUE(youngest_waiting_at_release.load());
  // Alone with fewer waiters than the limit, the youngest is released by the quiet run.
  EXPECT_EQ(youngest.get(), WaitOutcome::Quiet);
}

// Terraform ran three calls at once, so it has at least three slots: two waiters do not fill them,
// and a run where every call in flight waits is quiet, not crowded.
TEST_F(CallActivityTest, MoreCallsInFlightThanTheLimitRaiseIt) {
  activity_.set_crowd_limit(2);
  std::latch three_in_flight(3);
  auto waiter = [&] {
    CallActivity::Scope scope(activity_);
    three_in_flight.arrive_and_wait();
    return activity_.wait_until(never(), kQuiet);
  };
  auto a = std::async(std::launch::async, waiter);
  auto b = std::async(std::launch::async, waiter);
  {
    CallActivity::Scope third(activity_);
    three_in_flight.arrive_and_wait();
  }
  ASSERT_TRUE(finishes(a));
  ASSERT_TRUE(finishes(b));
  EXPECT_FALSE(giving_up_.load());
  EXPECT_EQ(a.get(), WaitOutcome::Quiet);
  EXPECT_EQ(b.get(), WaitOutcome::Quiet);
}

// When crowded, the oldest waiter goes at once (after a moment), not after its own quiet period.
TEST_F(CallActivityTest, CrowdedReleaseDoesNotWaitForAQuietPeriod) {
  activity_.set_crowd_limit(2);
  std::latch both_in_flight(2);
  std::atomic<bool> oldest_waiting{false}, oldest_released{false};
  const auto start = Clock::now();
  auto oldest = std::async(std::launch::async, [&] {
    CallActivity::Scope scope(activity_);
    both_in_flight.arrive_and_wait();
    oldest_waiting = true;
    const WaitOutcome outcome = activity_.wait_until(never(), 100s);
    oldest_released = true;
    return outcome;
  });
  auto youngest = std::async(std::launch::async, [&] {
    CallActivity::Scope scope(activity_);
    both_in_flight.arrive_and_wait();
    while (!oldest_waiting.load()) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(5ms);
    return activity_.wait_until([&] { return giving_up_.load() || oldest_released.load(); }, 100s);
  });
  ASSERT_TRUE(finishes(oldest));
  EXPECT_LT(Clock::now() - start, kLimit);
  EXPECT_FALSE(giving_up_.load());
  EXPECT_EQ(oldest.get(), WaitOutcome::Crowded);
  ASSERT_TRUE(finishes(youngest));
}

}  // namespace
}  // namespace aoa::schema
