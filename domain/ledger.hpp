#pragma once
// The double-entry ledger. Every money movement is one transaction whose
// entries sum to zero in each currency; balances are sums of entries.
//
// Accounts (holder, account), with their sign:
//   funding source: income (-received), available (+), allocated (+ committed,
//                   not yet paid), disbursed (+ paid, not yet reported spent), spent (+)
//   award:          funding (-awarded), committed (+ not yet paid), paid (+ paid,
//                   not yet reported spent), spent (+)
// receipt:      source income -> source available
// allocation:   source available -> source allocated, and award funding -> award committed
// payment:      award committed -> award paid, and per source allocated -> disbursed
// expenditure:  award paid -> award spent, and per source disbursed -> spent
// reversal:     the negation of an earlier transaction (corrections never edit).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

enum class LedgerKind { receipt, allocation, payment, expenditure, reversal };
enum class HolderType { funding_source, award };
enum class Account { income, available, allocated, disbursed, spent, funding, committed, paid };

std::string_view to_string(LedgerKind k);
std::string_view to_string(HolderType h);
std::string_view to_string(Account a);
std::optional<LedgerKind> parse_ledger_kind(std::string_view s);
std::optional<HolderType> parse_holder_type(std::string_view s);
std::optional<Account> parse_account(std::string_view s);

struct LedgerEntry {
  HolderType holder_type = HolderType::funding_source;
  std::string holder_id;
  Account account = Account::available;
  Money amount;  // signed
};

struct LedgerTransaction {
  std::string id;
  LedgerKind kind = LedgerKind::receipt;
  std::string reference_id;  // the receipt, award, disbursement or report it books
  std::optional<std::string> reverses_id;
  std::string booked_on;     // the value date
  EpochMs created_at = 0;
  std::vector<LedgerEntry> entries;
};

// A share of an award-currency amount carried by one funding source, and the
// same share in the source's currency.
struct SourceShare {
  std::string funding_source_id;
  Money amount;         // award currency
  Money source_amount;  // funding source currency
  Decimal rate;         // award currency -> source currency
  std::string rate_date;
};

// Whether every currency's entries sum to zero, with no zero entries.
bool is_balanced(const std::vector<LedgerEntry>& entries);

LedgerTransaction receipt_posting(const std::string& receipt_id, const std::string& funding_source_id,
                                  const Money& amount, const std::string& received_on, EpochMs now);
LedgerTransaction allocation_posting(const std::string& award_id, const std::vector<SourceShare>& allocations,
                                     const std::string& decided_on, EpochMs now);
LedgerTransaction payment_posting(const std::string& disbursement_id, const std::string& award_id,
                                  const std::vector<SourceShare>& portions, const std::string& paid_on, EpochMs now);
LedgerTransaction expenditure_posting(const std::string& report_id, const std::string& award_id,
                                      const std::vector<SourceShare>& portions, const std::string& booked_on,
                                      EpochMs now);
LedgerTransaction reversal_of(const LedgerTransaction& original, const std::string& booked_on, EpochMs now);

// Splits `total` over `weights` in proportion (largest remainder, ties to the
// earlier weight): the parts sum to total and none exceeds its weight when
// total <= sum(weights). Weights must be non-negative with a positive sum.
std::vector<std::int64_t> split_pro_rata(std::int64_t total, const std::vector<std::int64_t>& weights);

// Per-currency sums over the whole ledger: what a trial balance shows.
struct CurrencyTotals {
  std::string currency;
  std::int64_t debits = 0;   // sum of positive entries
  std::int64_t credits = 0;  // sum of negative entries, as a positive number
  std::int64_t net() const { return debits - credits; }
};

}  // namespace mswa::domain
