#include "domain/user.hpp"

#include "domain/text.hpp"

namespace mswa::domain {

std::string_view to_string(EmailNotifications e) {
  switch (e) {
    case EmailNotifications::immediate: return "immediate";
    case EmailNotifications::daily: return "daily";
    case EmailNotifications::off: return "off";
  }
  return "daily";
}

std::optional<EmailNotifications> parse_email_notifications(std::string_view s) {
  for (auto e : {EmailNotifications::immediate, EmailNotifications::daily, EmailNotifications::off})
    if (to_string(e) == s) return e;
  return std::nullopt;
}

bool is_locale(std::string_view s) {
  for (auto l : kLocales)
    if (l == s) return true;
  return false;
}

std::vector<FieldError> validate_email(const std::string& email) {
  if (!is_plausible_email(email)) return {{"/email", "must be an e-mail address", "invalid_email"}};
  return {};
}

std::vector<FieldError> validate_user_name(const std::string& name) {
  if (auto bad = check_text(name, "/name", 1, 200)) return {*bad};
  return {};
}

std::vector<FieldError> validate_password(const std::string& password, const std::string& pointer) {
  const auto len = utf8_length(password);
  if (!len) return {{pointer, "must be valid UTF-8", "invalid_text"}};
  // Passwords count code points, not letters: every one of them is typed.
  const std::string detail = "must be 8 to 128 characters";
  if (*len < kPasswordMinChars) return {{pointer, detail, "too_short", {{"min", std::to_string(kPasswordMinChars)}}}};
  if (*len > kPasswordMaxChars) return {{pointer, detail, "too_long", {{"max", std::to_string(kPasswordMaxChars)}}}};
  return {};
}

std::optional<FieldError> check_role_organisation(Role role, const std::optional<Organisation>& org,
                                                  bool organisation_given) {
  const char* pointer = "/organisation_id";
  if (organisation_given && !org) return FieldError{pointer, "names no organisation", "unknown_organisation"};
  // The role's organisation kind is wrong: `role` lets a client say which.
  const auto wrong_kind = [&](const char* detail) {
    return FieldError{pointer, detail, "wrong_organisation_kind", {{"role", std::string(to_string(role))}}};
  };
  const auto kind = org ? std::optional(org->fields.kind) : std::nullopt;
  switch (role) {
    case Role::member:
      if (kind != OrgKind::member) return wrong_kind("a member belongs to a member organisation");
      break;
    case Role::donor:
      if (kind != OrgKind::donor) return wrong_kind("a donor belongs to a donor organisation");
      break;
    case Role::admin:
    case Role::programme:
    case Role::finance:
      if (kind && kind != OrgKind::alliance) return wrong_kind("staff belong to the alliance or to none");
      break;
    case Role::reviewer:
      if (kind == OrgKind::donor) return wrong_kind("a reviewer belongs to a member organisation, the alliance or none");
      break;
  }
  return std::nullopt;
}

}  // namespace mswa::domain
