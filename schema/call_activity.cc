#include "schema/call_activity.h"

#include <algorithm>

namespace aoa::schema {

namespace {
constexpr std::chrono::milliseconds kCrowdGrace{20};
}  // namespace

CallActivity& CallActivity::global() {
  static CallActivity instance;
  return instance;
}

void CallActivity::touch_locked() {
  ++generation_;
  last_activity_ = std::chrono::steady_clock::now();
}

void CallActivity::begin_call() {
  std::lock_guard<std::mutex> lock(mu_);
  ++in_flight_;
  peak_in_flight_ = std::max(peak_in_flight_, in_flight_);
  touch_locked();
  cv_.notify_all();
}

void CallActivity::end_call() {
  std::lock_guard<std::mutex> lock(mu_);
  --in_flight_;
  touch_locked();
  cv_.notify_all();
}

void CallActivity::announce() {
  std::lock_guard<std::mutex> lock(mu_);
  touch_locked();
  cv_.notify_all();
}

void CallActivity::set_crowd_limit(int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  crowd_limit_ = std::max(1, limit);
}

int CallActivity::in_flight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return in_flight_;
}

std::chrono::milliseconds CallActivity::shortest_quiet_locked() const {
  auto q = std::chrono::milliseconds::max();
  for (const auto& w : waiters_) q = std::min(q, w.second);
  return q;
}

WaitOutcome CallActivity::wait_until(const std::function<bool()>& ready, std::chrono::milliseconds quiet) {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t me = next_waiter_++;
  waiters_.emplace_back(me, quiet);
  auto leave = [&](WaitOutcome outcome) {
    waiters_.remove_if([&](const auto& w) { return w.first == me; });
    released_quiet_.erase(me);
    // A crowded release frees a slot: the others start a new quiet period from here. Waiters
    // released by a quiet run leave together, so they do not reset the clock for each other.
    if (outcome != WaitOutcome::Quiet) touch_locked();
    cv_.notify_all();
    return outcome;
  };
  // A poll interval keeps `ready` honest even when the announcing side forgot to announce.
  const auto poll = std::max(std::chrono::milliseconds(5), std::min(quiet / 4, std::chrono::milliseconds(50)));
  for (;;) {
    if (released_quiet_.count(me)) return leave(WaitOutcome::Quiet);
    lock.unlock();
    const bool ok = ready();
    lock.lock();
    if (ok) return leave(WaitOutcome::Ready);
    if (released_quiet_.count(me)) return leave(WaitOutcome::Quiet);
    // Released waiters that have not left yet are about to work: they count as busy.
    const int waiting = static_cast<int>(waiters_.size() - released_quiet_.size());
    const bool all_waiting = waiting >= in_flight_;
    const auto idle = std::chrono::steady_clock::now() - last_activity_;
    const bool crowded = waiting >= std::max(crowd_limit_, peak_in_flight_);
    if (all_waiting && !crowded && idle >= quiet) {
      // Every waiter whose own quiet period has passed goes now, together.
      for (const auto& [id, q] : waiters_)
        if (idle >= q) released_quiet_.insert(id);
      cv_.notify_all();
      return leave(WaitOutcome::Quiet);
    }
    // Every slot is held by a waiter: Terraform cannot send anything until one returns, so there is
    // nothing to wait for beyond a moment for announcements already on their way.
    if (all_waiting && crowded && waiters_.front().first == me && idle >= std::min(kCrowdGrace, shortest_quiet_locked()))
      return leave(WaitOutcome::Crowded);
    const uint64_t seen = generation_;
    cv_.wait_for(lock, poll, [&] { return generation_ != seen || released_quiet_.count(me) > 0; });
  }
}

}  // namespace aoa::schema
