#pragma once
#include <optional>
#include <string>

#include "domain/application.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

struct ApplicationListFilter {
  std::optional<std::string> call_id;
  std::optional<ApplicationStatus> status;
};

// Members write their own organisation's applications; staff see all. An
// application outside the caller's scope is not_found, as for a missing id.
class ApplicationService {
 public:
  ApplicationService(Store& store, const Clock& clock);

  Result<Application> create(const Principal& who, const std::string& request_id, const std::string& call_id,
                             const ApplicationContent& content);
  Result<Application> get(const Principal& who, const std::string& request_id, const std::string& id);
  Page<Application> list(const Principal& who, const PageRequest& page, const ApplicationListFilter& filter);
  // if_match: the version the caller read (nullopt for "*").
  Result<Application> patch(const Principal& who, const std::string& request_id, const std::string& id,
                            const ApplicationPatch& patch, std::optional<long long> if_match);
  Result<Application> submit(const Principal& who, const std::string& request_id, const std::string& id);
  Result<Application> withdraw(const Principal& who, const std::string& request_id, const std::string& id);

 private:
  // The application when `who` may see it; otherwise audits the denial and returns nullopt.
  std::optional<Application> visible(UnitOfWork& uow, const Principal& who, const std::string& request_id,
                                     const std::string& id, const char* action);
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
