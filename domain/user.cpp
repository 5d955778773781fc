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
  if (!is_plausible_email(email)) return {{"/email", "must be an e-mail address"}};
  return {};
}

std::vector<FieldError> validate_user_name(const std::string& name) {
  if (auto bad = check_text(name, "/name", 1, 200)) return {*bad};
  return {};
}

std::vector<FieldError> validate_password(const std::string& password, const std::string& pointer) {
  const auto len = utf8_length(password);
  if (!len) return {{pointer, "must be valid UTF-8"}};
  if (*len < kPasswordMinChars || *len > kPasswordMaxChars) return {{pointer, "must be 8 to 128 characters"}};
  return {};
}

std::optional<FieldError> check_role_organisation(Role role, const std::optional<Organisation>& org,
                                                  bool organisation_given) {
  const char* pointer = "/organisation_id";
  if (organisation_given && !org) return FieldError{pointer, "names no organisation"};
  const auto kind = org ? std::optional(org->fields.kind) : std::nullopt;
  switch (role) {
    case Role::member:
      if (kind != OrgKind::member) return FieldError{pointer, "a member belongs to a member organisation"};
      break;
    case Role::donor:
      if (kind != OrgKind::donor) return FieldError{pointer, "a donor belongs to a donor organisation"};
      break;
    case Role::admin:
    case Role::programme:
    case Role::finance:
      if (kind && kind != OrgKind::alliance) return FieldError{pointer, "staff belong to the alliance or to none"};
      break;
    case Role::reviewer:
      if (kind == OrgKind::donor) return FieldError{pointer, "a reviewer belongs to a member organisation, the alliance or none"};
      break;
  }
  return std::nullopt;
}

}  // namespace mswa::domain
