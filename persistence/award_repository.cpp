#include <soci/soci.h>

#include "domain/progress_report.hpp"
#include "persistence/ids.hpp"
#include "persistence/nullable.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::Award;
using domain::EpochMs;

namespace {

constexpr const char* kColumns =
    "id, reference, application_id, call_id, organisation_id, currency, amount_minor, start_date, end_date, "
    "decided_on, created_at";

struct AwardRow {
  std::string id, reference, application_id, call_id, organisation_id, currency, start_date, end_date, decided_on;
  long long amount = 0, created_at = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(reference));
    st.exchange(soci::into(application_id));
    st.exchange(soci::into(call_id));
    st.exchange(soci::into(organisation_id));
    st.exchange(soci::into(currency));
    st.exchange(soci::into(amount));
    st.exchange(soci::into(start_date));
    st.exchange(soci::into(end_date));
    st.exchange(soci::into(decided_on));
    st.exchange(soci::into(created_at));
  }

  Award to_domain() const {
    Award a;
    a.id = id;
    a.reference = reference;
    a.application_id = application_id;
    a.call_id = call_id;
    a.organisation_id = organisation_id;
    a.amount = {amount, stored_currency(currency)};
    a.start_date = start_date;
    a.end_date = end_date;
    a.decided_on = decided_on;
    a.created_at = created_at;
    return a;
  }
};

}  // namespace

int SociAwardRepository::next_number(int year) {
  return guarded(ctx_, [&] {
    int last = 0;
    ctx_.sql << "INSERT INTO award_sequences (year, last) VALUES (:year, 1) "
                "ON CONFLICT (year) DO UPDATE SET last = award_sequences.last + 1 RETURNING last",
        soci::use(year, "year"), soci::into(last);
    return last;
  });
}

void SociAwardRepository::insert(Award& a, const std::vector<domain::ReportPeriod>& schedule) {
  guarded(ctx_, [&] {
    a.id = new_uuid();
    // Donor files name the award by a random reference fixed here: the
    // sequential one would count the awards they do not list.
    const std::string public_ref = new_public_ref();
    ctx_.sql << "INSERT INTO awards (" << kColumns
             << ", public_ref) VALUES (:id, :reference, :app, :call, :org, :currency, :amount, :start, :end, :decided, "
                ":now, :public_ref)",
        soci::use(public_ref, "public_ref"), soci::use(a.id, "id"), soci::use(a.reference, "reference"), soci::use(a.application_id, "app"),
        soci::use(a.call_id, "call"), soci::use(a.organisation_id, "org"), soci::use(a.amount.currency.code, "currency"),
        soci::use(a.amount.minor, "amount"), soci::use(a.start_date, "start"), soci::use(a.end_date, "end"),
        soci::use(a.decided_on, "decided"), soci::use(a.created_at, "now");
    for (auto& t : a.tranches) {
      t.id = new_uuid();
      const std::string condition(domain::to_string(t.condition));
      ctx_.sql << "INSERT INTO tranches (id, award_id, seq, due_on, amount_minor, condition) "
                  "VALUES (:id, :award, :seq, :due, :amount, :condition)",
          soci::use(t.id, "id"), soci::use(a.id, "award"), soci::use(t.seq, "seq"), soci::use(t.due_on, "due"),
          soci::use(t.amount.minor, "amount"), soci::use(condition, "condition");
    }
    int seq = 0;
    for (auto& f : a.allocations) {
      f.id = new_uuid();
      ++seq;
      const std::string rate = domain::format_decimal(f.rate);
      ctx_.sql << "INSERT INTO funding_allocations (id, award_id, funding_source_id, seq, amount_minor, "
                  "source_amount_minor, rate, rate_date) VALUES (:id, :award, :source, :seq, :amount, :source_amount, "
                  ":rate, :rate_date)",
          soci::use(f.id, "id"), soci::use(a.id, "award"), soci::use(f.funding_source_id, "source"), soci::use(seq, "seq"),
          soci::use(f.amount.minor, "amount"), soci::use(f.source_amount.minor, "source_amount"), soci::use(rate, "rate"),
          soci::use(f.rate_date, "rate_date");
    }
    for (std::size_t i = 0; i < a.budget_lines.size(); ++i) {
      const auto& l = a.budget_lines[i];
      const int line_seq = static_cast<int>(i + 1);
      const std::string category(domain::to_string(l.category));
      ctx_.sql << "INSERT INTO award_budget_lines (id, award_id, seq, category, description, amount_minor) "
                  "VALUES (:id, :award, :seq, :category, :description, :amount)",
          soci::use(l.id, "id"), soci::use(a.id, "award"), soci::use(line_seq, "seq"), soci::use(category, "category"),
          soci::use(l.description, "description"), soci::use(l.amount.minor, "amount");
    }
    for (std::size_t i = 0; i < a.targets.size(); ++i) {
      const auto& t = a.targets[i];
      const int target_seq = static_cast<int>(i + 1);
      const std::string baseline = domain::format_decimal(t.baseline), target = domain::format_decimal(t.target);
      // The scaled copies let donor summaries add targets up in SQL.
      NullableParam<long long> baseline_e4(domain::scaled_e4(t.baseline)), target_e4(domain::scaled_e4(t.target));
      ctx_.sql << "INSERT INTO award_targets (award_id, seq, indicator_code, baseline, target, baseline_e4, target_e4) "
                  "VALUES (:award, :seq, :code, :baseline, :target, :baseline_e4, :target_e4)",
          soci::use(a.id, "award"), soci::use(target_seq, "seq"), soci::use(t.indicator_code, "code"),
          soci::use(baseline, "baseline"), soci::use(target, "target"),
          soci::use(baseline_e4.value, baseline_e4.ind, "baseline_e4"),
          soci::use(target_e4.value, target_e4.ind, "target_e4");
    }
    for (const auto& p : schedule) {
      const std::string id = new_uuid();
      ctx_.sql << "INSERT INTO progress_reports (id, award_id, seq, period_start, period_end, due_on, status) "
                  "VALUES (:id, :award, :seq, :start, :end, :due, 'pending')",
          soci::use(id, "id"), soci::use(a.id, "award"), soci::use(p.seq, "seq"), soci::use(p.period_start, "start"),
          soci::use(p.period_end, "end"), soci::use(p.due_on, "due");
    }
  });
}

std::optional<Award> SociAwardRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<Award> {
    AwardRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM awards WHERE id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    Award a = row.to_domain();

    std::string tranche_id, due_on, condition;
    int seq = 0;
    long long amount = 0;
    soci::statement tranches = (ctx_.sql.prepare << "SELECT id, seq, due_on, amount_minor, condition FROM tranches "
                                                    "WHERE award_id = :id ORDER BY seq",
                                soci::use(id, "id"), soci::into(tranche_id), soci::into(seq), soci::into(due_on),
                                soci::into(amount), soci::into(condition));
    if (tranches.execute(true)) {
      do a.tranches.push_back({tranche_id, seq, due_on, {amount, a.amount.currency},
                               domain::parse_tranche_condition(condition).value_or(domain::TrancheCondition::none)});
      while (tranches.fetch());
    }

    std::string allocation_id, source_id, source_currency, rate, rate_date;
    long long source_amount = 0;
    soci::statement allocations =
        (ctx_.sql.prepare << "SELECT a.id, a.funding_source_id, a.amount_minor, a.source_amount_minor, f.currency, "
                             "a.rate, a.rate_date FROM funding_allocations a JOIN funding_sources f "
                             "ON f.id = a.funding_source_id WHERE a.award_id = :id ORDER BY a.seq",
         soci::use(id, "id"), soci::into(allocation_id), soci::into(source_id), soci::into(amount),
         soci::into(source_amount), soci::into(source_currency), soci::into(rate), soci::into(rate_date));
    if (allocations.execute(true)) {
      do a.allocations.push_back({allocation_id, source_id, {amount, a.amount.currency},
                                  {source_amount, stored_currency(source_currency)},
                                  domain::parse_decimal(rate).value_or(domain::Decimal{}), rate_date});
      while (allocations.fetch());
    }

    std::string line_id, category, description;
    soci::statement lines = (ctx_.sql.prepare << "SELECT id, category, description, amount_minor FROM award_budget_lines "
                                                 "WHERE award_id = :id ORDER BY seq",
                             soci::use(id, "id"), soci::into(line_id), soci::into(category), soci::into(description),
                             soci::into(amount));
    if (lines.execute(true)) {
      do a.budget_lines.push_back({line_id,
                                   domain::parse_budget_category(category).value_or(domain::BudgetCategory::other),
                                   description, {amount, a.amount.currency}});
      while (lines.fetch());
    }

    std::string code, baseline, target;
    soci::statement targets = (ctx_.sql.prepare << "SELECT indicator_code, baseline, target FROM award_targets "
                                                   "WHERE award_id = :id ORDER BY seq",
                               soci::use(id, "id"), soci::into(code), soci::into(baseline), soci::into(target));
    if (targets.execute(true)) {
      do a.targets.push_back({code, domain::parse_decimal(baseline).value_or(domain::Decimal{}),
                              domain::parse_decimal(target).value_or(domain::Decimal{})});
      while (targets.fetch());
    }
    return a;
  });
}

domain::Page<Award> SociAwardRepository::list(const domain::PageRequest& page, const domain::AwardFilter& filter) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    std::string sql = std::string("SELECT ") + kColumns + " FROM awards WHERE 1 = 1";
    if (filter.organisation_id) sql += " AND organisation_id = :org";
    sql += keyset.condition("") + keyset.order_and_limit("");
    AwardRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (filter.organisation_id) st.exchange(soci::use(*filter.organisation_id, "org"));
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    return keyset.fetch(st, row);
  });
}

void SociAwardRepository::lock(const std::string& id) {
  guarded(ctx_, [&] {
    if (ctx_.dialect != Dialect::postgresql) return;
    std::string locked;
    ctx_.sql << "SELECT id FROM awards WHERE id = :id FOR UPDATE", soci::use(id, "id"), soci::into(locked);
  });
}

}  // namespace mswa::persistence
