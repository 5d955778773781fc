#include "domain/disbursement.hpp"

#include "domain/calendar_date.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

std::string_view to_string(DisbursementStatus s) {
  switch (s) {
    case DisbursementStatus::requested: return "requested";
    case DisbursementStatus::approved: return "approved";
    case DisbursementStatus::paid: return "paid";
    case DisbursementStatus::reversal_requested: return "reversal_requested";
    case DisbursementStatus::reversed: return "reversed";
    case DisbursementStatus::cancelled: return "cancelled";
  }
  return "requested";
}

std::optional<DisbursementStatus> parse_disbursement_status(std::string_view s) {
  for (auto v : {DisbursementStatus::requested, DisbursementStatus::approved, DisbursementStatus::paid,
                 DisbursementStatus::reversal_requested, DisbursementStatus::reversed, DisbursementStatus::cancelled})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

const Tranche* find_tranche(const Award& award, const std::string& tranche_id) {
  for (const auto& t : award.tranches)
    if (t.id == tranche_id) return &t;
  return nullptr;
}

std::vector<FieldError> validate(const DisbursementInput& input, const Award& award) {
  std::vector<FieldError> e;
  if (!find_tranche(award, input.tranche_id))
    e.push_back({"/tranche_id", "must be a tranche of this award", "unknown_tranche"});
  if (input.amount.currency != award.amount.currency)
    e.push_back(wrong_currency("/amount/currency", "must be the award's currency, " + award.amount.currency.code,
                               award.amount.currency.code));
  else if (input.amount.minor <= 0)
    e.push_back(not_positive("/amount/amount"));
  if (auto bad = check_text(input.note, "/note", 0, 2000, Lines::multi)) e.push_back(*bad);
  return e;
}

std::vector<FieldError> validate(const PaymentInput& input, const std::string& today) {
  std::vector<FieldError> e;
  if (!is_valid_date(input.paid_on)) e.push_back(not_a_date("/paid_on"));
  else if (input.paid_on > today) e.push_back({"/paid_on", "must not be in the future", "in_the_future"});
  if (auto bad = check_text(input.payment_reference, "/payment_reference", 1, 100, Lines::single)) e.push_back(*bad);
  return e;
}

}  // namespace mswa::domain
