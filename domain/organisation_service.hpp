#pragma once
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

class OrganisationService {
 public:
  OrganisationService(Store& store, const Clock& clock);

  Result<Organisation> create(const Actor& actor, const OrganisationFields& fields);
  // Outside the caller's scope is not_found, exactly as for a missing id; the
  // attempt is audited as denied.
  Result<Organisation> get(const Principal& who, const std::string& request_id, const std::string& id);
  Page<Organisation> list(const Principal& who, const PageRequest& page);
  Result<Organisation> patch(const Actor& actor, const std::string& id, const OrganisationPatch& patch,
                             std::optional<long long> if_match);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
