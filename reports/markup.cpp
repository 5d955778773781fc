#include "reports/markup.hpp"

#include <optional>

namespace mswa::reports {

namespace {

// Characters an XML 1.0 document may contain.
bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

// The code point starting at s[i], advancing i past it; nullopt (advancing one
// byte) for bytes that are not well-formed UTF-8.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0, min = 0;
  if ((lead & 0xE0) == 0xC0)
    length = 2, cp = lead & 0x1F, min = 0x80;
  else if ((lead & 0xF0) == 0xE0)
    length = 3, cp = lead & 0x0F, min = 0x800;
  else if ((lead & 0xF8) == 0xF0)
    length = 4, cp = lead & 0x07, min = 0x10000;
  else {
    ++i;
    return std::nullopt;
  }
  if (i + length > s.size()) {
    ++i;
    return std::nullopt;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return std::nullopt;
  }
  i += length;
  return cp;
}

void append_escaped(std::string& out, std::string_view s, MarkupContext context) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const auto cp = next_code_point(s, i);
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
