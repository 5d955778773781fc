#include <soci/soci.h>

#include "persistence/repositories.hpp"

namespace mswa::persistence {

std::optional<domain::IdempotencyRecord> SociIdempotencyRepository::claim(const domain::IdempotencyKey& key,
                                                                          domain::EpochMs now,
                                                                          domain::EpochMs expired_before) {
  return guarded(ctx_, [&]() -> std::optional<domain::IdempotencyRecord> {
    // Inserts the key, or takes over an expired one. On PostgreSQL a second
    // claim of a key another open transaction holds waits here until that
    // transaction ends, then finds its row.
    std::string claimed;
    soci::indicator claimed_ind = soci::i_null;
    ctx_.sql << "INSERT INTO idempotency_keys (user_id, idempotency_key, fingerprint, status_code, body, created_at) "
                "VALUES (:user, :key, :fingerprint, 0, '', :now) ON CONFLICT (user_id, idempotency_key) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, status_code = 0, body = '', created_at = excluded.created_at "
                "WHERE idempotency_keys.created_at < :expired RETURNING user_id",
        soci::use(key.user_id, "user"), soci::use(key.key, "key"), soci::use(key.fingerprint, "fingerprint"),
        soci::use(now, "now"), soci::use(expired_before, "expired"), soci::into(claimed, claimed_ind);
    if (ctx_.sql.got_data()) return std::nullopt;
    domain::IdempotencyRecord record;
    ctx_.sql << "SELECT fingerprint, status_code, body FROM idempotency_keys WHERE user_id = :user AND "
                "idempotency_key = :key",
        soci::use(key.user_id, "user"), soci::use(key.key, "key"), soci::into(record.fingerprint),
        soci::into(record.response.status), soci::into(record.response.body);
    return record;
  });
}

void SociIdempotencyRepository::complete(const domain::IdempotencyKey& key, const domain::StoredResponse& response) {
  guarded(ctx_, [&] {
    ctx_.sql << "UPDATE idempotency_keys SET status_code = :status, body = :body WHERE user_id = :user AND "
                "idempotency_key = :key",
        soci::use(response.status, "status"), soci::use(response.body, "body"), soci::use(key.user_id, "user"),
        soci::use(key.key, "key");
  });
}

long long SociIdempotencyRepository::purge(domain::EpochMs before) {
  return guarded(ctx_, [&] {
    soci::statement st = (ctx_.sql.prepare << "DELETE FROM idempotency_keys WHERE created_at < :before",
                          soci::use(before, "before"));
    st.execute(true);
    return st.get_affected_rows();
  });
}

}  // namespace mswa::persistence
