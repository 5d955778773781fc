#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "persistence/ids.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"
#include "persistence/sql_dialect.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::Call;
using domain::EpochMs;

namespace {

std::string criteria_json(const std::vector<domain::Criterion>& criteria) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& c : criteria) j.push_back({{"key", c.key}, {"label", c.label}, {"weight", c.weight}});
  return j.dump();
}

std::string questions_json(const std::vector<domain::Question>& questions) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& q : questions)
    j.push_back({{"key", q.key}, {"label", q.label}, {"required", q.required}, {"max_length", q.max_length}});
  return j.dump();
}

// Values to write, kept alive for SOCI's bindings.
struct CallParams {
  std::string currency, countries, results, criteria, questions, frequency, status;
  explicit CallParams(const Call& c)
      : currency(c.fields.currency.code),
        countries(join_words(c.fields.eligible_countries)),
        results(join_words(c.fields.result_codes)),
        criteria(criteria_json(c.fields.criteria)),
        questions(questions_json(c.fields.questions)),
        frequency(domain::to_string(c.fields.reporting_frequency)),
        status(domain::to_string(c.status)) {}
};

struct CallRow {
  std::string id, title, description, currency, countries, results, criteria, questions, frequency, status, sources;
  long long envelope = 0, max_award = 0, opens_at = 0, closes_at = 0, version = 0, created_at = 0, updated_at = 0;
  soci::indicator sources_ind = soci::i_null;

  static std::string columns(Dialect d) {
    return "c.id, c.title, c.description, c.currency, c.envelope_minor, c.max_award_minor, c.opens_at, c.closes_at, "
           "c.eligible_countries, c.result_codes, c.criteria, c.questions, c.reporting_frequency, c.status, c.version, "
           "c.created_at, c.updated_at, (SELECT " +
           space_joined(d, "s.funding_source_id") + " FROM call_funding_sources s WHERE s.call_id = c.id)";
  }

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(title));
    st.exchange(soci::into(description));
    st.exchange(soci::into(currency));
    st.exchange(soci::into(envelope));
    st.exchange(soci::into(max_award));
    st.exchange(soci::into(opens_at));
    st.exchange(soci::into(closes_at));
    st.exchange(soci::into(countries));
    st.exchange(soci::into(results));
    st.exchange(soci::into(criteria));
    st.exchange(soci::into(questions));
    st.exchange(soci::into(frequency));
    st.exchange(soci::into(status));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(sources, sources_ind));
  }

  Call to_domain() const {
    Call c;
    c.id = id;
    auto& f = c.fields;
    f.title = title;
    f.description = description;
    f.currency = stored_currency(currency);
    f.envelope = {envelope, f.currency};
    f.max_award = {max_award, f.currency};
    f.opens_at = opens_at;
    f.closes_at = closes_at;
    f.eligible_countries = split_words(countries);
    f.result_codes = split_words(results);
    for (const auto& j : nlohmann::json::parse(criteria))
      f.criteria.push_back({j.at("key"), j.at("label"), j.at("weight")});
    for (const auto& j : nlohmann::json::parse(questions))
      f.questions.push_back({j.at("key"), j.at("label"), j.at("required"), j.at("max_length")});
    f.reporting_frequency = domain::parse_reporting_frequency(frequency).value_or(domain::ReportingFrequency::quarterly);
    f.funding_source_ids = split_words(sources_ind == soci::i_ok ? sources : "");
    std::sort(f.funding_source_ids.begin(), f.funding_source_ids.end());
    c.status = status == "open" ? domain::CallStatus::open
               : status == "closed" ? domain::CallStatus::closed
                                    : domain::CallStatus::draft;
    c.version = version;
    c.created_at = created_at;
    c.updated_at = updated_at;
    return c;
  }
};

void write_funding_sources(Context& ctx, const Call& call) {
  ctx.sql << "DELETE FROM call_funding_sources WHERE call_id = :id", soci::use(call.id, "id");
  for (const auto& source : call.fields.funding_source_ids)
    ctx.sql << "INSERT INTO call_funding_sources (call_id, funding_source_id) VALUES (:id, :source)",
        soci::use(call.id, "id"), soci::use(source, "source");
}

}  // namespace

Call SociCallRepository::insert(const domain::CallFields& fields, EpochMs now) {
  return guarded(ctx_, [&] {
    Call call{new_uuid(), fields, domain::CallStatus::draft, 1, now, now};
    std::sort(call.fields.funding_source_ids.begin(), call.fields.funding_source_ids.end());
    CallParams p(call);
    ctx_.sql << "INSERT INTO calls (id, title, description, currency, envelope_minor, max_award_minor, opens_at, "
                "closes_at, eligible_countries, result_codes, criteria, questions, reporting_frequency, status, version, "
                "created_at, updated_at) VALUES (:id, :title, :description, :currency, :envelope, :max_award, :opens, "
                ":closes, :countries, :results, :criteria, :questions, :frequency, :status, 1, :now, :now2)",
        soci::use(call.id, "id"), soci::use(fields.title, "title"), soci::use(fields.description, "description"),
        soci::use(p.currency, "currency"), soci::use(fields.envelope.minor, "envelope"),
        soci::use(fields.max_award.minor, "max_award"), soci::use(fields.opens_at, "opens"),
        soci::use(fields.closes_at, "closes"), soci::use(p.countries, "countries"), soci::use(p.results, "results"),
        soci::use(p.criteria, "criteria"), soci::use(p.questions, "questions"), soci::use(p.frequency, "frequency"),
        soci::use(p.status, "status"), soci::use(now, "now"), soci::use(now, "now2");
    write_funding_sources(ctx_, call);
    return call;
  });
}

std::optional<Call> SociCallRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<Call> {
    CallRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare("SELECT " + CallRow::columns(ctx_.dialect) + " FROM calls c WHERE c.id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.to_domain();
  });
}

domain::Page<Call> SociCallRepository::list(const domain::PageRequest& page, const domain::CallFilter& filter) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    const std::string status = filter.status ? std::string(domain::to_string(*filter.status)) : std::string();
    std::string sql = "SELECT " + CallRow::columns(ctx_.dialect) + " FROM calls c WHERE 1 = 1";
    if (filter.status) sql += " AND c.status = :status";
    if (filter.accepting_at) sql += " AND c.status = 'open' AND c.opens_at <= :t AND c.closes_at > :t2";
    sql += keyset.condition("c.") + keyset.order_and_limit("c.");
    CallRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (filter.status) st.exchange(soci::use(status, "status"));
    if (filter.accepting_at) {
      st.exchange(soci::use(*filter.accepting_at, "t"));
      st.exchange(soci::use(*filter.accepting_at, "t2"));
    }
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    return keyset.fetch(st, row);
  });
}

bool SociCallRepository::update(const Call& call, long long expected_version) {
  return guarded(ctx_, [&] {
    CallParams p(call);
    const auto& f = call.fields;
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE calls SET title = :title, description = :description, currency = :currency, "
                             "envelope_minor = :envelope, max_award_minor = :max_award, opens_at = :opens, "
                             "closes_at = :closes, eligible_countries = :countries, result_codes = :results, "
                             "criteria = :criteria, questions = :questions, reporting_frequency = :frequency, "
                             "status = :status, version = :version, updated_at = :updated "
                             "WHERE id = :id AND version = :expected",
         soci::use(f.title, "title"), soci::use(f.description, "description"), soci::use(p.currency, "currency"),
         soci::use(f.envelope.minor, "envelope"), soci::use(f.max_award.minor, "max_award"),
         soci::use(f.opens_at, "opens"), soci::use(f.closes_at, "closes"), soci::use(p.countries, "countries"),
         soci::use(p.results, "results"), soci::use(p.criteria, "criteria"), soci::use(p.questions, "questions"),
         soci::use(p.frequency, "frequency"), soci::use(p.status, "status"), soci::use(call.version, "version"),
         soci::use(call.updated_at, "updated"), soci::use(call.id, "id"), soci::use(expected_version, "expected"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    write_funding_sources(ctx_, call);
    return true;
  });
}

}  // namespace mswa::persistence
