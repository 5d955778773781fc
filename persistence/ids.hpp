#pragma once
#include <string>

namespace mswa::persistence {
// A random (version 4) UUID, lower-case: ids are opaque and unguessable.
std::string new_uuid();
// Ten random hexadecimal digits in capitals: an award's public reference.
std::string new_public_ref();
// Lower-case hex SHA-256 of the input.
std::string sha256_hex(const std::string& input);
}  // namespace mswa::persistence
