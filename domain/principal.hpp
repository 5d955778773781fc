#pragma once
#include <optional>
#include <string>

#include "domain/role.hpp"

namespace mswa::domain {

// The authenticated caller of one request.
struct Principal {
  std::string user_id;
  Role role = Role::member;
  std::optional<std::string> organisation_id;
  std::string email;
  std::string name;
  std::string locale = "en";
  std::string email_notifications = "daily";
  // Every route but GET /me, POST /me/password and logout refuses until the
  // user has chosen a new password.
  bool password_change_required = false;
};

// Who did something, for the audit trail: a user, or the system itself (the CLI, start-up).
struct Actor {
  std::optional<std::string> user_id;
  std::string role;  // a Role name, "anonymous" or "system"
  std::optional<std::string> organisation_id;
  std::string request_id;

  static Actor of(const Principal& p, std::string request_id) {
    return Actor{p.user_id, std::string(to_string(p.role)), p.organisation_id, std::move(request_id)};
  }
  static Actor anonymous(std::string request_id) { return Actor{std::nullopt, "anonymous", std::nullopt, std::move(request_id)}; }
  static Actor system(std::string request_id) { return Actor{std::nullopt, "system", std::nullopt, std::move(request_id)}; }
};

// Whether the caller may see an organisation at all. Staff see every one;
// everybody else only the one they belong to.
inline bool can_see_organisation(const Principal& p, const std::string& organisation_id) {
  return is_staff(p.role) || (p.organisation_id && *p.organisation_id == organisation_id);
}

}  // namespace mswa::domain
