#pragma once
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/progress_report.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// A member writes and submits its own organisation's reports; programme
// staff accept or return them; staff read all. Outside the caller's scope a
// report is not_found, as for a missing id, and the attempt is audited.
class ProgressReportService {
 public:
  ProgressReportService(Store& store, const Clock& clock);

  Result<ProgressReport> get(const Principal& who, const std::string& request_id, const std::string& id);
  // Replaces the content; if_match is the version the caller read (nullopt for "*").
  Result<ProgressReport> save(const Principal& who, const std::string& request_id, const std::string& id,
                              const ReportContent& content, std::optional<long long> if_match);
  Result<ProgressReport> submit(const Principal& who, const std::string& request_id, const std::string& id);
  // Freezes the report, books its spending in the ledger (converted at the
  // rate of the period's end) and so unlocks the tranches waiting for it.
  Result<ProgressReport> accept(const Principal& who, const std::string& request_id, const std::string& id);
  Result<ProgressReport> return_report(const Principal& who, const std::string& request_id, const std::string& id,
                                       const std::string& reason);

 private:
  std::optional<ProgressReport> visible(UnitOfWork& uow, const Principal& who, const std::string& request_id,
                                        const std::string& id, const char* action);
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
