#pragma once
#include <string>
#include <vector>

#include "domain/edition.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// Publishing and reading donor editions (DESIGN §9).
class EditionService {
 public:
  EditionService(Store& store, const Clock& clock, const EditionRenderer& renderer);

  // Staff publish the edition of a quarter that has ended: every format is
  // rendered and stored in one transaction, or nothing is.
  Result<Edition> publish(const Actor& actor, const std::string& funding_source_id, const std::string& period_end);

  // Staff see every source's editions; a donor its own sources' only (any
  // other id is not_found, as for a missing one, and audited as denied).
  Result<std::vector<Edition>> list(const Principal& who, const std::string& request_id,
                                    const std::string& funding_source_id);
  Result<EditionFile> file(const Principal& who, const std::string& request_id, const std::string& funding_source_id,
                           const std::string& period_end, EditionFormat format);

 private:
  Store& store_;
  const Clock& clock_;
  const EditionRenderer& renderer_;
};

}  // namespace mswa::domain
