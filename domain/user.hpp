#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/organisation.hpp"
#include "domain/role.hpp"

namespace mswa::domain {

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

constexpr std::size_t kPasswordMinChars = 8;
constexpr std::size_t kPasswordMaxChars = 128;

std::vector<FieldError> validate_email(const std::string& email);
std::vector<FieldError> validate_user_name(const std::string& name);
std::vector<FieldError> validate_password(const std::string& password);

// Which organisations a role may belong to: members to a member organisation,
// donors to a donor, staff to the alliance, reviewers to a member organisation
// (peer review) or the alliance, or none.
std::optional<FieldError> check_role_organisation(Role role, const std::optional<Organisation>& org,
                                                  bool organisation_given);

}  // namespace mswa::domain
