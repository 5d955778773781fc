#pragma once
// Text in XML and HTML, the IATI file and the dashboard alike. Bytes that are
// not UTF-8 become U+FFFD and characters XML 1.0 forbids are dropped, so
// whatever the database holds, the document parses.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mswa::reports {

// The code point starting at s[i], advancing i past it; nullopt (advancing one
// byte) for bytes that are not well-formed UTF-8.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i);

// Quotes, tabs and newlines need escaping only inside attribute values.
enum class MarkupContext { text, attribute };

void append_escaped(std::string& out, std::string_view s, MarkupContext context);
// Escaped for either context (what the dashboard uses for text and attributes alike).
std::string escape_markup(std::string_view s, MarkupContext context = MarkupContext::attribute);

}  // namespace mswa::reports
