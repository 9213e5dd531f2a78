// Lets one provider call wait for something that another call of the same Terraform run will do,
// without a deadline that guesses and without hanging when nothing else is coming.
//
// Terraform sends a run's calls to one provider process, up to `-parallelism` (default 10) at a
// time, in an order the configuration does not always fix: apps of one `for_each` that name each
// other by plain name are planned and applied in any order. A call that needs a sibling's result
// (an app's sync wave needs its dependencies) waits here until its condition holds, or until the
// run is *quiet*: every call in flight is waiting and nothing started, ended or was announced for a
// quiet period. Terraform has then nothing more to send that could help.
//
// When as many calls wait as Terraform runs at once, Terraform may be unable to send the call they
// wait for: only the longest waiter is released then (its slot lets Terraform send the next call),
// and it is told so, so that it can settle for what is known instead of failing. Terraform does not
// say its `-parallelism`: "as many as Terraform runs at once" is the larger of the crowd limit
// (default 10, Terraform's default) and the most calls this process has seen in flight together.
// A crowded release comes after a moment (20 ms, or the shortest quiet period of the waiters when
// that is shorter), not after a quiet period: every slot is blocked, nothing can come.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <set>
#include <utility>

namespace aoa::schema {

enum class WaitOutcome {
  Ready,      // the condition holds
  Quiet,      // the run went quiet: what was waited for is not in this run
  Crowded,    // released to free one of Terraform's slots; the condition may still hold later
};

class CallActivity {
 public:
  // The process-wide instance that the protocol layer counts every call in.
  static CallActivity& global();

  // Counts one call as in flight for its lifetime.
  class Scope {
   public:
    explicit Scope(CallActivity& a) : a_(&a) { a_->begin_call(); }
    ~Scope() { a_->end_call(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    CallActivity* a_;
  };

  // Something other calls may wait for happened (an app was planned, written or deleted).
  void announce();

  // Blocks the calling (in-flight) call until `ready()` holds or the run is quiet for `quiet`.
  // `ready` is evaluated without this object's lock held by anyone else's condition; it may take
  // its own locks but must not call back into this object.
  WaitOutcome wait_until(const std::function<bool()>& ready, std::chrono::milliseconds quiet);

  // How many calls waiting at once count as "Terraform's slots are all taken" at least (its
  // default parallelism); more when more calls were in flight together.
  void set_crowd_limit(int limit);
  int in_flight() const;

 private:
  void begin_call();
  void end_call();
  void touch_locked();
  std::chrono::milliseconds shortest_quiet_locked() const;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
  int crowd_limit_ = 10;
  int peak_in_flight_ = 0;
  std::list<std::pair<uint64_t, std::chrono::milliseconds>> waiters_;  // id and quiet period, oldest first
  std::set<uint64_t> released_quiet_;  // waiters that a quiet run released together
  uint64_t next_waiter_ = 0;
  uint64_t generation_ = 0;  // bumped by every start, end and announcement
  std::chrono::steady_clock::time_point last_activity_ = std::chrono::steady_clock::now();
};

}  // namespace aoa::schema
