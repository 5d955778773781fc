#pragma once
#include <soci/soci.h>

#include <string>

#include "domain/user.hpp"

namespace mswa::persistence {

// Column list and reader for users, shared by the user and session repositories.
// `prefix` qualifies the columns in joins, e.g. "u.".
inline std::string user_columns(const std::string& prefix = "") {
  std::string out;
  for (const char* c : {"id", "email", "name", "role", "organisation_id", "active", "version", "created_at", "updated_at",
                        "locale", "email_notifications", "password_change_required"})
    out += (out.empty() ? "" : ", ") + prefix + c;
  return out;
}
inline const std::string kUserColumns = user_columns();

struct UserRow {
  std::string id, email, name, role, organisation_id, locale, email_notifications;
  int active = 0, password_change_required = 0;
  long long version = 0, created_at = 0, updated_at = 0;
  soci::indicator organisation_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(email));
    st.exchange(soci::into(name));
    st.exchange(soci::into(role));
    st.exchange(soci::into(organisation_id, organisation_ind));
    st.exchange(soci::into(active));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(locale));
    st.exchange(soci::into(email_notifications));
    st.exchange(soci::into(password_change_required));
  }

  domain::User to_domain() const {
    domain::User u;
    u.id = id;
    u.email = email;
    u.name = name;
    u.role = domain::parse_role(role).value_or(domain::Role::member);
    if (organisation_ind == soci::i_ok) u.organisation_id = organisation_id;
    u.active = active != 0;
    u.version = version;
    u.created_at = created_at;
    u.updated_at = updated_at;
    u.locale = locale;
    u.email_notifications =
        domain::parse_email_notifications(email_notifications).value_or(domain::EmailNotifications::daily);
    u.password_change_required = password_change_required != 0;
    return u;
  }
};


}  // namespace mswa::persistence
