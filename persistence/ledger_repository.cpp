#include <soci/soci.h>

#include <stdexcept>

#include "persistence/ids.hpp"
#include "persistence/nullable.hpp"
#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::LedgerTransaction;

void SociLedgerRepository::post(LedgerTransaction& t) {
  if (!domain::is_balanced(t.entries)) throw std::logic_error("an unbalanced ledger transaction was posted");
  guarded(ctx_, [&] {
    t.id = new_uuid();
    const std::string kind(domain::to_string(t.kind));
    NullableParam<std::string> reverses(t.reverses_id);
    ctx_.sql << "INSERT INTO ledger_transactions (id, kind, reference_id, reverses_id, booked_on, created_at) "
                "VALUES (:id, :kind, :reference, :reverses, :booked_on, :created)",
        soci::use(t.id, "id"), soci::use(kind, "kind"), soci::use(t.reference_id, "reference"),
        soci::use(reverses.value, reverses.ind, "reverses"), soci::use(t.booked_on, "booked_on"),
        soci::use(t.created_at, "created");
    int seq = 0;
    for (const auto& e : t.entries) {
      ++seq;
      const std::string holder(domain::to_string(e.holder_type)), account(domain::to_string(e.account));
      ctx_.sql << "INSERT INTO ledger_entries (transaction_id, seq, holder_type, holder_id, account, currency, "
                  "amount_minor) VALUES (:txn, :seq, :holder_type, :holder, :account, :currency, :amount)",
          soci::use(t.id, "txn"), soci::use(seq, "seq"), soci::use(holder, "holder_type"),
          soci::use(e.holder_id, "holder"), soci::use(account, "account"),
          soci::use(e.amount.currency.code, "currency"), soci::use(e.amount.minor, "amount");
    }
  });
}

std::optional<LedgerTransaction> SociLedgerRepository::standing(const std::string& reference_id,
                                                                domain::LedgerKind kind) {
  return guarded(ctx_, [&]() -> std::optional<LedgerTransaction> {
    LedgerTransaction t;
    const std::string kind_name(domain::to_string(kind));
    ctx_.sql << "SELECT t.id, t.booked_on, t.created_at FROM ledger_transactions t WHERE t.reference_id = :reference "
                "AND t.kind = :kind AND NOT EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.reverses_id = t.id) "
                "ORDER BY t.created_at DESC, t.id LIMIT 1",
        soci::use(reference_id, "reference"), soci::use(kind_name, "kind"), soci::into(t.id), soci::into(t.booked_on),
        soci::into(t.created_at);
    if (!ctx_.sql.got_data()) return std::nullopt;
    t.kind = kind;
    t.reference_id = reference_id;
    std::string holder_type, holder_id, account, currency;
    long long amount = 0;
    soci::statement st = (ctx_.sql.prepare << "SELECT holder_type, holder_id, account, currency, amount_minor FROM "
                                              "ledger_entries WHERE transaction_id = :id ORDER BY seq",
                          soci::use(t.id, "id"), soci::into(holder_type), soci::into(holder_id), soci::into(account),
                          soci::into(currency), soci::into(amount));
    if (st.execute(true)) {
      do {
        t.entries.push_back({domain::parse_holder_type(holder_type).value_or(domain::HolderType::award), holder_id,
                             domain::parse_account(account).value_or(domain::Account::available),
                             {amount, stored_currency(currency)}});
      } while (st.fetch());
    }
    return t;
  });
}

std::vector<domain::CurrencyTotals> SociLedgerRepository::totals() {
  return guarded(ctx_, [&] {
    std::vector<domain::CurrencyTotals> out;
    std::string currency;
    long long debits = 0, credits = 0;
    soci::statement st = (ctx_.sql.prepare << "SELECT currency, "
                                              "COALESCE(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END), 0), "
                                              "COALESCE(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END), 0) "
                                              "FROM ledger_entries GROUP BY currency ORDER BY currency",
                          soci::into(currency), soci::into(debits), soci::into(credits));
    if (st.execute(true)) {
      do out.push_back({currency, debits, credits});
      while (st.fetch());
    }
    return out;
  });
}

domain::AwardTotals SociLedgerRepository::award_totals(const std::string& award_id, const domain::Currency& currency) {
  return guarded(ctx_, [&] {
    long long funding = 0, paid = 0, spent = 0;
    ctx_.sql << "SELECT COALESCE(SUM(CASE WHEN account = 'funding' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN account = 'paid' THEN amount_minor ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN account = 'spent' THEN amount_minor ELSE 0 END), 0) "
                "FROM ledger_entries WHERE holder_id = :award AND holder_type = 'award' AND currency = :currency",
        soci::use(award_id, "award"), soci::use(currency.code, "currency"), soci::into(funding), soci::into(paid),
        soci::into(spent);
    domain::AwardTotals t;
    t.awarded = -funding;
    t.paid = paid + spent;  // money reported spent was paid first
    t.spent = spent;
    return t;
  });
}

}  // namespace mswa::persistence
