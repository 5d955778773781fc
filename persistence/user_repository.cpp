#include <soci/soci.h>

#include "persistence/ids.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"
#include "persistence/user_row.hpp"

namespace mswa::persistence {

using domain::EpochMs;
using domain::User;

User SociUserRepository::insert(const domain::NewUser& user, const std::string& password_hash, EpochMs now) {
  return guarded(ctx_, [&] {
    User u{new_uuid(), user.email, user.name, user.role, user.organisation_id, true, 1, now, now};
    const std::string role(domain::to_string(u.role));
    const std::string org = u.organisation_id.value_or("");
    soci::indicator org_ind = u.organisation_id ? soci::i_ok : soci::i_null;
    ctx_.sql << "INSERT INTO users (id, email, name, role, organisation_id, password_hash, active, version, "
                "created_at, updated_at) VALUES (:id, :email, :name, :role, :org, :hash, 1, 1, :now, :now2)",
        soci::use(u.id, "id"), soci::use(u.email, "email"), soci::use(u.name, "name"), soci::use(role, "role"),
        soci::use(org, org_ind, "org"), soci::use(password_hash, "hash"), soci::use(now, "now"),
        soci::use(now, "now2");
    return u;
  });
}

std::optional<User> SociUserRepository::find_where(const std::string& column, const std::string& value) {
  return guarded(ctx_, [&]() -> std::optional<User> {
    UserRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = :value");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.to_domain();
  });
}

std::optional<User> SociUserRepository::find(const std::string& id) { return find_where("id", id); }

std::optional<User> SociUserRepository::find_by_email(const std::string& email_lower) {
  return find_where("email", email_lower);
}

std::optional<std::string> SociUserRepository::password_hash(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<std::string> {
    std::string hash;
    ctx_.sql << "SELECT password_hash FROM users WHERE id = :id", soci::use(id, "id"), soci::into(hash);
    if (!ctx_.sql.got_data()) return std::nullopt;
    return hash;
  });
}

domain::Page<User> SociUserRepository::list(const domain::PageRequest& page, const domain::UserFilter& filter) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    const std::string role = filter.role ? std::string(domain::to_string(*filter.role)) : std::string();
    std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE 1 = 1";
    if (filter.organisation_id) sql += " AND organisation_id = :org";
    if (filter.role) sql += " AND role = :role";
    sql += keyset.condition("") + keyset.order_and_limit("");
    UserRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (filter.organisation_id) st.exchange(soci::use(*filter.organisation_id, "org"));
    if (filter.role) st.exchange(soci::use(role, "role"));
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    return keyset.fetch(st, row);
  });
}

bool SociUserRepository::update(const User& user, long long expected_version) {
  return guarded(ctx_, [&] {
    const std::string role(domain::to_string(user.role));
    const std::string org = user.organisation_id.value_or("");
    soci::indicator org_ind = user.organisation_id ? soci::i_ok : soci::i_null;
    const int active = user.active ? 1 : 0;
    const int change_required = user.password_change_required ? 1 : 0;
    const std::string notifications(domain::to_string(user.email_notifications));
    soci::statement st = (ctx_.sql.prepare << "UPDATE users SET name = :name, role = :role, organisation_id = :org, "
                                              "active = :active, locale = :locale, email_notifications = :mail, "
                                              "password_change_required = :change, version = :version, "
                                              "updated_at = :updated WHERE id = :id AND version = :expected",
                          soci::use(user.name, "name"), soci::use(role, "role"), soci::use(org, org_ind, "org"),
                          soci::use(active, "active"), soci::use(user.locale, "locale"),
                          soci::use(notifications, "mail"), soci::use(change_required, "change"),
                          soci::use(user.version, "version"),
                          soci::use(user.updated_at, "updated"), soci::use(user.id, "id"),
                          soci::use(expected_version, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

void SociUserRepository::set_password_hash(const std::string& id, const std::string& hash, EpochMs now) {
  guarded(ctx_, [&] {
    ctx_.sql << "UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id", soci::use(hash, "hash"),
        soci::use(now, "now"), soci::use(id, "id");
  });
}

long long SociUserRepository::count() {
  return guarded(ctx_, [&] {
    long long n = 0;
    ctx_.sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return n;
  });
}

long long SociUserRepository::count_active_with_role(domain::Role role) {
  return guarded(ctx_, [&] {
    // PostgreSQL locks the rows; SQLite's single writer already serialises.
    const std::string name(domain::to_string(role));
    std::string id;
    long long n = 0;
    soci::statement st = (ctx_.sql.prepare << std::string("SELECT id FROM users WHERE active = 1 AND role = :role") +
                                                  (ctx_.dialect == Dialect::postgresql ? " FOR UPDATE" : ""),
                          soci::use(name, "role"), soci::into(id));
    if (st.execute(true)) {
      do ++n;
      while (st.fetch());
    }
    return n;
  });
}

}  // namespace mswa::persistence
