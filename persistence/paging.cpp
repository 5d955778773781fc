// Keyset pagination keys, shared by every listing.
#include <charconv>

#include "persistence/paging.hpp"

namespace mswa::persistence {

using domain::EpochMs;

domain::Failure bad_cursor() {
  return domain::Failure(domain::invalid_field("/cursor", "is not a cursor this server gave out", "invalid_cursor"));
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

CreatedKeyset::CreatedKeyset(const domain::PageRequest& page) : limit_(page.limit), fetch_(page.limit + 1) {
  if (page.after) {
    if (!parse_created_key(*page.after, after_created_, after_id_)) throw bad_cursor();
    has_after_ = true;
  }
}

std::string CreatedKeyset::condition(const std::string& alias) const {
  if (!has_after_) return "";
  return " AND (" + alias + "created_at > :ac OR (" + alias + "created_at = :ac2 AND " + alias + "id > :ai))";
}

std::string CreatedKeyset::order_and_limit(const std::string& alias) const {
  return " ORDER BY " + alias + "created_at, " + alias + "id LIMIT :lim";
}

void CreatedKeyset::bind(soci::statement& st) {
  if (has_after_) {
    st.exchange(soci::use(after_created_, "ac"));
    st.exchange(soci::use(after_created_, "ac2"));
    st.exchange(soci::use(after_id_, "ai"));
  }
  st.exchange(soci::use(fetch_, "lim"));
}

}  // namespace mswa::persistence
