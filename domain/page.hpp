#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mswa::domain {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

// Keyset pagination: `after` is the key of the last item of the previous page,
// as the repository made it (the api wraps it into an opaque cursor).
struct PageRequest {
  int limit = kDefaultPageSize;
  std::optional<std::string> after;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_after;
};

}  // namespace mswa::domain
