#include <soci/soci.h>

#include "persistence/repositories.hpp"

namespace mswa::persistence {

// Renew or take over an expired lease; else claim a lease nobody held yet.
// On PostgreSQL a second process's UPDATE waits for the first transaction
// and then sees the new holder, so two never both win.
bool SociLeaseRepository::acquire(const std::string& name, const std::string& holder, domain::EpochMs now,
                                  domain::EpochMs until) {
  return guarded(ctx_, [&] {
    soci::statement renew = (ctx_.sql.prepare << "UPDATE leases SET holder = :holder, expires_at = :until "
                                                 "WHERE name = :name AND (holder = :holder2 OR expires_at <= :now)",
                             soci::use(holder, "holder"), soci::use(until, "until"), soci::use(name, "name"),
                             soci::use(holder, "holder2"), soci::use(now, "now"));
    renew.execute(true);
    if (renew.get_affected_rows() == 1) return true;
    soci::statement claim = (ctx_.sql.prepare << "INSERT INTO leases (name, holder, expires_at) "
                                                 "VALUES (:name, :holder, :until) ON CONFLICT (name) DO NOTHING",
                             soci::use(name, "name"), soci::use(holder, "holder"), soci::use(until, "until"));
    claim.execute(true);
    return claim.get_affected_rows() == 1;
  });
}

}  // namespace mswa::persistence
