// A funding source's summary as of a date, added up by the database. Every
// money figure is a sum over the source's own ledger accounts (see
// domain/ledger.hpp), so the totals, the awards, the countries and the
// months always agree to the minor unit.
#include <soci/soci.h>

#include <limits>
#include <map>

#include "domain/calendar_date.hpp"
#include "domain/progress_report.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

namespace {

using domain::SummaryFacts;

// The source's bookings up to as_of, each tied to its award through what it
// books: an allocation names the award, a payment its disbursement, an
// expenditure its report (a reversal keeps its original's reference).
// On the source's side: allocated + disbursed + spent is what was committed
// to the award, disbursed + spent what was paid, spent what was reported.
const char* const kSourceBookings = R"SQL(
  SELECT COALESCE(d.award_id, r.award_id, t.reference_id) AS award_id, t.id AS transaction_id,
         t.kind, t.reverses_id, t.booked_on, t.created_at, e.account, e.amount_minor
    FROM ledger_entries e
    JOIN ledger_transactions t ON t.id = e.transaction_id
    LEFT JOIN disbursements d ON d.id = t.reference_id
    LEFT JOIN progress_reports r ON r.id = t.reference_id
   WHERE e.holder_type = 'funding_source' AND e.holder_id = :source AND t.booked_on <= :as_of
     AND t.created_at < :recorded_before AND e.account IN ('allocated', 'disbursed', 'spent'))SQL";

const char* const kMoneySums = R"SQL(
  SUM(CASE WHEN b.account IN ('allocated', 'disbursed', 'spent') THEN b.amount_minor ELSE 0 END) AS allocated,
  SUM(CASE WHEN b.account IN ('disbursed', 'spent') THEN b.amount_minor ELSE 0 END) AS disbursed,
  SUM(CASE WHEN b.account = 'spent' THEN b.amount_minor ELSE 0 END) AS spent)SQL";

// The awards the source funds, decided by as_of.
const char* const kFundedAwards = R"SQL(
  SELECT a.id AS award_id, a.organisation_id
    FROM funding_allocations fa JOIN awards a ON a.id = fa.award_id
   WHERE fa.funding_source_id = :source AND a.decided_on <= :as_of AND a.created_at < :recorded_before)SQL";

std::string with_ctes() {
  return std::string("WITH bookings AS (") + kSourceBookings + "), funded AS (" + kFundedAwards +
         "), award_money AS (SELECT b.award_id, " + kMoneySums + " FROM bookings b GROUP BY b.award_id) ";
}

// The reports that count (see SummaryCut), on a progress_reports row r.
const char* const kCountedReport = R"SQL(
  r.status = 'accepted' AND r.decided_at < :accepted_before AND r.period_end <= :period_end_by)SQL";

// What an edition may see: rows recorded before its publication and reports
// of periods ending by its period end; a preview sees everything booked by
// as_of and reports accepted by the end of that day (UTC).
struct SummaryCut {
  long long recorded_before = 0;
  long long accepted_before = 0;
  std::string period_end_by;

  explicit SummaryCut(const domain::SummaryQuery& q) {
    if (q.known_at) {
      recorded_before = accepted_before = *q.known_at + 1;
      period_end_by = q.as_of;
    } else {
      recorded_before = std::numeric_limits<long long>::max();
      accepted_before = *domain::parse_instant(q.as_of + "T00:00:00Z") + domain::hours_ms(24);
      period_end_by = "9999-12-31";
    }
  }
  void bind_reports(soci::statement& st) const {
    st.exchange(soci::use(accepted_before, "accepted_before"));
    st.exchange(soci::use(period_end_by, "period_end_by"));
  }
};

// Runs `sql` with the source and the date bound: `bind(st)` adds the other
// parameters and the columns, then `on_row()` sees each row in turn.
template <class Bind, class OnRow>
void each_row(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, const std::string& sql, Bind bind,
              OnRow on_row) {
  soci::statement st(ctx.sql);
  st.exchange(soci::use(q.funding_source_id, "source"));
  st.exchange(soci::use(q.as_of, "as_of"));
  st.exchange(soci::use(cut.recorded_before, "recorded_before"));
  bind(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  if (!st.execute(true)) return;
  do on_row();
  while (st.fetch());
}

// MSWA itself: the first alliance organisation, which start-up creates.
void read_alliance(Context& ctx, SummaryFacts& f) {
  std::string id;
  soci::indicator ind = soci::i_null;
  ctx.sql << "SELECT id FROM organisations WHERE kind = 'alliance' ORDER BY created_at, id LIMIT 1", soci::into(id, ind);
  if (ind != soci::i_ok) return;
  if (auto alliance = SociOrganisationRepository(ctx).find(id)) f.alliance = std::move(*alliance);
}

void read_totals(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  long long income = 0, available = 0, allocated = 0, disbursed = 0, spent = 0;
  ctx.sql << "SELECT COALESCE(SUM(CASE WHEN e.account = 'income' THEN e.amount_minor ELSE 0 END), 0), "
             "COALESCE(SUM(CASE WHEN e.account = 'available' THEN e.amount_minor ELSE 0 END), 0), "
             "COALESCE(SUM(CASE WHEN e.account = 'allocated' THEN e.amount_minor ELSE 0 END), 0), "
             "COALESCE(SUM(CASE WHEN e.account = 'disbursed' THEN e.amount_minor ELSE 0 END), 0), "
             "COALESCE(SUM(CASE WHEN e.account = 'spent' THEN e.amount_minor ELSE 0 END), 0) "
             "FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id "
             "WHERE e.holder_type = 'funding_source' AND e.holder_id = :source AND t.booked_on <= :as_of "
             "AND t.created_at < :recorded_before",
      soci::use(q.funding_source_id, "source"), soci::use(q.as_of, "as_of"),
      soci::use(cut.recorded_before, "recorded_before"), soci::into(income),
      soci::into(available), soci::into(allocated), soci::into(disbursed), soci::into(spent);
  f.totals.received = -income;
  f.totals.allocated = allocated + disbursed + spent;
  f.totals.disbursed = disbursed + spent;
  f.totals.spent = spent;
  f.totals.available = available;
}

void read_receipts(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  std::string id, currency, received_on;
  long long amount = 0, created_at = 0;
  soci::statement st = (ctx.sql.prepare << "SELECT id, currency, amount_minor, received_on, created_at FROM receipts "
                                           "WHERE funding_source_id = :source AND received_on <= :as_of "
                                           "AND created_at < :recorded_before ORDER BY received_on, created_at, id",
                        soci::use(q.funding_source_id, "source"), soci::use(q.as_of, "as_of"),
                        soci::use(cut.recorded_before, "recorded_before"), soci::into(id),
                        soci::into(currency), soci::into(amount), soci::into(received_on), soci::into(created_at));
  if (st.execute(true)) {
    do f.receipts.push_back({id, q.funding_source_id, {amount, stored_currency(currency)}, received_on, created_at});
    while (st.fetch());
  }
}

void read_awards(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  // Pseudonyms number a country's pseudonymous member organisations by age,
  // so an organisation keeps its label from one report to the next.
  const std::string sql = with_ctes() + R"SQL(
    SELECT a.id, a.reference, a.public_ref, ap.title, o.id, o.name, o.name_en, o.iati_ref, o.publication,
           COALESCE(ps.number, 0), o.country, a.start_date, a.end_date, a.decided_on, a.currency,
           a.amount_minor, fa.amount_minor,
           COALESCE(m.allocated, 0), COALESCE(m.disbursed, 0), COALESCE(m.spent, 0)
      FROM funding_allocations fa
      JOIN awards a ON a.id = fa.award_id
      JOIN applications ap ON ap.id = a.application_id
      JOIN organisations o ON o.id = a.organisation_id
      LEFT JOIN award_money m ON m.award_id = a.id
      LEFT JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY country ORDER BY created_at, id) AS number
                   FROM organisations WHERE publication = 'pseudonymous' AND kind = 'member') ps ON ps.id = o.id
     WHERE fa.funding_source_id = :source AND a.decided_on <= :as_of AND a.created_at < :recorded_before
     ORDER BY a.decided_on, a.public_ref)SQL";
  domain::SummaryAward a;
  std::string publication, currency;
  soci::indicator name_en_ind = soci::i_null, iati_ind = soci::i_null;
  std::string name_en, iati_ref;
  long long number = 0, amount = 0, share = 0, allocated = 0, disbursed = 0, spent = 0;
  const auto bind = [&](soci::statement& st) {
    for (auto* s : {&a.id, &a.reference, &a.public_ref, &a.title, &a.organisation_id, &a.organisation_name})
      st.exchange(soci::into(*s));
    st.exchange(soci::into(name_en, name_en_ind));
    st.exchange(soci::into(iati_ref, iati_ind));
    st.exchange(soci::into(publication));
    st.exchange(soci::into(number));
    for (auto* s : {&a.country, &a.start_date, &a.end_date, &a.decided_on, &currency}) st.exchange(soci::into(*s));
    for (auto* n : {&amount, &share, &allocated, &disbursed, &spent}) st.exchange(soci::into(*n));
  };
  each_row(ctx, q, cut, sql, bind, [&] {
    domain::SummaryAward row = a;
    row.organisation_name_en = name_en_ind == soci::i_ok ? std::optional(name_en) : std::nullopt;
    row.organisation_iati_ref = iati_ind == soci::i_ok ? std::optional(iati_ref) : std::nullopt;
    row.publication = domain::parse_publication(publication).value_or(domain::Publication::confidential);
    row.pseudonym_number = static_cast<int>(number);
    const auto award_currency = stored_currency(currency);
    row.amount = {amount, award_currency};
    row.share = {share, award_currency};
    row.allocated = allocated;
    row.disbursed = disbursed;
    row.spent = spent;
    f.awards.push_back(std::move(row));
  });
}

// An indicator's targets added up over the funded awards.
struct IndicatorSums {
  long long targets = 0;
  std::int64_t baseline_e4 = 0, target_e4 = 0;
};

void read_targets(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, std::map<std::string, IndicatorSums>& sums) {
  const std::string sql = std::string("WITH funded AS (") + kFundedAwards + R"SQL()
    SELECT t.indicator_code, COUNT(*), COALESCE(SUM(t.baseline_e4), 0), COALESCE(SUM(t.target_e4), 0)
      FROM award_targets t JOIN funded f ON f.award_id = t.award_id
     GROUP BY t.indicator_code)SQL";
  std::string code;
  long long count = 0, baseline = 0, target = 0;
  const auto bind = [&](soci::statement& st) {
    st.exchange(soci::into(code));
    st.exchange(soci::into(count));
    st.exchange(soci::into(baseline));
    st.exchange(soci::into(target));
  };
  each_row(ctx, q, cut, sql, bind, [&] {
    auto& s = sums[code];
    s.targets = count;
    s.baseline_e4 = baseline;
    s.target_e4 = target;
  });
}

// Each organisation's reported values per indicator and combination of
// categories, added up over its counted reports: the grain the privacy rules
// work from (reports/ adds the totals and the breakdowns up from these).
void read_actuals(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f,
                  std::map<std::string, IndicatorSums>& sums) {
  const std::string sql = std::string("WITH funded AS (") + kFundedAwards + R"SQL()
    SELECT v.indicator_code, COALESCE(v.gender, ''), COALESCE(v.migrant_status, ''), COALESCE(v.age_group, ''),
           f.organisation_id, COALESCE(SUM(v.value_e4), 0), COUNT(v.value_e4)
      FROM funded f
      JOIN progress_reports r ON r.award_id = f.award_id
      JOIN report_indicator_values v ON v.report_id = r.id
     WHERE )SQL" + kCountedReport + R"SQL(
     GROUP BY v.indicator_code, COALESCE(v.gender, ''), COALESCE(v.migrant_status, ''), COALESCE(v.age_group, ''),
              f.organisation_id
     ORDER BY 1, 2, 3, 4, 5)SQL";
  domain::IndicatorCell c;
  long long sum = 0, values = 0;
  const auto bind = [&](soci::statement& st) {
    cut.bind_reports(st);
    for (auto* s : {&c.indicator_code, &c.gender, &c.migrant_status, &c.age_group, &c.organisation_id})
      st.exchange(soci::into(*s));
    st.exchange(soci::into(sum));
    st.exchange(soci::into(values));
  };
  each_row(ctx, q, cut, sql, bind, [&] {
    c.sum_e4 = sum;
    c.values = values;
    f.cells.push_back(c);
  });
  // An indicator reported without targets is still summarised.
  for (const auto& cell : f.cells) sums.try_emplace(cell.indicator_code);
}

void read_results(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  std::map<std::string, IndicatorSums> sums;
  read_targets(ctx, q, cut, sums);
  read_actuals(ctx, q, cut, f, sums);
  if (sums.empty()) return;
  SociLogframeRepository logframe(ctx);
  const auto indicators = logframe.indicators();
  for (const auto& result : logframe.results()) {
    domain::SummaryResult out{result, {}};
    for (const auto& indicator : indicators) {
      if (indicator.fields.result_code != result.code) continue;
      const auto it = sums.find(indicator.fields.code);
      if (it == sums.end()) continue;
      const auto& s = it->second;
      out.indicators.push_back({indicator, s.targets, s.baseline_e4, s.target_e4});
    }
    if (!out.indicators.empty()) f.results.push_back(std::move(out));
  }
}

// Excerpts of accepted narratives, newest first; those of organisations that
// publish their name first, as only theirs can be shown.
void read_narratives(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  constexpr int kExcerptChars = 400;
  constexpr int kNarratives = 20;
  const std::string sql = std::string("WITH funded AS (") + kFundedAwards + R"SQL()
    SELECT r.award_id, r.period_start, r.period_end, substr(r.narrative, 1, :chars),
           CASE WHEN length(r.narrative) > :chars2 THEN 1 ELSE 0 END
      FROM funded fu
      JOIN progress_reports r ON r.award_id = fu.award_id
      JOIN organisations o ON o.id = fu.organisation_id
     WHERE )SQL" + kCountedReport + R"SQL( AND r.narrative <> ''
     ORDER BY CASE WHEN o.publication = 'public' THEN 0 ELSE 1 END, r.period_end DESC, r.award_id
     LIMIT :limit)SQL";
  domain::NarrativeExcerpt n;
  int truncated = 0;
  const auto bind = [&](soci::statement& st) {
    st.exchange(soci::use(kExcerptChars, "chars"));
    st.exchange(soci::use(kExcerptChars, "chars2"));
    cut.bind_reports(st);
    st.exchange(soci::use(kNarratives, "limit"));
    for (auto* s : {&n.award_id, &n.period_start, &n.period_end, &n.text}) st.exchange(soci::into(*s));
    st.exchange(soci::into(truncated));
  };
  each_row(ctx, q, cut, sql, bind, [&] {
    n.truncated = truncated != 0;
    f.narratives.push_back(n);
  });
}

// The source's side of each booking, by award: what an allocation committed,
// a payment paid, an expenditure reported; reversals negative, under the
// kind they undo.
void read_transactions(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  const std::string sql = std::string("WITH bookings AS (") + kSourceBookings + R"SQL()
    SELECT b.award_id, b.transaction_id, COALESCE(o.kind, b.kind) AS kind, b.booked_on,
           SUM(CASE WHEN (COALESCE(o.kind, b.kind) = 'allocation' AND b.account = 'allocated')
                      OR (COALESCE(o.kind, b.kind) = 'payment' AND b.account = 'disbursed')
                      OR (COALESCE(o.kind, b.kind) = 'expenditure' AND b.account = 'spent')
                    THEN b.amount_minor ELSE 0 END)
      FROM bookings b LEFT JOIN ledger_transactions o ON o.id = b.reverses_id
     GROUP BY b.award_id, b.transaction_id, COALESCE(o.kind, b.kind), b.booked_on, b.created_at
     ORDER BY b.award_id, b.booked_on, b.created_at, b.transaction_id)SQL";
  domain::SummaryTransaction t;
  std::string kind;
  long long amount = 0;
  const auto bind = [&](soci::statement& st) {
    st.exchange(soci::into(t.award_id));
    st.exchange(soci::into(t.transaction_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(t.booked_on));
    st.exchange(soci::into(amount));
  };
  each_row(ctx, q, cut, sql, bind, [&] {
    t.kind = domain::parse_ledger_kind(kind).value_or(domain::LedgerKind::allocation);
    t.amount = amount;
    f.transactions.push_back(t);
  });
}

void read_award_targets(Context& ctx, const domain::SummaryQuery& q, const SummaryCut& cut, SummaryFacts& f) {
  const std::string sql = std::string("WITH funded AS (") + kFundedAwards + R"SQL()
    SELECT t.award_id, t.indicator_code, t.baseline, t.target, COALESCE(t.baseline_e4, 0), COALESCE(t.target_e4, 0)
      FROM award_targets t JOIN funded fu ON fu.award_id = t.award_id
     ORDER BY t.award_id, t.seq)SQL";
  domain::SummaryTarget t;
  long long baseline = 0, target = 0;
  const auto bind = [&](soci::statement& st) {
    for (auto* s : {&t.award_id, &t.indicator_code, &t.baseline, &t.target}) st.exchange(soci::into(*s));
    st.exchange(soci::into(baseline));
    st.exchange(soci::into(target));
  };
  each_row(ctx, q, cut, sql, bind, [&] {
    t.baseline_e4 = baseline;
    t.target_e4 = target;
    f.targets.push_back(t);
  });
}

}  // namespace

void SociReportingRepository::summarise(const domain::SummaryQuery& q, SummaryFacts& f) {
  guarded(ctx_, [&] {
    // One snapshot for every query, so the parts add up to the totals even
    // while payments are being booked. (SQLite's read transaction already is one.)
    const bool own_snapshot = ctx_.dialect == Dialect::postgresql && !ctx_.in_transaction;
    if (own_snapshot) ctx_.sql << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    try {
      const SummaryCut cut(q);
      read_alliance(ctx_, f);
      read_totals(ctx_, q, cut, f);
      read_receipts(ctx_, q, cut, f);
      read_awards(ctx_, q, cut, f);
      read_results(ctx_, q, cut, f);
      read_narratives(ctx_, q, cut, f);
      read_transactions(ctx_, q, cut, f);
      read_award_targets(ctx_, q, cut, f);
      if (own_snapshot) ctx_.sql << "COMMIT";
    } catch (...) {
      if (own_snapshot) {
        try {
          ctx_.sql << "ROLLBACK";
        } catch (...) {
          ctx_.lease.mark_broken();
        }
      }
      throw;
    }
  });
}

}  // namespace mswa::persistence
