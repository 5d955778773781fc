#include "api/dto/user_json.hpp"

#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/responses.hpp"
#include "domain/text.hpp"

namespace mswa::api {

namespace {
const std::vector<std::string_view> kRoles = {"admin",    "programme", "finance",
                                                            "reviewer", "member",    "donor"};
}  // namespace

nlohmann::json to_me_json(const domain::Principal& who) {
  return {{"id", who.user_id},
          {"email", who.email},
          {"name", who.name},
          {"role", domain::to_string(who.role)},
          {"organisation_id", nullable_json(who.organisation_id)},
          {"locale", who.locale},
          {"email_notifications", who.email_notifications},
          {"password_change_required", who.password_change_required}};
}

nlohmann::json to_me_json(const domain::User& u) {
  return to_me_json(domain::Principal{u.id, u.role, u.organisation_id, u.email, u.name, u.locale,
                                      std::string(domain::to_string(u.email_notifications)),
                                      u.password_change_required});
}

nlohmann::json to_json(const domain::User& u) {
  nlohmann::json j = to_me_json(u);
  j["active"] = u.active;
  j["status"] = u.active ? "active" : "deactivated";
  j["created_at"] = rfc3339(u.created_at);
  j["updated_at"] = rfc3339(u.updated_at);
  j["version"] = u.version;
  return j;
}

std::variant<domain::NewUser, std::vector<domain::FieldError>> parse_new_user(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"email", "name", "role", "organisation_id", "password"});
  auto email = r.string("email", Presence::required);
  auto name = r.string("name", Presence::required);
  auto role = r.one_of("role", Presence::required, kRoles);
  auto org = r.nullable_string("organisation_id", Presence::optional);
  auto password = r.string("password", Presence::required);
  if (!r.ok()) {
    auto errors = r.errors();
    if (email) merge_field_errors(errors, domain::validate_email(domain::ascii_lower(*email)));
    if (name) merge_field_errors(errors, domain::validate_user_name(*name));
    if (password) merge_field_errors(errors, domain::validate_password(*password));
    return errors;
  }
  domain::NewUser u;
  u.email = *email;
  u.name = *name;
  u.role = *domain::parse_role(*role);
  if (org) u.organisation_id = *org;
  u.password = *password;
  return u;
}

std::variant<domain::UserPatch, std::vector<domain::FieldError>> parse_user_patch(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"name", "role", "organisation_id", "active", "password"});
  domain::UserPatch p;
  p.name = r.string("name", Presence::optional);
  if (auto role = r.one_of("role", Presence::optional, kRoles)) p.role = domain::parse_role(*role);
  p.organisation_id = r.nullable_string("organisation_id", Presence::optional);
  p.active = r.boolean("active", Presence::optional);
  p.password = r.string("password", Presence::optional);
  if (!r.ok()) return r.errors();
  return p;
}

std::variant<domain::MePatch, std::vector<domain::FieldError>> parse_me_patch(const nlohmann::json& body) {
  static const std::vector<std::string_view> kLocaleNames(std::begin(domain::kLocales), std::end(domain::kLocales));
  static const std::vector<std::string_view> kEmailChoices = {"immediate", "daily", "off"};
  FieldReader r(body);
  r.reject_unknown({"name", "locale", "email_notifications"});
  domain::MePatch p;
  p.name = r.string("name", Presence::optional);
  if (auto locale = r.one_of("locale", Presence::optional, kLocaleNames)) p.locale = *locale;
  if (auto choice = r.one_of("email_notifications", Presence::optional, kEmailChoices))
    p.email_notifications = domain::parse_email_notifications(*choice);
  if (!r.ok()) {
    auto errors = r.errors();
    if (p.name) merge_field_errors(errors, domain::validate_user_name(*p.name));
    return errors;
  }
  return p;
}

std::variant<PasswordChange, std::vector<domain::FieldError>> parse_password_change(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"current_password", "new_password"});
  auto current = r.string("current_password", Presence::required);
  auto next = r.string("new_password", Presence::required);
  if (!r.ok()) return r.errors();
  return PasswordChange{*current, *next};
}

}  // namespace mswa::api
