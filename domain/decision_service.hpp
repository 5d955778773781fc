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

// Deciding applications; AwardService reads the awards an approval makes.
class DecisionService {
 public:
  DecisionService(Store& store, const Clock& clock);

  // Approve, reject or request changes, all in one transaction: an approval
  // creates the award, its tranches, allocations and report schedule, books
  // the allocations in the ledger, and never lets a funding source's
  // allocations pass its available balance.
  Result<DecisionOutcome> decide(const Actor& actor, const std::string& application_id, const DecisionInput& input);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
