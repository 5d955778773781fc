#pragma once
// Optional values through SOCI: a nullable column read into an optional,
// and an optional bound as a nullable parameter.
#include <soci/soci.h>

#include <optional>

namespace mswa::persistence {

// Bind with soci::into(n.value, n.ind); get() gives the optional.
template <class T>
struct NullableColumn {
  T value{};
  soci::indicator ind = soci::i_null;
  std::optional<T> get() const { return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt; }
};

// Bind with soci::use(n.value, n.ind, name); NULL when the optional is empty.
template <class T>
struct NullableParam {
  T value{};
  soci::indicator ind = soci::i_null;
  explicit NullableParam(const std::optional<T>& v) : value(v.value_or(T{})), ind(v ? soci::i_ok : soci::i_null) {}
};

}  // namespace mswa::persistence
