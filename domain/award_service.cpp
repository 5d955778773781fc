#include "domain/award_service.hpp"

#include "domain/visibility.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

AwardService::AwardService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

AwardTotals award_totals(UnitOfWork& uow, const Award& award) {
  AwardTotals totals = uow.ledger().award_totals(award.id, award.amount.currency);
  const Committed c = uow.disbursements().committed_for_award(award.id);
  totals.requested = c.requested;
  totals.approved = c.approved;
  return totals;
}

Result<AwardView> AwardService::get(const Principal& who, const std::string& request_id, const std::string& id) {
  return read_visible<AwardView>(store_, clock_, {who, request_id, "award.read", "award", id}, [&](UnitOfWork& uow) {
    Sighting<AwardView> seen;
    const auto found = uow.awards().find(id);
    if (found && can_see(who, *found))
      seen.view = AwardView{*found, award_totals(uow, *found), uow.progress_reports().schedule(id)};
    seen.denied = found && !seen.view;
    return seen;
  });
}

Page<Award> AwardService::list(const Principal& who, const PageRequest& page) {
  AwardFilter filter;
  if (!is_staff(who.role)) {
    if (who.role != Role::member || !who.organisation_id) return {};
    filter.organisation_id = who.organisation_id;
  }
  auto uow = store_.begin(Access::read);
  auto result = uow->awards().list(page, filter);
  uow->commit();
  return result;
}

}  // namespace mswa::domain
