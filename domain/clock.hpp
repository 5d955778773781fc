#pragma once
// Time comes through a Clock so tests can set it. Instants are UTC epoch milliseconds.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace mswa::domain {

using EpochMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual EpochMs now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  EpochMs now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that stands still until told to move.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(EpochMs start) : now_(start) {}
  EpochMs now_ms() const override { return now_.load(); }
  void set(EpochMs t) { now_.store(t); }
  void advance_ms(EpochMs d) { now_.fetch_add(d); }

 private:
  std::atomic<EpochMs> now_;
};

constexpr EpochMs minutes_ms(std::int64_t m) { return m * 60 * 1000; }
constexpr EpochMs hours_ms(std::int64_t h) { return h * 60 * minutes_ms(1); }

}  // namespace mswa::domain
