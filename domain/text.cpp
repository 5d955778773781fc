#include "domain/text.hpp"

#include <algorithm>
#include <string>

namespace mswa::domain {

std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) { len = 1; cp = c; }
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return std::nullopt;
    if (i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

bool is_plausible_email(std::string_view s) {
  if (s.size() < 3 || s.size() > 254) return false;
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = s.substr(at + 1);
  const auto dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) return false;
  }
  return true;
}

std::optional<FieldError> check_text(std::string_view value, const std::string& pointer, std::size_t min,
                                     std::size_t max, Lines lines) {
  const auto letters = utf8_length(value);
  const bool controls = std::any_of(value.begin(), value.end(), [lines](char c) {
    const auto u = static_cast<unsigned char>(c);
    const bool allowed = lines == Lines::multi && (c == '\n' || c == '\r' || c == '\t');
    return (u < 0x20 || u == 0x7F) && !allowed;
  });
  if (letters && *letters >= min && *letters <= max && !controls) return std::nullopt;
  const std::string size = min == 0 ? "at most " + std::to_string(max) : std::to_string(min) + " to " + std::to_string(max);
  std::string detail = "must be " + size + " characters of UTF-8 text without control characters";
  if (!letters || controls) return FieldError{pointer, std::move(detail), "invalid_text"};
  if (*letters > max) return FieldError{pointer, std::move(detail), "too_long", {{"max", std::to_string(max)}}};
  return FieldError{pointer, std::move(detail), "too_short", {{"min", std::to_string(min)}}};
}

std::string join(const std::vector<std::string_view>& parts, std::string_view separator) {
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace mswa::domain
