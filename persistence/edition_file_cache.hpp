#pragma once
// The bytes of edition files, by their sha256. An edition never changes, so
// a file read once can be served again from memory: the database then reads
// only the small row that says which file is current and who may see it.
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace mswa::persistence {

class EditionFileCache {
 public:
  explicit EditionFileCache(std::size_t max_bytes = 64u << 20) : max_bytes_(max_bytes) {}

  std::optional<std::string> find(const std::string& sha256) const;
  // Keeps the bytes, forgetting the oldest files beyond the bound.
  void put(const std::string& sha256, const std::string& body);

 private:
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::string>> files_;
  std::deque<std::string> order_;  // oldest first
  std::size_t bytes_ = 0;
};

}  // namespace mswa::persistence
