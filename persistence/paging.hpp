#pragma once
// Keyset pagination over (created_at, id), shared by every listing in that order.
#include <soci/soci.h>

#include <string>

#include "domain/page.hpp"
#include "persistence/repositories.hpp"

namespace mswa::persistence {

// A cursor this server did not make: the caller's input, so a 422.
domain::Failure bad_cursor();

// Keyset cursors for listings ordered by (created_at, id).
std::string created_key(domain::EpochMs created_at, const std::string& id);
bool parse_created_key(const std::string& key, domain::EpochMs& created_at, std::string& id);

class CreatedKeyset {
 public:
  // Throws bad_cursor() for an `after` key this server did not make.
  explicit CreatedKeyset(const domain::PageRequest& page);

  // " AND (...)" after the last item of the previous page, or "".
  std::string condition(const std::string& alias) const;
  // " ORDER BY ... LIMIT :lim", one row more than the page to see whether another follows.
  std::string order_and_limit(const std::string& alias) const;
  // Binds what condition() and order_and_limit() name; call after the filters' own binds.
  void bind(soci::statement& st);

  // Runs the prepared statement, reading each row through `row`, and cuts the page.
  template <class Row>
  auto fetch(soci::statement& st, Row& row) -> domain::Page<decltype(row.to_domain())> {
    domain::Page<decltype(row.to_domain())> page;
    if (st.execute(true)) {
      do page.items.push_back(row.to_domain());
      while (st.fetch());
    }
    if (static_cast<int>(page.items.size()) > limit_) {
      page.items.resize(static_cast<std::size_t>(limit_));
      page.next_after = created_key(page.items.back().created_at, page.items.back().id);
    }
    return page;
  }

 private:
  int limit_;
  int fetch_;
  bool has_after_ = false;
  domain::EpochMs after_created_ = 0;
  std::string after_id_;
};

}  // namespace mswa::persistence
