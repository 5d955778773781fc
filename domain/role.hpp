#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace mswa::domain {

enum class Role { admin, programme, finance, reviewer, member, donor };

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
// MSWA staff see across organisations.
bool is_staff(Role r);

// A set of roles allowed on a route; deny by default.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= bit(r);
  }
  static constexpr RoleSet all() {
    return {Role::admin, Role::programme, Role::finance, Role::reviewer, Role::member, Role::donor};
  }
  constexpr bool contains(Role r) const { return (bits_ & bit(r)) != 0; }

 private:
  static constexpr unsigned bit(Role r) { return 1u << static_cast<unsigned>(r); }
  unsigned bits_ = 0;
};

}  // namespace mswa::domain
