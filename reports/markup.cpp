#include "reports/markup.hpp"

#include <optional>

#include "domain/text.hpp"

namespace mswa::reports {

namespace {

// Characters an XML 1.0 document may contain.
bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

void append_escaped(std::string& out, std::string_view s, MarkupContext context) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const auto cp = domain::next_code_point(s, i);
    if (!cp) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    if (!is_xml_char(*cp)) continue;
    switch (*cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      // Quotes only matter inside attribute values.
      case '"':
        out += context == MarkupContext::attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += context == MarkupContext::attribute ? "&apos;" : "'";
        break;
      case '\r':
        out += "&#13;";
        break;  // a raw CR would be normalised away
      // Attribute values turn raw tabs and newlines into spaces; keep them.
      case '\n':
        out += context == MarkupContext::attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += context == MarkupContext::attribute ? "&#9;" : "\t";
        break;
      default:
        out.append(s.substr(start, i - start));
    }
  }
}

std::string escape_markup(std::string_view s, MarkupContext context) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s, context);
  return out;
}

}  // namespace mswa::reports
