#pragma once
// Ports for the cryptography the rules need; api/ provides them with libsodium.
#include <string>
#include <string_view>

namespace mswa::domain {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string hash(std::string_view password) const = 0;
  virtual bool verify(const std::string& stored_hash, std::string_view password) const = 0;
  virtual bool needs_rehash(const std::string& stored_hash) const = 0;
};

class TokenIssuer {
 public:
  virtual ~TokenIssuer() = default;
  virtual std::string new_token() const = 0;                 // what the client holds
  virtual std::string digest(std::string_view token) const = 0;  // what the database holds
  // A one-time password an admin reads out to a user: random, and easy to
  // type on a phone (no look-alike letters).
  virtual std::string new_temporary_password() const = 0;
};

}  // namespace mswa::domain
