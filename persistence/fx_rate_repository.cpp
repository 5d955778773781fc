#include <soci/soci.h>

#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::FxRate;

namespace {
FxRate make_rate(const std::string& currency, const std::string& base, const std::string& date,
                 const std::string& rate, long long updated_at) {
  // Stored from format_decimal, so it always parses.
  return {currency, date, base, domain::parse_decimal(rate).value_or(domain::Decimal{}), updated_at};
}
}  // namespace

bool SociFxRateRepository::put(const FxRate& r) {
  return guarded(ctx_, [&] {
    const std::string rate = domain::format_decimal(r.rate);
    int existing = 0;
    ctx_.sql << "SELECT COUNT(*) FROM fx_rates WHERE currency = :c AND base = :b AND rate_date = :d",
        soci::use(r.currency, "c"), soci::use(r.base, "b"), soci::use(r.date, "d"), soci::into(existing);
    ctx_.sql << "INSERT INTO fx_rates (currency, base, rate_date, rate, updated_at) VALUES (:c, :b, :d, :rate, :at) "
                "ON CONFLICT (currency, base, rate_date) DO UPDATE SET rate = excluded.rate, updated_at = excluded.updated_at",
        soci::use(r.currency, "c"), soci::use(r.base, "b"), soci::use(r.date, "d"), soci::use(rate, "rate"),
        soci::use(r.updated_at, "at");
    return existing == 0;
  });
}

std::vector<FxRate> SociFxRateRepository::list(const domain::FxFilter& filter) {
  return guarded(ctx_, [&] {
    std::vector<FxRate> out;
    std::string currency, base, date, rate;
    long long updated_at = 0;
    std::string sql = "SELECT currency, base, rate_date, rate, updated_at FROM fx_rates WHERE 1 = 1";
    if (filter.currency) sql += " AND currency = :c";
    if (filter.base) sql += " AND base = :b";
    sql += " ORDER BY currency, base, rate_date DESC";
    soci::statement st(ctx_.sql);
    st.exchange(soci::into(currency));
    st.exchange(soci::into(base));
    st.exchange(soci::into(date));
    st.exchange(soci::into(rate));
    st.exchange(soci::into(updated_at));
    if (filter.currency) st.exchange(soci::use(*filter.currency, "c"));
    if (filter.base) st.exchange(soci::use(*filter.base, "b"));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    if (st.execute(true)) {
      do out.push_back(make_rate(currency, base, date, rate, updated_at));
      while (st.fetch());
    }
    return out;
  });
}

std::optional<FxRate> SociFxRateRepository::on_or_before(const std::string& currency, const std::string& base,
                                                         const std::string& date) {
  return guarded(ctx_, [&]() -> std::optional<FxRate> {
    std::string found_date, rate;
    long long updated_at = 0;
    ctx_.sql << "SELECT rate_date, rate, updated_at FROM fx_rates WHERE currency = :c AND base = :b "
                "AND rate_date <= :d ORDER BY rate_date DESC LIMIT 1",
        soci::use(currency, "c"), soci::use(base, "b"), soci::use(date, "d"), soci::into(found_date), soci::into(rate),
        soci::into(updated_at);
    if (!ctx_.sql.got_data()) return std::nullopt;
    return make_rate(currency, base, found_date, rate, updated_at);
  });
}

}  // namespace mswa::persistence
