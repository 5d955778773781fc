#include "domain/role.hpp"

#include <array>
#include <utility>

namespace mswa::domain {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::admin, "admin"},
    {Role::programme, "programme"},
    {Role::finance, "finance"},
    {Role::reviewer, "reviewer"},
    {Role::member, "member"},
    {Role::donor, "donor"},
}};
}

std::string_view to_string(Role r) {
  for (const auto& [role, name] : kRoles)
    if (role == r) return name;
  return "unknown";
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& [role, name] : kRoles)
    if (name == s) return role;
  return std::nullopt;
}

bool is_staff(Role r) { return r == Role::admin || r == Role::programme || r == Role::finance; }

}  // namespace mswa::domain
