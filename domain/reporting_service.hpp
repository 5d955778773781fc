#pragma once
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// Donor reports of a funding source, and the staff portfolio.
class ReportingService {
 public:
  ReportingService(Store& store, const Clock& clock);

  // The facts behind a funding source's live summary as of a date (today
  // when none is given): a staff preview. Donors read editions; for them
  // every source is not_found here, as for a missing one, and audited as denied.
  Result<SummaryFacts> summary(const Principal& who, const std::string& request_id, const std::string& funding_source_id,
                               const std::optional<std::string>& as_of);

  // Applications by status, awards, overdue reports and tranches due in the next 30 days.
  Portfolio portfolio();

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
