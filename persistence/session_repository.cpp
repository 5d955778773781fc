#include <soci/soci.h>

#include "persistence/repositories.hpp"
#include "persistence/user_row.hpp"

namespace mswa::persistence {

using domain::EpochMs;

void SociSessionRepository::create(const domain::StoredSession& s) {
  guarded(ctx_, [&] {
    ctx_.sql << "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
                "VALUES (:hash, :user_id, :created, :seen, :expires)",
        soci::use(s.token_hash, "hash"), soci::use(s.user_id, "user_id"), soci::use(s.times.created_at, "created"),
        soci::use(s.times.last_seen_at, "seen"), soci::use(s.times.expires_at, "expires");
  });
}

std::optional<domain::StoredSession> SociSessionRepository::find(const std::string& token_hash) {
  return guarded(ctx_, [&]() -> std::optional<domain::StoredSession> {
    domain::StoredSession s;
    long long created = 0, seen = 0, expires = 0, revoked = 0;
    soci::indicator revoked_ind = soci::i_null;
    ctx_.sql << "SELECT user_id, created_at, last_seen_at, expires_at, revoked_at FROM sessions "
                "WHERE token_hash = :hash",
        soci::use(token_hash, "hash"), soci::into(s.user_id), soci::into(created), soci::into(seen),
        soci::into(expires), soci::into(revoked, revoked_ind);
    if (!ctx_.sql.got_data()) return std::nullopt;
    s.token_hash = token_hash;
    s.times = {created, seen, expires, revoked_ind == soci::i_ok ? std::optional<EpochMs>(revoked) : std::nullopt};
    return s;
  });
}

std::optional<domain::SessionWithUser> SociSessionRepository::find_with_user(const std::string& token_hash) {
  return guarded(ctx_, [&]() -> std::optional<domain::SessionWithUser> {
    UserRow user;
    long long created = 0, seen = 0, expires = 0, revoked = 0;
    soci::indicator revoked_ind = soci::i_null;
    soci::statement st(ctx_.sql);
    user.bind(st);
    st.exchange(soci::into(created));
    st.exchange(soci::into(seen));
    st.exchange(soci::into(expires));
    st.exchange(soci::into(revoked, revoked_ind));
    st.exchange(soci::use(token_hash, "hash"));
    st.alloc();
    st.prepare("SELECT " + user_columns("u.") +
               ", s.created_at, s.last_seen_at, s.expires_at, s.revoked_at "
               "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :hash");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    domain::SessionTimes times{created, seen, expires,
                               revoked_ind == soci::i_ok ? std::optional<EpochMs>(revoked) : std::nullopt};
    return domain::SessionWithUser{{token_hash, user.id, times}, user.to_domain()};
  });
}

void SociSessionRepository::touch(const std::string& token_hash, EpochMs now) {
  guarded(ctx_, [&] {
    ctx_.sql << "UPDATE sessions SET last_seen_at = :now WHERE token_hash = :hash AND last_seen_at < :now2",
        soci::use(now, "now"), soci::use(token_hash, "hash"), soci::use(now, "now2");
  });
}

void SociSessionRepository::revoke(const std::string& token_hash, EpochMs now) {
  guarded(ctx_, [&] {
    ctx_.sql << "UPDATE sessions SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL",
        soci::use(now, "now"), soci::use(token_hash, "hash");
  });
}

void SociSessionRepository::revoke_all_for_user(const std::string& user_id, EpochMs now) {
  guarded(ctx_, [&] {
    ctx_.sql << "UPDATE sessions SET revoked_at = :now WHERE user_id = :user_id AND revoked_at IS NULL",
        soci::use(now, "now"), soci::use(user_id, "user_id");
  });
}

void SociSessionRepository::revoke_others_for_user(const std::string& user_id, const std::string& keep, EpochMs now) {
  guarded(ctx_, [&] {
    ctx_.sql << "UPDATE sessions SET revoked_at = :now WHERE user_id = :user_id AND token_hash <> :keep AND "
                "revoked_at IS NULL",
        soci::use(now, "now"), soci::use(user_id, "user_id"), soci::use(keep, "keep");
  });
}

long long SociSessionRepository::purge_ended(EpochMs now, EpochMs idle_before) {
  return guarded(ctx_, [&] {
    soci::statement st = (ctx_.sql.prepare << "DELETE FROM sessions WHERE expires_at <= :now OR revoked_at IS NOT NULL "
                                              "OR last_seen_at < :idle",
                          soci::use(now, "now"), soci::use(idle_before, "idle"));
    st.execute(true);
    return st.get_affected_rows();
  });
}

}  // namespace mswa::persistence
