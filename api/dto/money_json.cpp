#include "api/dto/money_json.hpp"

#include <nlohmann/json.hpp>

namespace mswa::api {

nlohmann::json money_json(std::int64_t minor, const domain::Currency& currency) {
  return {{"currency", currency.code}, {"amount", domain::format_amount(minor, currency)}};
}

nlohmann::json to_json(const domain::Money& money) { return money_json(money.minor, money.currency); }

}  // namespace mswa::api
