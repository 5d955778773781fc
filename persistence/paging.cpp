// Keyset pagination keys, shared by every listing.
#include <charconv>

#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::EpochMs;

domain::Failure bad_cursor() {
  return domain::Failure(domain::invalid_field("/cursor", "is not a cursor this server gave out"));
}

std::string created_key(EpochMs created_at, const std::string& id) { return std::to_string(created_at) + ":" + id; }

bool parse_created_key(const std::string& key, EpochMs& created_at, std::string& id) {
  const auto colon = key.find(':');
  if (colon == std::string::npos || colon + 1 >= key.size()) return false;
  const auto [ptr, ec] = std::from_chars(key.data(), key.data() + colon, created_at);
  if (ec != std::errc() || ptr != key.data() + colon) return false;
  id = key.substr(colon + 1);
  return true;
}

}  // namespace mswa::persistence
