#include "domain/audit_service.hpp"

namespace mswa::domain {

AuditService::AuditService(Store& store) : store_(store) {}

Page<AuditRecord> AuditService::list(const AuditFilter& filter, const PageRequest& page) {
  auto uow = store_.begin(Access::read);
  auto result = uow->audit().list(filter, page);
  uow->commit();
  return result;
}

}  // namespace mswa::domain
