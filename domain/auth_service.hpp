#pragma once
#include <string>

#include "domain/credentials.hpp"
#include "domain/error.hpp"
#include "domain/login_throttle.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

struct LoginResult {
  std::string token;
  EpochMs expires_at = 0;
  User user;
};

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher, const TokenIssuer& tokens,
              SessionPolicy sessions, LoginThrottlePolicy throttle);

  // Unknown e-mail, wrong password and deactivated account get the same answer,
  // and cost the same password check.
  Result<LoginResult> login(const std::string& email, const std::string& password, const std::string& request_id);
  Result<Principal> authenticate(const std::string& token);
  void logout(const std::string& token, const Principal& who, const std::string& request_id);

  // The signed-in user's own change: the current password must be right
  // (wrong guesses count towards the login throttle). Ends the user's other
  // sessions and lifts a forced change.
  Result<Done> change_password(const Principal& who, const std::string& token, const std::string& request_id,
                               const std::string& current_password, const std::string& new_password);
  // An admin's reset: a one-time password, shown once; every session of the
  // user ends and the next sign-in must choose a new password.
  Result<std::string> reset_password(const Actor& admin, const std::string& user_id);

 private:
  Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  const TokenIssuer& tokens_;
  SessionPolicy sessions_;
  LoginThrottlePolicy throttle_;
  std::string dummy_hash_;
};

}  // namespace mswa::domain
