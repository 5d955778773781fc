#pragma once
#include <string_view>

namespace mswa::domain {
// ISO 3166-1 alpha-2, upper case (officially assigned codes).
bool is_iso_country(std::string_view code);
}
