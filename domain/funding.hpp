#pragma once
// Funding sources: a donor's grant to MSWA, the money received against it,
// and dated exchange rates for converting into a source's currency.
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

struct FundingSourceFields {
  std::string donor_organisation_id;
  std::string reference;  // the donor's own grant reference, unique
  std::string title;
  Money amount;           // the agreed total, in the source's (reporting) currency
  std::string start_date;
  std::string end_date;
  std::vector<std::string> result_codes;  // logframe results it funds
};

struct FundingSource {
  std::string id;
  FundingSourceFields fields;
  long long version = 1;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// All in the source's currency, summed from its ledger accounts by the
// database. Payments and spending are converted at the rates of their dates;
// allocations at the rate of the decision.
struct FundingBalances {
  std::int64_t received = 0;   // receipts
  std::int64_t allocated = 0;  // committed to awards, at the decision's rate
  std::int64_t disbursed = 0;  // paid out to members
  std::int64_t spent = 0;      // reported spent in accepted progress reports
  // What may still be committed: money in hand, less what is committed.
  std::int64_t available = 0;
};

struct Receipt {
  std::string id;
  std::string funding_source_id;
  Money amount;
  std::string received_on;
  EpochMs created_at = 0;
};

// 1 unit of `currency` = `rate` units of `base`, on `date`.
struct FxRate {
  std::string currency;
  std::string date;
  std::string base;
  Decimal rate;
  EpochMs updated_at = 0;
};

std::vector<FieldError> validate(const FundingSourceFields& f);
std::vector<FieldError> validate_receipt(const Money& amount, const std::string& received_on,
                                         const FundingSource& source);
std::vector<FieldError> validate(const FxRate& r);

}  // namespace mswa::domain
