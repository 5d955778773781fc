#include <soci/soci.h>

#include "persistence/nullable.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::ProgressReport;

namespace {

constexpr const char* kColumns =
    "r.id, r.award_id, w.organisation_id, w.currency, r.seq, r.period_start, r.period_end, r.due_on, r.status, "
    "r.narrative, r.submitted_at, r.decided_at, r.return_reason, r.version, r.updated_at";
constexpr const char* kFrom = " FROM progress_reports r JOIN awards w ON w.id = r.award_id";

struct ReportRow {
  std::string id, award_id, organisation_id, currency, start, end, due, status, narrative;
  int seq = 0;
  long long version = 0, updated_at = 0;
  NullableColumn<long long> submitted_at, decided_at;
  NullableColumn<std::string> return_reason;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(award_id));
    st.exchange(soci::into(organisation_id));
    st.exchange(soci::into(currency));
    st.exchange(soci::into(seq));
    st.exchange(soci::into(start));
    st.exchange(soci::into(end));
    st.exchange(soci::into(due));
    st.exchange(soci::into(status));
    st.exchange(soci::into(narrative));
    st.exchange(soci::into(submitted_at.value, submitted_at.ind));
    st.exchange(soci::into(decided_at.value, decided_at.ind));
    st.exchange(soci::into(return_reason.value, return_reason.ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(updated_at));
  }

  ProgressReport to_domain() const {
    ProgressReport r;
    r.id = id;
    r.award_id = award_id;
    r.organisation_id = organisation_id;
    r.period = {seq, start, end, due};
    r.status = domain::parse_report_status(status).value_or(domain::ReportStatus::pending);
    r.content.narrative = narrative;
    r.submitted_at = submitted_at.get();
    r.decided_at = decided_at.get();
    r.return_reason = return_reason.get();
    r.version = version;
    r.updated_at = updated_at;
    return r;
  }
};

// NULL for a dimension the value is not broken down by.
NullableParam<std::string> dimension_param(const std::map<domain::Dimension, std::string>& dims, domain::Dimension d) {
  const auto it = dims.find(d);
  return NullableParam<std::string>(it == dims.end() ? std::nullopt : std::optional<std::string>(it->second));
}

}  // namespace

std::optional<ProgressReport> SociProgressReportRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<ProgressReport> {
    ReportRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + kFrom + " WHERE r.id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    ProgressReport r = row.to_domain();
    const auto currency = stored_currency(row.currency);

    std::string code, gender, migrant, age, value;
    soci::indicator gender_ind = soci::i_null, migrant_ind = soci::i_null, age_ind = soci::i_null;
    soci::statement values = (ctx_.sql.prepare << "SELECT indicator_code, gender, migrant_status, age_group, value "
                                                  "FROM report_indicator_values WHERE report_id = :id ORDER BY seq",
                              soci::use(id, "id"), soci::into(code), soci::into(gender, gender_ind),
                              soci::into(migrant, migrant_ind), soci::into(age, age_ind), soci::into(value));
    if (values.execute(true)) {
      do {
        domain::IndicatorValue v{code, {}, value};
        if (gender_ind == soci::i_ok) v.dimensions[domain::Dimension::gender] = gender;
        if (migrant_ind == soci::i_ok) v.dimensions[domain::Dimension::migrant_status] = migrant;
        if (age_ind == soci::i_ok) v.dimensions[domain::Dimension::age_group] = age;
        r.content.indicator_values.push_back(std::move(v));
      } while (values.fetch());
    }

    std::string line;
    long long amount = 0;
    soci::statement spending = (ctx_.sql.prepare << "SELECT x.budget_line_id, x.amount_minor FROM report_expenditures x "
                                                    "JOIN award_budget_lines l ON l.id = x.budget_line_id "
                                                    "WHERE x.report_id = :id ORDER BY l.seq",
                                soci::use(id, "id"), soci::into(line), soci::into(amount));
    if (spending.execute(true)) {
      do r.content.expenditures.push_back({line, {amount, currency}});
      while (spending.fetch());
    }
    return r;
  });
}

std::vector<ProgressReport> SociProgressReportRepository::schedule(const std::string& award_id) {
  return guarded(ctx_, [&] {
    std::vector<ProgressReport> out;
    ReportRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(award_id, "award"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + kFrom + " WHERE r.award_id = :award ORDER BY r.seq");
    st.define_and_bind();
    if (st.execute(true)) {
      do out.push_back(row.to_domain());
      while (st.fetch());
    }
    return out;
  });
}

bool SociProgressReportRepository::update(const ProgressReport& r, long long expected_version) {
  return guarded(ctx_, [&] {
    const std::string status(domain::to_string(r.status));
    NullableParam<long long> submitted(r.submitted_at), decided(r.decided_at);
    NullableParam<std::string> reason(r.return_reason);
    soci::statement st = (ctx_.sql.prepare << "UPDATE progress_reports SET status = :status, narrative = :narrative, "
                                              "submitted_at = :submitted, decided_at = :decided, return_reason = "
                                              ":reason, version = :version, updated_at = :updated WHERE id = :id "
                                              "AND version = :expected",
                          soci::use(status, "status"), soci::use(r.content.narrative, "narrative"),
                          soci::use(submitted.value, submitted.ind, "submitted"),
                          soci::use(decided.value, decided.ind, "decided"),
                          soci::use(reason.value, reason.ind, "reason"), soci::use(r.version, "version"),
                          soci::use(r.updated_at, "updated"), soci::use(r.id, "id"),
                          soci::use(expected_version, "expected"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;

    // The content is replaced whole, as PUT says.
    ctx_.sql << "DELETE FROM report_indicator_values WHERE report_id = :id", soci::use(r.id, "id");
    ctx_.sql << "DELETE FROM report_expenditures WHERE report_id = :id", soci::use(r.id, "id");
    int seq = 0;
    for (const auto& v : r.content.indicator_values) {
      ++seq;
      auto gender = dimension_param(v.dimensions, domain::Dimension::gender),
           migrant = dimension_param(v.dimensions, domain::Dimension::migrant_status),
           age = dimension_param(v.dimensions, domain::Dimension::age_group);
      const auto number = domain::parse_decimal(v.value);
      NullableParam<long long> e4(number ? domain::scaled_e4(*number) : std::nullopt);
      ctx_.sql << "INSERT INTO report_indicator_values (report_id, seq, indicator_code, gender, migrant_status, "
                  "age_group, value, value_e4) VALUES (:id, :seq, :code, :gender, :migrant, :age, :value, :e4)",
          soci::use(r.id, "id"), soci::use(seq, "seq"), soci::use(v.indicator_code, "code"),
          soci::use(gender.value, gender.ind, "gender"), soci::use(migrant.value, migrant.ind, "migrant"),
          soci::use(age.value, age.ind, "age"), soci::use(v.value, "value"), soci::use(e4.value, e4.ind, "e4");
    }
    for (const auto& x : r.content.expenditures)
      ctx_.sql << "INSERT INTO report_expenditures (report_id, budget_line_id, amount_minor) VALUES (:id, :line, :amount)",
          soci::use(r.id, "id"), soci::use(x.budget_line_id, "line"), soci::use(x.amount.minor, "amount");
    return true;
  });
}

}  // namespace mswa::persistence
