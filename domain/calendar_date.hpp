#pragma once
// Calendar dates travel and are stored as 'YYYY-MM-DD'; in that form they
// also sort correctly as strings.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

namespace mswa::domain {

// A real date in the Gregorian calendar, years 1900-2999, exactly 'YYYY-MM-DD'.
bool is_valid_date(std::string_view text);
// The one parser of 'YYYY-MM-DD': a real date written exactly so, of any
// year (date arithmetic may run past 2999); nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
// 'YYYY-MM-DD' of a date.
std::string date_text(const std::chrono::year_month_day& date);
// The UTC calendar date of an instant.
std::string date_of(EpochMs t);
// 'YYYY-MM-DDTHH:MM:SSZ' (UTC, whole seconds, as the API writes instants).
std::optional<EpochMs> parse_instant(std::string_view text);
std::string instant_text(EpochMs t);
// 31 March, 30 June, 30 September or 31 December of a valid date.
bool is_quarter_end(std::string_view date);

}  // namespace mswa::domain
