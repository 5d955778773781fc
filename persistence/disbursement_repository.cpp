#include <soci/soci.h>

#include <map>

#include "persistence/ids.hpp"
#include "persistence/nullable.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::Disbursement;

namespace {

constexpr const char* kColumns =
    "d.id, d.award_id, w.organisation_id, d.tranche_id, d.currency, d.amount_minor, d.note, d.status, "
    "d.requested_by, d.requested_at, d.approved_by, d.approved_at, d.paid_by, d.paid_at, d.paid_on, "
    "d.payment_reference, d.cancelled_by, d.cancelled_at, d.cancel_reason, d.reversal_requested_by, "
    "d.reversal_requested_at, d.reversal_reason, d.reversed_by, d.reversed_at, d.version, d.created_at, d.updated_at";
constexpr const char* kFrom = " FROM disbursements d JOIN awards w ON w.id = d.award_id";

// The stored status keeps the four values every sum of money reads (see
// migration 0012): a reversal asked for is still paid money, a reversed
// payment is cancelled money.
std::string stored_status(domain::DisbursementStatus s) {
  using domain::DisbursementStatus;
  if (s == DisbursementStatus::reversal_requested) return "paid";
  if (s == DisbursementStatus::reversed) return "cancelled";
  return std::string(domain::to_string(s));
}

// The SQL test for one status, over the alias d.
std::string status_condition(domain::DisbursementStatus s) {
  using domain::DisbursementStatus;
  switch (s) {
    case DisbursementStatus::paid: return "d.status = 'paid' AND d.reversal_requested_at IS NULL";
    case DisbursementStatus::reversal_requested: return "d.status = 'paid' AND d.reversal_requested_at IS NOT NULL";
    case DisbursementStatus::reversed: return "d.status = 'cancelled' AND d.paid_at IS NOT NULL";
    case DisbursementStatus::cancelled: return "d.status = 'cancelled' AND d.paid_at IS NULL";
    default: return "d.status = '" + std::string(domain::to_string(s)) + "'";
  }
}

struct DisbursementRow {
  std::string id, award_id, organisation_id, tranche_id, currency, note, status, requested_by;
  long long amount = 0, requested_at = 0, version = 0, created_at = 0, updated_at = 0;
  NullableColumn<std::string> approved_by, paid_by, paid_on, payment_reference, cancelled_by, cancel_reason,
      reversal_requested_by, reversal_reason, reversed_by;
  NullableColumn<long long> approved_at, paid_at, cancelled_at, reversal_requested_at, reversed_at;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(award_id));
    st.exchange(soci::into(organisation_id));
    st.exchange(soci::into(tranche_id));
    st.exchange(soci::into(currency));
    st.exchange(soci::into(amount));
    st.exchange(soci::into(note));
    st.exchange(soci::into(status));
    st.exchange(soci::into(requested_by));
    st.exchange(soci::into(requested_at));
    st.exchange(soci::into(approved_by.value, approved_by.ind));
    st.exchange(soci::into(approved_at.value, approved_at.ind));
    st.exchange(soci::into(paid_by.value, paid_by.ind));
    st.exchange(soci::into(paid_at.value, paid_at.ind));
    st.exchange(soci::into(paid_on.value, paid_on.ind));
    st.exchange(soci::into(payment_reference.value, payment_reference.ind));
    st.exchange(soci::into(cancelled_by.value, cancelled_by.ind));
    st.exchange(soci::into(cancelled_at.value, cancelled_at.ind));
    st.exchange(soci::into(cancel_reason.value, cancel_reason.ind));
    st.exchange(soci::into(reversal_requested_by.value, reversal_requested_by.ind));
    st.exchange(soci::into(reversal_requested_at.value, reversal_requested_at.ind));
    st.exchange(soci::into(reversal_reason.value, reversal_reason.ind));
    st.exchange(soci::into(reversed_by.value, reversed_by.ind));
    st.exchange(soci::into(reversed_at.value, reversed_at.ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }

  Disbursement to_domain() const {
    Disbursement d;
    d.id = id;
    d.award_id = award_id;
    d.organisation_id = organisation_id;
    d.tranche_id = tranche_id;
    d.amount = {amount, stored_currency(currency)};
    d.note = note;
    d.status = domain::parse_disbursement_status(status).value_or(domain::DisbursementStatus::requested);
    if (d.status == domain::DisbursementStatus::paid && reversal_requested_at.get())
      d.status = domain::DisbursementStatus::reversal_requested;
    if (d.status == domain::DisbursementStatus::cancelled && paid_at.get())
      d.status = domain::DisbursementStatus::reversed;
    d.requested_by = requested_by;
    d.requested_at = requested_at;
    d.approved_by = approved_by.get();
    d.approved_at = approved_at.get();
    d.paid_by = paid_by.get();
    d.paid_at = paid_at.get();
    d.paid_on = paid_on.get();
    d.payment_reference = payment_reference.get();
    d.cancelled_by = cancelled_by.get();
    d.cancelled_at = cancelled_at.get();
    d.cancel_reason = cancel_reason.get();
    d.reversal_requested_by = reversal_requested_by.get();
    d.reversal_requested_at = reversal_requested_at.get();
    d.reversal_reason = reversal_reason.get();
    d.reversed_by = reversed_by.get();
    d.reversed_at = reversed_at.get();
    d.version = version;
    d.created_at = created_at;
    d.updated_at = updated_at;
    return d;
  }
};

// How paid disbursements split over their awards' funding sources, each in
// its award's allocation order (the order the payment answer gave them in):
// one query for the whole list.
void load_portions(Context& ctx, std::vector<Disbursement>& items) {
  if (items.empty()) return;
  std::map<std::string, Disbursement*> by_id;
  std::string in;
  std::string disbursement_id, source_id, source_currency, rate, rate_date;
  long long amount = 0, source_amount = 0;
  soci::statement st(ctx.sql);
  st.exchange(soci::into(disbursement_id));
  st.exchange(soci::into(source_id));
  st.exchange(soci::into(amount));
  st.exchange(soci::into(source_amount));
  st.exchange(soci::into(source_currency));
  st.exchange(soci::into(rate));
  st.exchange(soci::into(rate_date));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string name = "d" + std::to_string(i);
    in += (i == 0 ? ":" : ", :") + name;
    st.exchange(soci::use(items[i].id, name));
    by_id[items[i].id] = &items[i];
  }
  st.alloc();
  st.prepare("SELECT p.disbursement_id, p.funding_source_id, p.amount_minor, p.source_amount_minor, f.currency, "
             "p.rate, p.rate_date FROM disbursement_portions p JOIN funding_sources f ON f.id = p.funding_source_id "
             "JOIN disbursements d ON d.id = p.disbursement_id JOIN funding_allocations a ON a.award_id = d.award_id "
             "AND a.funding_source_id = p.funding_source_id WHERE p.disbursement_id IN (" + in + ") "
             "ORDER BY p.disbursement_id, a.seq");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      Disbursement& d = *by_id.at(disbursement_id);
      d.portions.push_back({source_id, {amount, d.amount.currency}, {source_amount, stored_currency(source_currency)},
                            domain::parse_decimal(rate).value_or(domain::Decimal{}), rate_date});
    } while (st.fetch());
  }
}

}  // namespace

void SociDisbursementRepository::insert(Disbursement& d) {
  guarded(ctx_, [&] {
    d.id = new_uuid();
    const std::string status = stored_status(d.status);
    ctx_.sql << "INSERT INTO disbursements (id, award_id, tranche_id, currency, amount_minor, note, status, "
                "requested_by, requested_at, version, created_at, updated_at) VALUES (:id, :award, :tranche, "
                ":currency, :amount, :note, :status, :by, :at, :version, :created, :updated)",
        soci::use(d.id, "id"), soci::use(d.award_id, "award"), soci::use(d.tranche_id, "tranche"),
        soci::use(d.amount.currency.code, "currency"), soci::use(d.amount.minor, "amount"), soci::use(d.note, "note"),
        soci::use(status, "status"), soci::use(d.requested_by, "by"), soci::use(d.requested_at, "at"),
        soci::use(d.version, "version"), soci::use(d.created_at, "created"), soci::use(d.updated_at, "updated");
  });
}

std::optional<Disbursement> SociDisbursementRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<Disbursement> {
    DisbursementRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + kFrom + " WHERE d.id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    std::vector<Disbursement> found{row.to_domain()};
    load_portions(ctx_, found);
    return found.front();
  });
}

domain::Page<Disbursement> SociDisbursementRepository::list(const domain::PageRequest& page,
                                                            const domain::DisbursementFilter& filter) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    std::string sql = std::string("SELECT ") + kColumns + kFrom + " WHERE 1 = 1";
    if (filter.award_id) sql += " AND d.award_id = :award";
    if (filter.organisation_id) sql += " AND w.organisation_id = :org";
    if (filter.status) sql += " AND " + status_condition(*filter.status);
    sql += keyset.condition("d.") + keyset.order_and_limit("d.");
    DisbursementRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (filter.award_id) st.exchange(soci::use(*filter.award_id, "award"));
    if (filter.organisation_id) st.exchange(soci::use(*filter.organisation_id, "org"));
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    auto result = keyset.fetch(st, row);
    load_portions(ctx_, result.items);
    return result;
  });
}

bool SociDisbursementRepository::update(const Disbursement& d, long long expected_version) {
  return guarded(ctx_, [&] {
    const std::string status = stored_status(d.status);
    NullableParam<std::string> approved_by(d.approved_by), paid_by(d.paid_by), paid_on(d.paid_on),
        reference(d.payment_reference), cancelled_by(d.cancelled_by), reason(d.cancel_reason),
        reversal_by(d.reversal_requested_by), reversal_reason(d.reversal_reason), reversed_by(d.reversed_by);
    NullableParam<long long> approved_at(d.approved_at), paid_at(d.paid_at), cancelled_at(d.cancelled_at),
        reversal_at(d.reversal_requested_at), reversed_at(d.reversed_at);
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE disbursements SET status = :status, approved_by = :approved_by, approved_at = "
                             ":approved_at, paid_by = :paid_by, paid_at = :paid_at, paid_on = :paid_on, "
                             "payment_reference = :reference, cancelled_by = :cancelled_by, cancelled_at = "
                             ":cancelled_at, cancel_reason = :reason, reversal_requested_by = :reversal_by, "
                             "reversal_requested_at = :reversal_at, reversal_reason = :reversal_reason, "
                             "reversed_by = :reversed_by, reversed_at = :reversed_at, version = :version, "
                             "updated_at = :updated "
                             "WHERE id = :id AND version = :expected",
         soci::use(status, "status"), soci::use(approved_by.value, approved_by.ind, "approved_by"),
         soci::use(approved_at.value, approved_at.ind, "approved_at"), soci::use(paid_by.value, paid_by.ind, "paid_by"),
         soci::use(paid_at.value, paid_at.ind, "paid_at"), soci::use(paid_on.value, paid_on.ind, "paid_on"),
         soci::use(reference.value, reference.ind, "reference"),
         soci::use(cancelled_by.value, cancelled_by.ind, "cancelled_by"),
         soci::use(cancelled_at.value, cancelled_at.ind, "cancelled_at"), soci::use(reason.value, reason.ind, "reason"),
         soci::use(reversal_by.value, reversal_by.ind, "reversal_by"),
         soci::use(reversal_at.value, reversal_at.ind, "reversal_at"),
         soci::use(reversal_reason.value, reversal_reason.ind, "reversal_reason"),
         soci::use(reversed_by.value, reversed_by.ind, "reversed_by"),
         soci::use(reversed_at.value, reversed_at.ind, "reversed_at"),
         soci::use(d.version, "version"), soci::use(d.updated_at, "updated"), soci::use(d.id, "id"),
         soci::use(expected_version, "expected"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    // Portions are written once, when the payment is.
    long long written = 0;
    ctx_.sql << "SELECT COUNT(*) FROM disbursement_portions WHERE disbursement_id = :id", soci::use(d.id, "id"),
        soci::into(written);
    if (written == 0) {
      for (const auto& p : d.portions) {
        const std::string rate = domain::format_decimal(p.rate);
        ctx_.sql << "INSERT INTO disbursement_portions (disbursement_id, funding_source_id, amount_minor, "
                    "source_amount_minor, rate, rate_date) VALUES (:id, :source, :amount, :source_amount, :rate, "
                    ":rate_date)",
            soci::use(d.id, "id"), soci::use(p.funding_source_id, "source"), soci::use(p.amount.minor, "amount"),
            soci::use(p.source_amount.minor, "source_amount"), soci::use(rate, "rate"),
            soci::use(p.rate_date, "rate_date");
      }
    }
    return true;
  });
}

domain::Committed SociDisbursementRepository::committed_where(const std::string& column, const std::string& value) {
  return guarded(ctx_, [&] {
    domain::Committed c;
    long long requested = 0, approved = 0, paid = 0;
    ctx_.sql << "SELECT COALESCE(SUM(CASE WHEN status = 'requested' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN status = 'approved' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN status = 'paid' THEN amount_minor ELSE 0 END), 0) "
                "FROM disbursements WHERE " << column << " = :value",
        soci::use(value, "value"), soci::into(requested), soci::into(approved), soci::into(paid);
    c.requested = requested;
    c.approved = approved;
    c.paid = paid;
    return c;
  });
}

domain::Committed SociDisbursementRepository::committed_for_tranche(const std::string& tranche_id) {
  return committed_where("tranche_id", tranche_id);
}

domain::Committed SociDisbursementRepository::committed_for_award(const std::string& award_id) {
  return committed_where("award_id", award_id);
}

std::map<std::string, std::int64_t> SociDisbursementRepository::paid_by_source(const std::string& award_id) {
  return guarded(ctx_, [&] {
    std::map<std::string, std::int64_t> out;
    std::string source;
    long long amount = 0;
    soci::statement st = (ctx_.sql.prepare << "SELECT p.funding_source_id, SUM(p.amount_minor) FROM "
                                              "disbursement_portions p JOIN disbursements d ON d.id = "
                                              "p.disbursement_id WHERE d.award_id = :award AND d.status = 'paid' "
                                              "GROUP BY p.funding_source_id",
                          soci::use(award_id, "award"), soci::into(source), soci::into(amount));
    if (st.execute(true)) {
      do out[source] = amount;
      while (st.fetch());
    }
    return out;
  });
}

}  // namespace mswa::persistence
