#pragma once
// libsodium behind the domain's credential ports: argon2id password hashes,
// 32-byte random tokens held by the database only as SHA-256.
#include <cstddef>
#include <string>

#include "domain/credentials.hpp"

namespace mswa::api {

// Call once before any other libsodium use; throws when the library cannot start.
void init_sodium();

class SodiumPasswordHasher final : public domain::PasswordHasher {
 public:
  SodiumPasswordHasher(unsigned long long ops_limit, std::size_t mem_limit_bytes)
      : ops_(ops_limit), mem_(mem_limit_bytes) {}
  std::string hash(std::string_view password) const override;
  bool verify(const std::string& stored_hash, std::string_view password) const override;
  bool needs_rehash(const std::string& stored_hash) const override;

 private:
  unsigned long long ops_;
  std::size_t mem_;
};

class SodiumTokenIssuer final : public domain::TokenIssuer {
 public:
  std::string new_token() const override;
  std::string digest(std::string_view token) const override;
  std::string new_temporary_password() const override;
};

// 16 random bytes as hex: request ids and one-time passwords.
std::string random_hex(std::size_t bytes);

}  // namespace mswa::api
