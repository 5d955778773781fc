#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mswa::domain {

// Number of Unicode code points, or nullopt when the bytes are not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);
// True when s holds a control character (C0, DEL), which no name or label needs.
bool has_control_chars(std::string_view s);
// A pragmatic address check: one '@', a non-empty local part, a dotted domain, no spaces.
bool is_plausible_email(std::string_view s);
// A key as one token of an RFC 6901 JSON pointer: "~" -> "~0", "/" -> "~1".
std::string pointer_token(std::string_view key);
// ASCII lower-casing, for e-mail addresses used as keys.
std::string ascii_lower(std::string_view s);

}  // namespace mswa::domain
