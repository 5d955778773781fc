#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

struct FundingSourceView {
  FundingSource source;
  FundingBalances balances;
};

// Funding sources (staff write; a donor reads its own), their receipts, and FX rates.
class FundingService {
 public:
  FundingService(Store& store, const Clock& clock);

  Result<FundingSource> create(const Actor& actor, const FundingSourceFields& fields);
  Page<FundingSource> list(const Principal& who, const PageRequest& page);
  // Outside the caller's scope is not_found, as for a missing id, and audited as denied.
  Result<FundingSourceView> get(const Principal& who, const std::string& request_id, const std::string& id);
  Result<Receipt> add_receipt(const Actor& actor, const std::string& funding_source_id, const Money& amount,
                              const std::string& received_on);

  struct PutOutcome {
    FxRate rate;
    bool created = false;
  };
  Result<PutOutcome> put_fx_rate(const Actor& actor, FxRate rate);
  std::vector<FxRate> fx_rates(const FxFilter& filter);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
