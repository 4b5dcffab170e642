// Bounded waits: a blocking call given a timeout polls with the nonblocking
// form of its MPI call until it succeeds or the deadline passes.
#pragma once
#include <napi.h>
#include <sched.h>

#include <chrono>

namespace mpi4js {

class Deadline {
 public:
  // ms < 0, not finite, or beyond a year: no deadline.
  explicit Deadline(double ms)
      : unbounded_(!(ms >= 0 && ms < 3.2e10)),
        end_(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double, std::milli>(unbounded_ ? 0 : ms))) {}
  bool Unbounded() const { return unbounded_; }
  bool Passed() const { return !unbounded_ && Clock::now() >= end_; }

  // Calls poll() until it returns true (then true) or the deadline passes (then
  // false). Yields the core between polls: ranks may outnumber cores.
  template <typename Poll>
  bool Until(Poll poll) const {
    for (;;) {
      if (poll()) return true;
      if (Passed()) return false;
      sched_yield();
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool unbounded_;
  Clock::time_point end_;
};

inline double TimeoutArg(const Napi::Value& v) { return v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1; }

}  // namespace mpi4js
