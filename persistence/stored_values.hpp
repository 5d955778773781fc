#pragma once
// How a few values sit in columns: currency codes, and word lists kept as
// space-separated text (country codes, result codes, dimensions, ids).
#include <sstream>
#include <string>
#include <vector>

#include "domain/money.hpp"

namespace mswa::persistence {

// A stored code is one this program wrote; an unknown one keeps two digits.
inline domain::Currency stored_currency(const std::string& code) {
  return domain::find_currency(code).value_or(domain::Currency{code, 2});
}

inline std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

inline std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace mswa::persistence
