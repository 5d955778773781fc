#include <soci/soci.h>

#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::EpochMs;

long long SociLoginFailureRepository::record(const std::string& account_key, EpochMs at) {
  return guarded(ctx_, [&] {
    long long id = 0;
    ctx_.sql << "INSERT INTO login_failures (account_key, at) VALUES (:key, :at) RETURNING id",
        soci::use(account_key, "key"), soci::use(at, "at"), soci::into(id);
    return id;
  });
}

void SociLoginFailureRepository::remove(long long id) {
  guarded(ctx_, [&] { ctx_.sql << "DELETE FROM login_failures WHERE id = :id", soci::use(id, "id"); });
}

std::vector<EpochMs> SociLoginFailureRepository::since(const std::string& account_key, EpochMs from) {
  return guarded(ctx_, [&] {
    std::vector<EpochMs> out;
    long long at = 0;
    soci::statement st = (ctx_.sql.prepare << "SELECT at FROM login_failures WHERE account_key = :key AND at > :from "
                                              "ORDER BY at",
                          soci::use(account_key, "key"), soci::use(from, "from"), soci::into(at));
    if (st.execute(true)) {
      do out.push_back(at);
      while (st.fetch());
    }
    return out;
  });
}

void SociLoginFailureRepository::clear(const std::string& account_key) {
  guarded(ctx_, [&] {
    ctx_.sql << "DELETE FROM login_failures WHERE account_key = :key", soci::use(account_key, "key");
  });
}

long long SociLoginFailureRepository::purge(EpochMs before) {
  return guarded(ctx_, [&] {
    soci::statement st =
        (ctx_.sql.prepare << "DELETE FROM login_failures WHERE at < :before", soci::use(before, "before"));
    st.execute(true);
    return st.get_affected_rows();
  });
}

}  // namespace mswa::persistence
