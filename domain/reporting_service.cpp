#include "domain/reporting_service.hpp"

#include "domain/award.hpp"
#include "domain/calendar_date.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

namespace {
constexpr int kTranchesDueWithinDays = 30;
}

ReportingService::ReportingService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<SummaryFacts> ReportingService::summary(const Principal& who, const std::string& request_id,
                                               const std::string& funding_source_id,
                                               const std::optional<std::string>& as_of) {
  const std::string date = as_of.value_or(date_of(clock_.now_ms()));
  if (!is_valid_date(date)) return invalid_field("/as_of", "must be a date, YYYY-MM-DD", "invalid_date");
  // A preview is for staff only: donors read editions.
  return read_visible<SummaryFacts>(
      store_, clock_, {who, request_id, "funding_source.summary", "funding_source", funding_source_id},
      [&](UnitOfWork& uow) {
        std::optional<SummaryFacts> facts;
        auto source = uow.funding().find(funding_source_id);
        if (source && is_staff(who.role)) {
          SummaryFacts f;
          f.source = std::move(*source);
          f.as_of = date;
          f.generated_at = clock_.now_ms();
          f.donor = uow.organisations().find(f.source.fields.donor_organisation_id).value_or(Organisation{});
          uow.reporting().summarise({funding_source_id, date, std::nullopt}, f);
          facts = std::move(f);
        }
        return source_sighting(who, std::move(facts));
      });
}

Portfolio ReportingService::portfolio() {
  const std::string today = date_of(clock_.now_ms());
  auto uow = store_.begin(Access::read);
  Portfolio p = uow->reporting().portfolio(today, add_days(today, kTranchesDueWithinDays));
  uow->commit();
  return p;
}

}  // namespace mswa::domain
