#include "api/sodium_credentials.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <vector>

#include "domain/sha256.hpp"

namespace mswa::api {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
}

std::string SodiumPasswordHasher::hash(std::string_view password) const {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), ops_, mem_) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out.data();
}

bool SodiumPasswordHasher::verify(const std::string& stored_hash, std::string_view password) const {
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool SodiumPasswordHasher::needs_rehash(const std::string& stored_hash) const {
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), ops_, mem_) != 0;
}

std::string SodiumTokenIssuer::new_token() const {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::vector<char> out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING));
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out.data();
}

std::string SodiumTokenIssuer::new_temporary_password() const {
  // 31 letters and digits without 0/o, 1/l/i: 14 of them carry 69 bits.
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 14; ++i) out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  return out;
}

std::string SodiumTokenIssuer::digest(std::string_view token) const { return domain::sha256_hex(token); }

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return domain::hex(buf.data(), buf.size());
}

}  // namespace mswa::api
