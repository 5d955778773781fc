#include "domain/progress_report_service.hpp"

#include "domain/calendar_date.hpp"
#include "domain/source_shares.hpp"
#include "domain/text.hpp"
#include "domain/visibility.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

ProgressReportService::ProgressReportService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

namespace {

Error wrong_status(const ProgressReport& r, const std::string& what) {
  return wrong_state("The report is " + std::string(to_string(r.status)) + "; " + what, to_string(r.status));
}

Result<ProgressReport> changed_since_read() { return stale("The report changed since you read it."); }

Sighting<ProgressReport> sight_report(UnitOfWork& uow, const Principal& who, const std::string& id) {
  return sight(uow.progress_reports().find(id), [&](const ProgressReport& r) { return can_see(who, r); });
}

}  // namespace

std::optional<ProgressReport> ProgressReportService::visible(UnitOfWork& uow, const Principal& who,
                                                             const std::string& request_id, const std::string& id,
                                                             const char* action) {
  return visible_in(uow, clock_, {who, request_id, action, "progress_report", id}, sight_report(uow, who, id));
}

Result<ProgressReport> ProgressReportService::get(const Principal& who, const std::string& request_id,
                                                  const std::string& id) {
  return read_visible<ProgressReport>(store_, clock_, {who, request_id, "progress_report.read", "progress_report", id},
                                      [&](UnitOfWork& uow) { return sight_report(uow, who, id); });
}

Result<ProgressReport> ProgressReportService::save(const Principal& who, const std::string& request_id,
                                                   const std::string& id, const ReportContent& content,
                                                   std::optional<long long> if_match) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "progress_report.update");
  if (!current || who.role != Role::member) {
    uow->commit();
    return not_found();
  }
  if (if_match && *if_match != current->version) return changed_since_read();
  if (!current->editable()) return wrong_status(*current, "it can no longer be changed.");
  const auto award = uow->awards().find(current->award_id);
  if (auto errors = validate(content, *award, uow->logframe().indicators()); !errors.empty())
    return invalid(std::move(errors));
  ProgressReport next = *current;
  next.content = content;
  next.status = ReportStatus::draft;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->progress_reports().update(next, current->version)) return changed_since_read();
  // The trail records that it changed, never what the member wrote.
  uow->audit().append({now, Actor::of(who, request_id), "progress_report.update", "progress_report", id, "success",
                       {{"status", change_text(to_string(current->status), to_string(next.status))}}});
  uow->commit();
  return next;
}

Result<ProgressReport> ProgressReportService::submit(const Principal& who, const std::string& request_id,
                                                     const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "progress_report.submit");
  if (!current || who.role != Role::member) {
    uow->commit();
    return not_found();
  }
  if (current->status != ReportStatus::draft && current->status != ReportStatus::returned)
    return wrong_status(*current, current->status == ReportStatus::pending ? "save it before submitting."
                                                                           : "it cannot be submitted again.");
  if (date_of(now) < current->period.period_end)
    return conflict("The reporting period runs until " + current->period.period_end + "; submit it from then on.",
                    "period_not_ended", {{"period_end", current->period.period_end}});
  const auto award = uow->awards().find(current->award_id);
  if (auto errors = validate_submission(current->content, *award); !errors.empty())
    return invalid(std::move(errors), "The report cannot be submitted yet.");
  ProgressReport next = *current;
  next.status = ReportStatus::submitted;
  next.submitted_at = now;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->progress_reports().update(next, current->version)) return changed_since_read();
  uow->audit().append({now, Actor::of(who, request_id), "progress_report.submit", "progress_report", id, "success",
                       {{"status", change_text(to_string(current->status), "submitted")}}});
  uow->commit();
  return next;
}

Result<ProgressReport> ProgressReportService::accept(const Principal& who, const std::string& request_id,
                                                     const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "progress_report.accept");
  if (!current) {
    uow->commit();
    return not_found();
  }
  if (current->status != ReportStatus::submitted) return wrong_status(*current, "only a submitted report can be accepted.");
  const auto award = uow->awards().find(current->award_id);
  std::int64_t spent = 0;
  for (const auto& x : current->content.expenditures) spent += x.amount.minor;
  std::vector<std::pair<std::string, std::string>> details{{"status", change_text("submitted", "accepted")},
                                                           {"award_id", award->id}};
  if (spent > 0) {
    // Spending falls on the sources in proportion to what each allocated.
    std::vector<std::int64_t> weights;
    for (const auto& a : award->allocations) weights.push_back(a.amount.minor);
    auto shares = source_shares(*uow, *award, spent, weights, current->period.period_end, "");
    if (!shares) {
      // The field error says why (no rate, too large); as a 409 it keeps its code.
      const auto& why = shares.error().fields.front();
      return conflict("The report's spending cannot be converted: " + why.detail + ".", why.code, why.params);
    }
    auto booking = expenditure_posting(current->id, award->id, shares.value(), current->period.period_end, now);
    uow->ledger().post(booking);
    details.push_back({"spent", money_text(spent, award->amount.currency)});
    details.push_back({"ledger_transaction_id", booking.id});
  }
  ProgressReport next = *current;
  next.status = ReportStatus::accepted;
  next.decided_at = now;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->progress_reports().update(next, current->version)) return changed_since_read();
  uow->audit().append({now, Actor::of(who, request_id), "progress_report.accept", "progress_report", id, "success",
                       std::move(details)});
  uow->commit();
  return next;
}

Result<ProgressReport> ProgressReportService::return_report(const Principal& who, const std::string& request_id,
                                                            const std::string& id, const std::string& reason) {
  if (auto bad = check_text(reason, "/reason", 1, 2000, Lines::multi)) return invalid({*bad});
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "progress_report.return");
  if (!current) {
    uow->commit();
    return not_found();
  }
  if (current->status != ReportStatus::submitted) return wrong_status(*current, "only a submitted report can be returned.");
  ProgressReport next = *current;
  next.status = ReportStatus::returned;
  next.return_reason = reason;
  next.decided_at = now;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->progress_reports().update(next, current->version)) return changed_since_read();
  uow->audit().append({now, Actor::of(who, request_id), "progress_report.return", "progress_report", id, "success",
                       {{"status", change_text("submitted", "returned")}, {"reason", reason}}});
  uow->commit();
  return next;
}

}  // namespace mswa::domain
