#pragma once
#include <cstddef>
#include <optional>

#include "domain/error.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace mswa::domain {

// The code point starting at s[i], advancing i past it; nullopt (advancing one
// byte) for bytes that are not well-formed UTF-8. The one UTF-8 decoder.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i);
// Number of Unicode code points, or nullopt when the bytes are not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);
// Number of letters as length limits count them (DESIGN §4.1): code points
// that are not combining marks (Mn, Mc, Me), joiners (U+200C, U+200D) or
// variation selectors (U+FE00-U+FE0F). The same in NFC and NFD, and what the
// web client counts. nullopt when the bytes are not valid UTF-8.
std::optional<std::size_t> letter_count(std::string_view s);
// A pragmatic address check: one '@', a non-empty local part, a dotted domain, no spaces.
bool is_plausible_email(std::string_view s);
enum class Lines { single, multi };

// The one rule for free text: valid UTF-8 without control characters
// ("invalid_text"; Lines::multi also allows newlines and tabs), of min..max
// letters ("too_short", "too_long"). Returns the error for `pointer`, or nothing.
std::optional<FieldError> check_text(std::string_view value, const std::string& pointer, std::size_t min,
                                     std::size_t max, Lines lines = Lines::single);

// "a, b, c" from {"a", "b", "c"} with ", ".
std::string join(const std::vector<std::string_view>& parts, std::string_view separator);
// A key as one token of an RFC 6901 JSON pointer: "~" -> "~0", "/" -> "~1".
std::string pointer_token(std::string_view key);
// ASCII lower-casing, for e-mail addresses used as keys.
std::string ascii_lower(std::string_view s);

}  // namespace mswa::domain
