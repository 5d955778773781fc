#pragma once
#include <string>
#include <string_view>

namespace mswa::domain {
// ISO 3166-1 alpha-2, upper case (officially assigned codes).
bool is_iso_country(std::string_view code);
// The English name reports print for the alliance's countries; any other code as it is.
std::string country_name(std::string_view code);
}
