#pragma once
// A made-up history told through the real services, for the demo data and
// the benchmark portfolio: steps planned on given days run in order of time
// on a ManualClock, whatever order they were planned in.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "domain/clock.hpp"

namespace mswa::demo {

// 'YYYY-MM-DD' at a whole hour, UTC.
domain::EpochMs instant(const std::string& date, int hour);
std::string first_of_month(const std::string& date);
std::string last_of_month(const std::string& date);

class Agenda {
 public:
  void at(const std::string& date, int hour, std::function<void()> step);
  std::size_t size() const { return steps_.size(); }
  // Runs every step on `clock`, which must never reach `until`; steps due at
  // the same hour run a minute apart, in the order they were planned.
  // `after_step(done)` hears of each step and ends the run by returning false.
  void run(domain::ManualClock& clock, domain::EpochMs until,
           const std::function<bool(std::size_t done)>& after_step = {});

 private:
  struct Step {
    domain::EpochMs when;
    std::function<void()> run;
  };
  std::vector<Step> steps_;
};

}  // namespace mswa::demo
