#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <variant>
#include <vector>

#include "domain/disbursement.hpp"
#include "domain/ledger.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Disbursement& d);
std::variant<domain::DisbursementInput, std::vector<domain::FieldError>> parse_disbursement(const nlohmann::json& body);
std::variant<domain::PaymentInput, std::vector<domain::FieldError>> parse_payment(const nlohmann::json& body);
// {"reason": "..."}: cancelling a disbursement, returning a report.
std::variant<std::string, std::vector<domain::FieldError>> parse_reason(const nlohmann::json& body);
// The trial balance: debits, credits and net per currency.
nlohmann::json to_json(const std::vector<domain::CurrencyTotals>& totals);

}  // namespace mswa::api
