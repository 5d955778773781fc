// The staff portfolio: the whole pipeline at a glance. Every sum and count is
// done by the database (GROUP BY); C++ only reads the rows it gets back.
#include <soci/soci.h>

#include <array>
#include <map>

#include "domain/application.hpp"
#include "domain/calendar_date.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

namespace {

// The longest list the portfolio gives of overdue reports and of tranches due.
constexpr int kListCap = 200;
constexpr domain::EpochMs kDayMs = 24LL * 60 * 60 * 1000;

// The order of the pipeline, from first draft to the end of the road.
constexpr std::array kApplicationStatusOrder = {
    domain::ApplicationStatus::draft,        domain::ApplicationStatus::submitted,
    domain::ApplicationStatus::under_review, domain::ApplicationStatus::changes_requested,
    domain::ApplicationStatus::approved,     domain::ApplicationStatus::rejected,
    domain::ApplicationStatus::withdrawn,
};

constexpr const char* kApplicationsByStatus = "SELECT status, COUNT(*) FROM applications GROUP BY status";

constexpr const char* kAwardsByCurrency =
    "SELECT currency, COUNT(*), SUM(amount_minor) FROM awards GROUP BY currency ORDER BY currency";

// A cancelled payment is reversed in the ledger and becomes 'cancelled', so
// the paid disbursements are exactly what went out, net of reversals.
constexpr const char* kDisbursedByCurrency =
    "SELECT currency, COUNT(*), SUM(amount_minor) FROM disbursements WHERE status = 'paid' "
    "GROUP BY currency ORDER BY currency";

// Reports still with the member (never submitted, or sent back) after their
// due date; the oldest due date is the most overdue.
constexpr const char* kOverdueReports =
    "SELECT r.id, r.award_id, w.reference, w.organisation_id, o.name, r.period_start, r.period_end, r.due_on, "
    "r.status FROM progress_reports r JOIN awards w ON w.id = r.award_id "
    "JOIN organisations o ON o.id = w.organisation_id "
    "WHERE r.status IN ('pending', 'draft', 'returned') AND r.due_on < :as_of "
    "ORDER BY r.due_on, w.reference, r.seq LIMIT :cap";

// Tranches due by the date and not yet paid in full. Committed counts every
// disbursement not cancelled (requested, approved or paid).
constexpr const char* kTranchesDue =
    "SELECT t.id, t.award_id, w.reference, w.organisation_id, o.name, t.seq, t.due_on, t.condition, w.currency, "
    "t.amount_minor, "
    "COALESCE(SUM(CASE WHEN d.status <> 'cancelled' THEN d.amount_minor ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN d.status = 'paid' THEN d.amount_minor ELSE 0 END), 0) "
    "FROM tranches t JOIN awards w ON w.id = t.award_id JOIN organisations o ON o.id = w.organisation_id "
    "LEFT JOIN disbursements d ON d.tranche_id = t.id "
    "WHERE t.due_on <= :due_by "
    "GROUP BY t.id, t.award_id, w.reference, w.organisation_id, o.name, t.seq, t.due_on, t.condition, w.currency, "
    "t.amount_minor "
    "HAVING COALESCE(SUM(CASE WHEN d.status = 'paid' THEN d.amount_minor ELSE 0 END), 0) < t.amount_minor "
    "ORDER BY t.due_on, w.reference, t.seq LIMIT :cap";

// Whole days from one 'YYYY-MM-DD' to a later one.
long long days_between(const std::string& from, const std::string& to) {
  const auto start = domain::parse_instant(from + "T00:00:00Z");
  const auto end = domain::parse_instant(to + "T00:00:00Z");
  return start && end ? (*end - *start) / kDayMs : 0;
}

std::vector<domain::StatusCount> applications_by_status(Context& ctx) {
  std::map<std::string, long long> counted;
  std::string status;
  long long count = 0;
  soci::statement st = (ctx.sql.prepare << kApplicationsByStatus, soci::into(status), soci::into(count));
  if (st.execute(true)) {
    do counted[status] = count;
    while (st.fetch());
  }
  // Every status, in pipeline order, zero where no application has it.
  std::vector<domain::StatusCount> out;
  for (const auto s : kApplicationStatusOrder) {
    const std::string name(domain::to_string(s));
    const auto it = counted.find(name);
    out.push_back({name, it == counted.end() ? 0 : it->second});
  }
  return out;
}

std::vector<domain::CurrencyAmount> per_currency(Context& ctx, const char* sql) {
  std::vector<domain::CurrencyAmount> out;
  std::string currency;
  long long count = 0, amount = 0;
  soci::statement st = (ctx.sql.prepare << sql, soci::into(currency), soci::into(count), soci::into(amount));
  if (st.execute(true)) {
    do out.push_back({currency, count, amount});
    while (st.fetch());
  }
  return out;
}

std::vector<domain::OverdueReport> overdue_reports(Context& ctx, const std::string& as_of) {
  std::vector<domain::OverdueReport> out;
  domain::OverdueReport r;
  int cap = kListCap;
  soci::statement st = (ctx.sql.prepare << kOverdueReports, soci::use(as_of, "as_of"), soci::use(cap, "cap"),
                        soci::into(r.report_id), soci::into(r.award_id), soci::into(r.award_reference),
                        soci::into(r.organisation_id), soci::into(r.organisation_name), soci::into(r.period_start),
                        soci::into(r.period_end), soci::into(r.due_on), soci::into(r.status));
  if (st.execute(true)) {
    do {
      r.days_overdue = days_between(r.due_on, as_of);
      out.push_back(r);
    } while (st.fetch());
  }
  return out;
}

std::vector<domain::TrancheDue> tranches_due(Context& ctx, const std::string& due_by) {
  std::vector<domain::TrancheDue> out;
  domain::TrancheDue t;
  std::string currency;
  long long amount = 0, committed = 0, paid = 0;
  int cap = kListCap;
  soci::statement st =
      (ctx.sql.prepare << kTranchesDue, soci::use(due_by, "due_by"), soci::use(cap, "cap"), soci::into(t.tranche_id),
       soci::into(t.award_id), soci::into(t.award_reference), soci::into(t.organisation_id),
       soci::into(t.organisation_name), soci::into(t.seq), soci::into(t.due_on), soci::into(t.condition),
       soci::into(currency), soci::into(amount), soci::into(committed), soci::into(paid));
  if (st.execute(true)) {
    do {
      t.amount = {amount, stored_currency(currency)};
      t.committed = committed;
      t.paid = paid;
      out.push_back(t);
    } while (st.fetch());
  }
  return out;
}

}  // namespace

domain::Portfolio SociReportingRepository::portfolio(const std::string& as_of, const std::string& due_by) {
  return guarded(ctx_, [&] {
    domain::Portfolio p;
    p.as_of = as_of;
    p.applications = applications_by_status(ctx_);
    p.awards = per_currency(ctx_, kAwardsByCurrency);
    p.disbursed = per_currency(ctx_, kDisbursedByCurrency);
    p.overdue_reports = overdue_reports(ctx_, as_of);
    p.tranches_due = tranches_due(ctx_, due_by);
    return p;
  });
}

}  // namespace mswa::persistence
