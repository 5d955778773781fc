#include "persistence/edition_file_cache.hpp"

namespace mswa::persistence {

std::optional<std::string> EditionFileCache::find(const std::string& sha256) const {
  std::shared_ptr<const std::string> body;
  {
    const std::lock_guard lock(mutex_);
    const auto it = files_.find(sha256);
    if (it == files_.end()) return std::nullopt;
    body = it->second;
  }
  return *body;  // copied outside the lock
}

void EditionFileCache::put(const std::string& sha256, const std::string& body) {
  if (body.size() > max_bytes_) return;
  auto copy = std::make_shared<const std::string>(body);
  const std::lock_guard lock(mutex_);
  if (files_.count(sha256)) return;
  while (bytes_ + copy->size() > max_bytes_ && !order_.empty()) {
    bytes_ -= files_.at(order_.front())->size();
    files_.erase(order_.front());
    order_.pop_front();
  }
  bytes_ += copy->size();
  files_.emplace(sha256, std::move(copy));
  order_.push_back(sha256);
}

}  // namespace mswa::persistence
