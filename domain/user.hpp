#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/organisation.hpp"
#include "domain/role.hpp"

namespace mswa::domain {

// How a user hears of new notifications by e-mail (DESIGN §10).
enum class EmailNotifications { immediate, daily, off };
std::string_view to_string(EmailNotifications e);
std::optional<EmailNotifications> parse_email_notifications(std::string_view s);

// The languages of the web app and of e-mails.
inline constexpr std::string_view kLocales[] = {"en", "th", "km", "lo", "my", "vi"};
bool is_locale(std::string_view s);

struct User {
  std::string id;
  std::string email;  // stored lower-cased: the login key
  std::string name;
  Role role = Role::member;
  std::optional<std::string> organisation_id;
  bool active = true;
  long long version = 1;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
  std::string locale = "en";
  EmailNotifications email_notifications = EmailNotifications::daily;
  // After an admin's reset: the user must choose a new password first.
  bool password_change_required = false;
};

struct NewUser {
  std::string email;
  std::string name;
  Role role = Role::member;
  std::optional<std::string> organisation_id;
  std::string password;
};

struct UserPatch {
  std::optional<std::string> name;
  std::optional<Role> role;
  std::optional<std::optional<std::string>> organisation_id;
  std::optional<bool> active;
  std::optional<std::string> password;
};

// What a user may change about themselves (PATCH /me).
struct MePatch {
  std::optional<std::string> name;
  std::optional<std::string> locale;
  std::optional<EmailNotifications> email_notifications;
};

constexpr std::size_t kPasswordMinChars = 8;
constexpr std::size_t kPasswordMaxChars = 128;

std::vector<FieldError> validate_email(const std::string& email);
std::vector<FieldError> validate_user_name(const std::string& name);
std::vector<FieldError> validate_password(const std::string& password, const std::string& pointer = "/password");

// Which organisations a role may belong to: members to a member organisation,
// donors to a donor, staff to the alliance, reviewers to a member organisation
// (peer review) or the alliance, or none.
std::optional<FieldError> check_role_organisation(Role role, const std::optional<Organisation>& org,
                                                  bool organisation_given);

}  // namespace mswa::domain
