#include <soci/soci.h>

#include <algorithm>

#include "persistence/ids.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"
#include "persistence/sql_dialect.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::EpochMs;
using domain::FundingSource;

namespace {

// The funded results travel with each row as one space-separated column.
std::string result_codes_column(Dialect d) {
  return "(SELECT " + space_joined(d, "result_code") + " FROM funding_source_results r WHERE r.funding_source_id = f.id)";
}

struct FundingRow {
  std::string id, donor, reference, title, currency, start_date, end_date, results;
  long long amount = 0, version = 0, created_at = 0, updated_at = 0;
  soci::indicator results_ind = soci::i_null;

  static std::string columns(Dialect d) {
    return "f.id, f.donor_organisation_id, f.reference, f.title, f.currency, f.amount_minor, f.start_date, "
           "f.end_date, f.version, f.created_at, f.updated_at, " +
           result_codes_column(d);
  }

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(donor));
    st.exchange(soci::into(reference));
    st.exchange(soci::into(title));
    st.exchange(soci::into(currency));
    st.exchange(soci::into(amount));
    st.exchange(soci::into(start_date));
    st.exchange(soci::into(end_date));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(results, results_ind));
  }

  FundingSource to_domain() const {
    auto codes = split_words(results_ind == soci::i_ok ? results : "");
    std::sort(codes.begin(), codes.end());
    return {id, {donor, reference, title, {amount, stored_currency(currency)}, start_date, end_date, codes}, version,
            created_at, updated_at};
  }
};

}  // namespace

FundingSource SociFundingRepository::insert(const domain::FundingSourceFields& f, EpochMs now) {
  return guarded(ctx_, [&] {
    FundingSource s{new_uuid(), f, 1, now, now};
    ctx_.sql << "INSERT INTO funding_sources (id, donor_organisation_id, reference, title, currency, amount_minor, "
                "start_date, end_date, version, created_at, updated_at) VALUES (:id, :donor, :reference, :title, "
                ":currency, :amount, :start, :end, 1, :now, :now2)",
        soci::use(s.id, "id"), soci::use(f.donor_organisation_id, "donor"), soci::use(f.reference, "reference"),
        soci::use(f.title, "title"), soci::use(f.amount.currency.code, "currency"), soci::use(f.amount.minor, "amount"),
        soci::use(f.start_date, "start"), soci::use(f.end_date, "end"), soci::use(now, "now"), soci::use(now, "now2");
    for (const auto& code : f.result_codes)
      ctx_.sql << "INSERT INTO funding_source_results (funding_source_id, result_code) VALUES (:id, :code)",
          soci::use(s.id, "id"), soci::use(code, "code");
    std::sort(s.fields.result_codes.begin(), s.fields.result_codes.end());
    return s;
  });
}

std::optional<FundingSource> SociFundingRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<FundingSource> {
    FundingRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare("SELECT " + FundingRow::columns(ctx_.dialect) + " FROM funding_sources f WHERE f.id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.to_domain();
  });
}

domain::Page<FundingSource> SociFundingRepository::list(const domain::PageRequest& page,
                                                        const domain::FundingFilter& filter) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    std::string sql = "SELECT " + FundingRow::columns(ctx_.dialect) + " FROM funding_sources f WHERE 1 = 1";
    if (filter.donor_organisation_id) sql += " AND f.donor_organisation_id = :donor";
    sql += keyset.condition("f.") + keyset.order_and_limit("f.");
    FundingRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (filter.donor_organisation_id) st.exchange(soci::use(*filter.donor_organisation_id, "donor"));
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    return keyset.fetch(st, row);
  });
}

domain::FundingBalances SociFundingRepository::balances(const std::string& id) {
  return guarded(ctx_, [&] {
    // Each balance is a sum over the source's ledger accounts (see domain/ledger.hpp):
    // money stays "allocated" until paid, "disbursed" until reported spent.
    long long income = 0, available = 0, allocated = 0, disbursed = 0, spent = 0;
    ctx_.sql << "SELECT COALESCE(SUM(CASE WHEN account = 'income' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN account = 'available' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN account = 'allocated' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN account = 'disbursed' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN account = 'spent' THEN amount_minor ELSE 0 END), 0) "
                "FROM ledger_entries WHERE holder_id = :id AND holder_type = 'funding_source'",
        soci::use(id, "id"), soci::into(income), soci::into(available), soci::into(allocated), soci::into(disbursed),
        soci::into(spent);
    domain::FundingBalances b;
    b.received = -income;
    b.allocated = allocated + disbursed + spent;
    b.disbursed = disbursed + spent;
    b.spent = spent;
    b.available = available;
    return b;
  });
}

domain::Receipt SociFundingRepository::add_receipt(const std::string& funding_source_id, const domain::Money& amount,
                                                   const std::string& received_on, EpochMs now) {
  return guarded(ctx_, [&] {
    domain::Receipt r{new_uuid(), funding_source_id, amount, received_on, now};
    ctx_.sql << "INSERT INTO receipts (id, funding_source_id, currency, amount_minor, received_on, created_at) "
                "VALUES (:id, :source, :currency, :amount, :on, :now)",
        soci::use(r.id, "id"), soci::use(funding_source_id, "source"), soci::use(amount.currency.code, "currency"),
        soci::use(amount.minor, "amount"), soci::use(received_on, "on"), soci::use(now, "now");
    return r;
  });
}

void SociFundingRepository::lock(const std::string& id) {
  guarded(ctx_, [&] {
    if (ctx_.dialect != Dialect::postgresql) return;
    std::string locked;
    ctx_.sql << "SELECT id FROM funding_sources WHERE id = :id FOR UPDATE", soci::use(id, "id"), soci::into(locked);
  });
}

std::vector<domain::Receipt> SociFundingRepository::receipts(const std::string& funding_source_id) {
  return guarded(ctx_, [&] {
    std::vector<domain::Receipt> out;
    std::string id, currency, received_on;
    long long amount = 0, created_at = 0;
    soci::statement st = (ctx_.sql.prepare << "SELECT id, currency, amount_minor, received_on, created_at FROM receipts "
                                              "WHERE funding_source_id = :source ORDER BY received_on, created_at, id",
                          soci::use(funding_source_id, "source"), soci::into(id), soci::into(currency),
                          soci::into(amount), soci::into(received_on), soci::into(created_at));
    if (st.execute(true)) {
      do {
        out.push_back({id, funding_source_id, {amount, stored_currency(currency)}, received_on, created_at});
      } while (st.fetch());
    }
    return out;
  });
}

}  // namespace mswa::persistence
