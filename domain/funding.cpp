#include "domain/funding.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "domain/logframe.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

std::vector<FieldError> validate(const FundingSourceFields& f) {
  std::vector<FieldError> errors;
  if (auto bad = check_text(f.reference, "/reference", 1, 100)) errors.push_back(*bad);
  if (auto bad = check_text(f.title, "/title", 1, 300)) errors.push_back(*bad);
  if (f.amount.minor <= 0) errors.push_back(not_positive("/amount/amount"));
  if (!is_valid_date(f.start_date)) errors.push_back(not_a_date("/start_date"));
  if (!is_valid_date(f.end_date)) errors.push_back(not_a_date("/end_date"));
  else if (is_valid_date(f.start_date) && f.end_date < f.start_date)
    errors.push_back({"/end_date", "must not be before start_date", "end_before_start"});
  if (f.result_codes.empty()) errors.push_back(too_few_items("/result_codes", "must name at least one logframe result"));
  for (std::size_t i = 0; i < f.result_codes.size(); ++i) {
    const auto& c = f.result_codes[i];
    const auto before = f.result_codes.begin() + static_cast<std::ptrdiff_t>(i);
    if (!is_logframe_result_code(c))
      errors.push_back({"/result_codes/" + std::to_string(i), "is not a logframe result (OC1-OC5, OP1-OP6)", "unknown_result"});
    else if (std::find(f.result_codes.begin(), before, c) != before)
      errors.push_back(listed_twice("/result_codes/" + std::to_string(i)));
  }
  return errors;
}

std::vector<FieldError> validate_receipt(const Money& amount, const std::string& received_on,
                                         const FundingSource& source) {
  std::vector<FieldError> errors;
  if (amount.currency != source.fields.amount.currency)
    errors.push_back(wrong_currency("/amount/currency",
                                    "must be the funding source's currency, " + source.fields.amount.currency.code,
                                    source.fields.amount.currency.code));
  if (amount.minor <= 0) errors.push_back(not_positive("/amount/amount"));
  if (!is_valid_date(received_on)) errors.push_back(not_a_date("/received_on"));
  return errors;
}

std::vector<FieldError> validate(const FxRate& r) {
  std::vector<FieldError> errors;
  if (r.base == r.currency) errors.push_back({"/base", "must differ from the currency converted", "same_currency"});
  if (r.rate.mantissa <= 0) errors.push_back(not_positive("/rate"));
  return errors;
}

}  // namespace mswa::domain
