#pragma once
#include <nlohmann/json_fwd.hpp>

#include "domain/money.hpp"

namespace mswa::api {
// {"currency":"THB","amount":"150000.00"}
nlohmann::json to_json(const domain::Money& money);
nlohmann::json money_json(std::int64_t minor, const domain::Currency& currency);
}  // namespace mswa::api
