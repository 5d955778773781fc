#pragma once
// Text in XML and HTML, the IATI file and the dashboard alike. Bytes that are
// not UTF-8 become U+FFFD and characters XML 1.0 forbids are dropped, so
// whatever the database holds, the document parses.
#include <string>
#include <string_view>

namespace mswa::reports {

// Quotes, tabs and newlines need escaping only inside attribute values.
enum class MarkupContext { text, attribute };

void append_escaped(std::string& out, std::string_view s, MarkupContext context);
// Escaped for either context (what the dashboard uses for text and attributes alike).
std::string escape_markup(std::string_view s, MarkupContext context = MarkupContext::attribute);

}  // namespace mswa::reports
