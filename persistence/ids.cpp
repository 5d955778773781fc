#include "persistence/ids.hpp"

#include <sodium.h>

#include <array>

#include "domain/sha256.hpp"

namespace mswa::persistence {
using domain::hex;

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

}  // namespace mswa::persistence
