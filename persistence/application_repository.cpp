#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "persistence/ids.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::Application;
using domain::EpochMs;

namespace {

constexpr const char* kColumns =
    "id, call_id, organisation_id, title, summary, currency, requested_minor, start_date, duration_months, answers, "
    "budget_lines, targets, status, submitted_at, version, created_at, updated_at";

std::string answers_json(const std::map<std::string, std::string>& answers) { return nlohmann::json(answers).dump(); }

std::string budget_json(const std::vector<domain::BudgetLine>& lines) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& l : lines)
    j.push_back({{"id", l.id},
                 {"category", domain::to_string(l.category)},
                 {"description", l.description},
                 {"currency", l.amount.currency.code},
                 {"amount_minor", l.amount.minor}});
  return j.dump();
}

std::string targets_json(const std::vector<domain::Target>& targets) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& t : targets)
    j.push_back({{"indicator_code", t.indicator_code},
                 {"baseline", domain::format_decimal(t.baseline)},
                 {"target", domain::format_decimal(t.target)}});
  return j.dump();
}

struct ApplicationRow {
  std::string id, call_id, organisation_id, title, summary, currency, start_date, answers, budget, targets, status;
  long long requested = 0, submitted_at = 0, version = 0, created_at = 0, updated_at = 0;
  int duration = 0;
  soci::indicator currency_ind = soci::i_null, requested_ind = soci::i_null, start_ind = soci::i_null,
                  duration_ind = soci::i_null, submitted_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(call_id));
    st.exchange(soci::into(organisation_id));
    st.exchange(soci::into(title));
    st.exchange(soci::into(summary));
    st.exchange(soci::into(currency, currency_ind));
    st.exchange(soci::into(requested, requested_ind));
    st.exchange(soci::into(start_date, start_ind));
    st.exchange(soci::into(duration, duration_ind));
    st.exchange(soci::into(answers));
    st.exchange(soci::into(budget));
    st.exchange(soci::into(targets));
    st.exchange(soci::into(status));
    st.exchange(soci::into(submitted_at, submitted_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }

  Application to_domain() const {
    Application a;
    a.id = id;
    a.call_id = call_id;
    a.organisation_id = organisation_id;
    auto& c = a.content;
    c.title = title;
    c.summary = summary;
    if (currency_ind == soci::i_ok && requested_ind == soci::i_ok) c.requested = domain::Money{requested, stored_currency(currency)};
    if (start_ind == soci::i_ok) c.start_date = start_date;
    if (duration_ind == soci::i_ok) c.duration_months = duration;
    c.answers = nlohmann::json::parse(answers).get<std::map<std::string, std::string>>();
    for (const auto& j : nlohmann::json::parse(budget))
      c.budget_lines.push_back({j.at("id"), domain::parse_budget_category(j.at("category").get<std::string>()).value_or(domain::BudgetCategory::other),
                                j.at("description"), {j.at("amount_minor").get<std::int64_t>(), stored_currency(j.at("currency"))}});
    for (const auto& j : nlohmann::json::parse(targets))
      c.targets.push_back({j.at("indicator_code"), domain::parse_decimal(j.at("baseline").get<std::string>()).value_or(domain::Decimal{}),
                           domain::parse_decimal(j.at("target").get<std::string>()).value_or(domain::Decimal{})});
    a.status = domain::parse_application_status(status).value_or(domain::ApplicationStatus::draft);
    if (submitted_ind == soci::i_ok) a.submitted_at = submitted_at;
    a.version = version;
    a.created_at = created_at;
    a.updated_at = updated_at;
    return a;
  }
};

// What a save writes, kept alive for SOCI's bindings; budget lines get ids.
struct ApplicationParams {
  std::string currency, start_date, answers, budget, targets, status;
  long long requested = 0, submitted_at = 0;
  int duration = 0;
  soci::indicator currency_ind, requested_ind, start_ind, duration_ind, submitted_ind;

  explicit ApplicationParams(Application& a) {
    for (auto& line : a.content.budget_lines)
      if (line.id.empty()) line.id = new_uuid();
    const auto& c = a.content;
    currency = c.requested ? c.requested->currency.code : "";
    requested = c.requested ? c.requested->minor : 0;
    currency_ind = requested_ind = c.requested ? soci::i_ok : soci::i_null;
    start_date = c.start_date.value_or("");
    start_ind = c.start_date ? soci::i_ok : soci::i_null;
    duration = c.duration_months.value_or(0);
    duration_ind = c.duration_months ? soci::i_ok : soci::i_null;
    answers = answers_json(c.answers);
    budget = budget_json(c.budget_lines);
    targets = targets_json(c.targets);
    status = domain::to_string(a.status);
    submitted_at = a.submitted_at.value_or(0);
    submitted_ind = a.submitted_at ? soci::i_ok : soci::i_null;
  }
};

}  // namespace

Application SociApplicationRepository::insert(const std::string& call_id, const std::string& organisation_id,
                                              const domain::ApplicationContent& content, EpochMs now) {
  return guarded(ctx_, [&] {
    Application a;
    a.id = new_uuid();
    a.call_id = call_id;
    a.organisation_id = organisation_id;
    a.content = content;
    a.created_at = a.updated_at = now;
    ApplicationParams p(a);
    ctx_.sql << "INSERT INTO applications (" << kColumns
             << ") VALUES (:id, :call, :org, :title, :summary, :currency, :requested, :start, :duration, :answers, "
                ":budget, :targets, :status, :submitted, 1, :now, :now2)",
        soci::use(a.id, "id"), soci::use(call_id, "call"), soci::use(organisation_id, "org"),
        soci::use(a.content.title, "title"), soci::use(a.content.summary, "summary"),
        soci::use(p.currency, p.currency_ind, "currency"), soci::use(p.requested, p.requested_ind, "requested"),
        soci::use(p.start_date, p.start_ind, "start"), soci::use(p.duration, p.duration_ind, "duration"),
        soci::use(p.answers, "answers"), soci::use(p.budget, "budget"), soci::use(p.targets, "targets"),
        soci::use(p.status, "status"), soci::use(p.submitted_at, p.submitted_ind, "submitted"), soci::use(now, "now"),
        soci::use(now, "now2");
    return a;
  });
}

std::optional<Application> SociApplicationRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<Application> {
    ApplicationRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM applications WHERE id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.to_domain();
  });
}

domain::Page<Application> SociApplicationRepository::list(const domain::PageRequest& page,
                                                          const domain::ApplicationFilter& filter) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    const std::string status = filter.status ? std::string(domain::to_string(*filter.status)) : std::string();
    std::string sql = std::string("SELECT ") + kColumns + " FROM applications WHERE 1 = 1";
    if (filter.call_id) sql += " AND call_id = :call";
    if (filter.organisation_id) sql += " AND organisation_id = :org";
    if (filter.status) sql += " AND status = :status";
    if (filter.assigned_to)
      sql += " AND id IN (SELECT application_id FROM review_assignments WHERE reviewer_id = :reviewer)";
    sql += keyset.condition("") + keyset.order_and_limit("");
    ApplicationRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (filter.call_id) st.exchange(soci::use(*filter.call_id, "call"));
    if (filter.organisation_id) st.exchange(soci::use(*filter.organisation_id, "org"));
    if (filter.status) st.exchange(soci::use(status, "status"));
    if (filter.assigned_to) st.exchange(soci::use(*filter.assigned_to, "reviewer"));
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    return keyset.fetch(st, row);
  });
}

bool SociApplicationRepository::update(Application& a, long long expected_version) {
  return guarded(ctx_, [&] {
    ApplicationParams p(a);
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE applications SET title = :title, summary = :summary, currency = :currency, "
                             "requested_minor = :requested, start_date = :start, duration_months = :duration, "
                             "answers = :answers, budget_lines = :budget, targets = :targets, status = :status, "
                             "submitted_at = :submitted, version = :version, updated_at = :updated "
                             "WHERE id = :id AND version = :expected",
         soci::use(a.content.title, "title"), soci::use(a.content.summary, "summary"),
         soci::use(p.currency, p.currency_ind, "currency"), soci::use(p.requested, p.requested_ind, "requested"),
         soci::use(p.start_date, p.start_ind, "start"), soci::use(p.duration, p.duration_ind, "duration"),
         soci::use(p.answers, "answers"), soci::use(p.budget, "budget"), soci::use(p.targets, "targets"),
         soci::use(p.status, "status"), soci::use(p.submitted_at, p.submitted_ind, "submitted"),
         soci::use(a.version, "version"), soci::use(a.updated_at, "updated"), soci::use(a.id, "id"),
         soci::use(expected_version, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

}  // namespace mswa::persistence
