#pragma once
#include <optional>
#include <string>

#include "domain/credentials.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

class UserService {
 public:
  UserService(Store& store, const Clock& clock, const PasswordHasher& hasher);

  Result<User> create(const Actor& actor, NewUser user);
  Result<User> get(const std::string& id);
  Page<User> list(const PageRequest& page, const UserFilter& filter);
  // if_match: the version the caller last saw, when it sent one.
  Result<User> patch(const Actor& actor, const std::string& id, const UserPatch& patch,
                     std::optional<long long> if_match);

  // The signed-in user's own name, language and e-mail choice.
  Result<User> update_me(const Actor& actor, const std::string& id, const MePatch& patch);

  // On an empty database: the alliance organisation and its first admin.
  // Returns the admin, or nullopt when users already exist.
  std::optional<User> bootstrap_admin(const std::string& email, const std::string& password);

 private:
  Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
};

}  // namespace mswa::domain
