#pragma once
// Calendar dates travel and are stored as 'YYYY-MM-DD'; in that form they
// also sort correctly as strings.
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

namespace mswa::domain {

// A real date in the Gregorian calendar, years 1900-2999, exactly 'YYYY-MM-DD'.
bool is_valid_date(std::string_view text);
// The UTC calendar date of an instant.
std::string date_of(EpochMs t);
// 'YYYY-MM-DDTHH:MM:SSZ' (UTC, whole seconds, as the API writes instants).
std::optional<EpochMs> parse_instant(std::string_view text);
std::string instant_text(EpochMs t);
// 31 March, 30 June, 30 September or 31 December of a valid date.
bool is_quarter_end(std::string_view date);

}  // namespace mswa::domain
