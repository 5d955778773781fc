#pragma once
// The few places where SQLite and PostgreSQL need different SQL text.
#include <string>

#include "persistence/database.hpp"

namespace mswa::persistence {

// The values of `column` over the rows of a correlated subquery, joined by spaces.
inline std::string space_joined(Dialect d, const std::string& column) {
  return d == Dialect::postgresql ? "string_agg(" + column + ", ' ')" : "group_concat(" + column + ", ' ')";
}

}  // namespace mswa::persistence
