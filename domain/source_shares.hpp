#pragma once
// Award money carried by the award's funding sources: split in proportion,
// each share converted into its source's currency at a dated FX rate.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/ledger.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// Splits `amount` (award currency, minor units) over award.allocations in
// proportion to `weights` (one per allocation) and converts each share at the
// newest rate on or before `date`, half-even once. Shares of nothing are left
// out. A missing rate is a field error at `pointer`.
Result<std::vector<SourceShare>> source_shares(UnitOfWork& uow, const Award& award, std::int64_t amount,
                                               const std::vector<std::int64_t>& weights, const std::string& date,
                                               const std::string& pointer);

}  // namespace mswa::domain
