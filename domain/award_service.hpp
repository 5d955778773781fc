#pragma once
#include <string>
#include <vector>

#include "domain/award.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

struct AwardView {
  Award award;
  AwardTotals totals;
  std::vector<ProgressReport> reports;  // the schedule, without content
};

// An award's money: paid and spent from the ledger, the rest from its disbursements.
AwardTotals award_totals(UnitOfWork& uow, const Award& award);

// Reading awards; DecisionService makes them.
class AwardService {
 public:
  AwardService(Store& store, const Clock& clock);

  // Staff see all awards; a member its own organisation's.
  Result<AwardView> get(const Principal& who, const std::string& request_id, const std::string& id);
  Page<Award> list(const Principal& who, const PageRequest& page);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
