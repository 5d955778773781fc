#pragma once
#include "domain/audit.hpp"
#include "domain/page.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// Reading the audit trail (admins only, by route); services append to it
// in the transaction of what they record.
class AuditService {
 public:
  explicit AuditService(Store& store);

  // Newest first, narrowed to one entity type or entity when the filter says so.
  Page<AuditRecord> list(const AuditFilter& filter, const PageRequest& page);

 private:
  Store& store_;
};

}  // namespace mswa::domain
