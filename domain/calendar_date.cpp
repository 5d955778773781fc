#include "domain/calendar_date.hpp"

#include <chrono>
#include <cstdio>

namespace mswa::domain {

std::optional<std::chrono::year_month_day> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int year = number(0, 4);
  const auto ymd = std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                               std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

bool is_valid_date(std::string_view t) {
  const auto ymd = parse_date(t);
  return ymd && ymd->year() >= std::chrono::year{1900} && ymd->year() <= std::chrono::year{2999};
}

std::string date_text(const std::chrono::year_month_day& ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<EpochMs> parse_instant(std::string_view t) {
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return std::nullopt;
  if (!is_valid_date(t.substr(0, 10))) return std::nullopt;
  const auto date = parse_date(t.substr(0, 10));
  int parts[3] = {0, 0, 0};
  for (int p = 0; p < 3; ++p) {
    const char a = t[11 + static_cast<std::size_t>(p) * 3], b = t[12 + static_cast<std::size_t>(p) * 3];
    if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
    parts[p] = (a - '0') * 10 + (b - '0');
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  using namespace std::chrono;
  const auto at = sys_days{*date} + hours{parts[0]} + minutes{parts[1]} + seconds{parts[2]};
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

std::string date_of(EpochMs t) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_time<milliseconds>{milliseconds{t}});
  return date_text(year_month_day{day});
}

std::string instant_text(EpochMs t) {
  using namespace std::chrono;
  const sys_seconds secs{seconds{t >= 0 ? t / 1000 : (t - 999) / 1000}};
  const auto day = floor<days>(secs);
  const year_month_day ymd{day};
  const hh_mm_ss hms{secs - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

bool is_quarter_end(std::string_view date) {
  if (!is_valid_date(date)) return false;
  const auto month_day = date.substr(5);
  return month_day == "03-31" || month_day == "06-30" || month_day == "09-30" || month_day == "12-31";
}

}  // namespace mswa::domain
