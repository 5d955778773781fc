#include "persistence/ids.hpp"

#include <sodium.h>

#include <array>

namespace mswa::persistence {
namespace {
std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0x0F]);
  }
  return out;
}
}  // namespace

std::string new_uuid() {
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  const std::string h = hex(b.data(), b.size());
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string new_public_ref() {
  std::array<unsigned char, 5> b{};
  randombytes_buf(b.data(), b.size());
  std::string out = hex(b.data(), b.size());
  for (auto& c : out) c = static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
  return out;
}

std::string sha256_hex(const std::string& input) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> out{};
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(input.data()), input.size());
  return hex(out.data(), out.size());
}

}  // namespace mswa::persistence
