#include "demo/agenda.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "domain/award.hpp"
#include "domain/calendar_date.hpp"

namespace mswa::demo {

domain::EpochMs instant(const std::string& date, int hour) {
  char text[24];
  std::snprintf(text, sizeof text, "%sT%02d:00:00Z", date.c_str(), hour);
  return *domain::parse_instant(text);
}

std::string first_of_month(const std::string& date) { return date.substr(0, 8) + "01"; }

std::string last_of_month(const std::string& date) {
  return domain::add_days(domain::add_months(first_of_month(date), 1), -1);
}

void Agenda::at(const std::string& date, int hour, std::function<void()> step) {
  steps_.push_back({instant(date, hour), std::move(step)});
}

void Agenda::run(domain::ManualClock& clock, domain::EpochMs until,
                 const std::function<bool(std::size_t done)>& after_step) {
  std::stable_sort(steps_.begin(), steps_.end(), [](const Step& a, const Step& b) { return a.when < b.when; });
  domain::EpochMs last = clock.now_ms();
  std::size_t done = 0;
  for (auto& step : steps_) {
    last = std::max(step.when, last + domain::minutes_ms(1));
    if (last >= until) throw std::logic_error("the history runs into today");
    clock.set(last);
    step.run();
    if (after_step && !after_step(++done)) break;
  }
  steps_.clear();
}

}  // namespace mswa::demo
