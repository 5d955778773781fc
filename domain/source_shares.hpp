#pragma once
// Award money carried by the award's funding sources: split in proportion,
// each share converted into its source's currency at a dated FX rate.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/ledger.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

struct DatedRate {
  Decimal rate;
  std::string date;
};

// The rate from one currency into another for `date`: 1 when they are the
// same, else the newest recorded on or before it; nullopt when none is.
std::optional<DatedRate> rate_on(UnitOfWork& uow, const Currency& from, const Currency& to, const std::string& date);
// "no THB to USD rate is recorded on or before 2027-04-16" at `pointer`, code
// "no_fx_rate"; `hint` is added to the detail.
FieldError no_fx_rate(std::string pointer, const Currency& from, const Currency& to, const std::string& date,
                      const std::string& hint = {});

// Splits `amount` (award currency, minor units) over award.allocations in
// proportion to `weights` (one per allocation) and converts each share at the
// newest rate on or before `date`, half-even once. Shares of nothing are left
// out. A missing rate is a field error at `pointer`.
Result<std::vector<SourceShare>> source_shares(UnitOfWork& uow, const Award& award, std::int64_t amount,
                                               const std::vector<std::int64_t>& weights, const std::string& date,
                                               const std::string& pointer);

}  // namespace mswa::domain
