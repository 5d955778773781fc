#pragma once
#include <string>

namespace mswa::persistence {
// A random (version 4) UUID, lower-case: ids are opaque and unguessable.
std::string new_uuid();
// Ten random hexadecimal digits in capitals: an award's public reference.
std::string new_public_ref();
}  // namespace mswa::persistence
