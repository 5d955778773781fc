#include "domain/text.hpp"

#include <algorithm>
#include <string>

#include <unicode/uchar.h>

namespace mswa::domain {

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

namespace {

// Code points counted by `counts`, or nullopt at the first byte that is not UTF-8.
template <class Counts>
std::optional<std::size_t> count_code_points(std::string_view s, Counts counts) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto cp = next_code_point(s, i);
    if (!cp) return std::nullopt;
    if (counts(*cp)) ++n;
  }
  return n;
}

// What a reader sees as a letter of its own: not a mark that sits on the
// one before (a Khmer or Thai vowel sign, a subscript, a Vietnamese tone
// mark in NFD), a joiner or a variation selector.
bool is_letter(char32_t cp) {
  if (cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)) return false;
  const auto category = u_charType(static_cast<UChar32>(cp));
  return category != U_NON_SPACING_MARK && category != U_COMBINING_SPACING_MARK && category != U_ENCLOSING_MARK;
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view s) {
  return count_code_points(s, [](char32_t) { return true; });
}

std::optional<std::size_t> letter_count(std::string_view s) { return count_code_points(s, is_letter); }

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
  const auto letters = letter_count(value);
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
