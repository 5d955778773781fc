#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/award.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// What a decision produced: the award of an approval, or the application otherwise.
using DecisionOutcome = std::variant<Award, Application>;

struct AwardView {
  Award award;
  AwardTotals totals;
  std::vector<ProgressReport> reports;  // the schedule, without content
};

// An award's money: paid and spent from the ledger, the rest from its disbursements.
AwardTotals award_totals(UnitOfWork& uow, const Award& award);

class DecisionService {
 public:
  DecisionService(Store& store, const Clock& clock);

  // Approve, reject or request changes, all in one transaction: an approval
  // creates the award, its tranches, allocations and report schedule, books
  // the allocations in the ledger, and never lets a funding source's
  // allocations pass its available balance.
  Result<DecisionOutcome> decide(const Actor& actor, const std::string& application_id, const DecisionInput& input);

  // Staff see all awards; a member its own organisation's.
  Result<AwardView> award(const Principal& who, const std::string& request_id, const std::string& id);
  Page<Award> awards(const Principal& who, const PageRequest& page);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
