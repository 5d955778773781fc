#pragma once
// The one SHA-256 and hex encoding: session token digests, idempotency
// request hashes, the audit hash chain and edition file hashes all agree on
// them. Pure (no I/O), so every layer may include it; it is libsodium's
// crypto_hash_sha256, linked by mswa_domain alone.
#include <cstddef>
#include <string>
#include <string_view>

namespace mswa::domain {

// `n` bytes as 2n lower-case hex digits.
std::string hex(const unsigned char* bytes, std::size_t n);
// SHA-256 of `text`, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view text);

}  // namespace mswa::domain
