#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/principal.hpp"
#include "domain/user.hpp"

namespace mswa::api {

// The full record, for admins.
nlohmann::json to_json(const domain::User& user);
// What GET /me and the login answer show of the caller.
nlohmann::json to_me_json(const domain::User& user);
nlohmann::json to_me_json(const domain::Principal& who);

struct PasswordChange {
  std::string current_password;
  std::string new_password;
};
std::variant<domain::NewUser, std::vector<domain::FieldError>> parse_new_user(const nlohmann::json& body);
std::variant<domain::UserPatch, std::vector<domain::FieldError>> parse_user_patch(const nlohmann::json& body);
std::variant<domain::MePatch, std::vector<domain::FieldError>> parse_me_patch(const nlohmann::json& body);
std::variant<PasswordChange, std::vector<domain::FieldError>> parse_password_change(const nlohmann::json& body);

}  // namespace mswa::api
