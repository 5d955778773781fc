#include "domain/ledger.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "domain/wide_int.hpp"

namespace mswa::domain {

std::string_view to_string(LedgerKind k) {
  switch (k) {
    case LedgerKind::receipt: return "receipt";
    case LedgerKind::allocation: return "allocation";
    case LedgerKind::payment: return "payment";
    case LedgerKind::expenditure: return "expenditure";
    case LedgerKind::reversal: return "reversal";
  }
  return "receipt";
}

std::string_view to_string(HolderType h) { return h == HolderType::award ? "award" : "funding_source"; }

std::string_view to_string(Account a) {
  switch (a) {
    case Account::income: return "income";
    case Account::available: return "available";
    case Account::allocated: return "allocated";
    case Account::disbursed: return "disbursed";
    case Account::spent: return "spent";
    case Account::funding: return "funding";
    case Account::committed: return "committed";
    case Account::paid: return "paid";
  }
  return "available";
}

std::optional<LedgerKind> parse_ledger_kind(std::string_view s) {
  for (auto k : {LedgerKind::receipt, LedgerKind::allocation, LedgerKind::payment, LedgerKind::expenditure,
                 LedgerKind::reversal})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<HolderType> parse_holder_type(std::string_view s) {
  if (s == "award") return HolderType::award;
  if (s == "funding_source") return HolderType::funding_source;
  return std::nullopt;
}

std::optional<Account> parse_account(std::string_view s) {
  for (auto a : {Account::income, Account::available, Account::allocated, Account::disbursed, Account::spent,
                 Account::funding, Account::committed, Account::paid})
    if (to_string(a) == s) return a;
  return std::nullopt;
}

bool is_balanced(const std::vector<LedgerEntry>& entries) {
  if (entries.empty()) return false;
  std::map<std::string, std::int64_t> sums;
  for (const auto& e : entries) {
    if (e.amount.minor == 0) return false;
    sums[e.amount.currency.code] += e.amount.minor;
  }
  return std::all_of(sums.begin(), sums.end(), [](const auto& s) { return s.second == 0; });
}

namespace {

Money negated(const Money& m) { return {-m.minor, m.currency}; }

// Moves `amount` from one account to another of the same holder: the
// `from` entry is negative, the `to` entry positive.
void move(std::vector<LedgerEntry>& entries, HolderType holder, const std::string& holder_id, Account from,
          Account to, const Money& amount) {
  if (amount.minor == 0) return;
  entries.push_back({holder, holder_id, from, negated(amount)});
  entries.push_back({holder, holder_id, to, amount});
}

LedgerTransaction transaction(LedgerKind kind, const std::string& reference_id, const std::string& booked_on,
                              EpochMs now) {
  LedgerTransaction t;
  t.kind = kind;
  t.reference_id = reference_id;
  t.booked_on = booked_on;
  t.created_at = now;
  return t;
}

// Award-level and per-source moves for money that passes through an award.
LedgerTransaction award_movement(LedgerKind kind, const std::string& reference_id, const std::string& award_id,
                                 const std::vector<SourceShare>& shares, Account award_from, Account award_to,
                                 Account source_from, Account source_to, const std::string& booked_on, EpochMs now) {
  auto t = transaction(kind, reference_id, booked_on, now);
  if (shares.empty()) return t;
  Money total{0, shares.front().amount.currency};
  for (const auto& s : shares) total.minor += s.amount.minor;
  move(t.entries, HolderType::award, award_id, award_from, award_to, total);
  for (const auto& s : shares)
    move(t.entries, HolderType::funding_source, s.funding_source_id, source_from, source_to, s.source_amount);
  return t;
}

}  // namespace

LedgerTransaction receipt_posting(const std::string& receipt_id, const std::string& funding_source_id,
                                  const Money& amount, const std::string& received_on, EpochMs now) {
  auto t = transaction(LedgerKind::receipt, receipt_id, received_on, now);
  move(t.entries, HolderType::funding_source, funding_source_id, Account::income, Account::available, amount);
  return t;
}

LedgerTransaction allocation_posting(const std::string& award_id, const std::vector<SourceShare>& allocations,
                                     const std::string& decided_on, EpochMs now) {
  auto t = transaction(LedgerKind::allocation, award_id, decided_on, now);
  for (const auto& a : allocations) {
    move(t.entries, HolderType::funding_source, a.funding_source_id, Account::available, Account::allocated,
         a.source_amount);
    move(t.entries, HolderType::award, award_id, Account::funding, Account::committed, a.amount);
  }
  return t;
}

LedgerTransaction payment_posting(const std::string& disbursement_id, const std::string& award_id,
                                  const std::vector<SourceShare>& portions, const std::string& paid_on, EpochMs now) {
  return award_movement(LedgerKind::payment, disbursement_id, award_id, portions, Account::committed, Account::paid,
                        Account::allocated, Account::disbursed, paid_on, now);
}

LedgerTransaction expenditure_posting(const std::string& report_id, const std::string& award_id,
                                      const std::vector<SourceShare>& portions, const std::string& booked_on,
                                      EpochMs now) {
  return award_movement(LedgerKind::expenditure, report_id, award_id, portions, Account::paid, Account::spent,
                        Account::disbursed, Account::spent, booked_on, now);
}

LedgerTransaction reversal_of(const LedgerTransaction& original, const std::string& booked_on, EpochMs now) {
  auto t = transaction(LedgerKind::reversal, original.reference_id, booked_on, now);
  t.reverses_id = original.id;
  for (const auto& e : original.entries) t.entries.push_back({e.holder_type, e.holder_id, e.account, negated(e.amount)});
  return t;
}

std::vector<std::int64_t> split_pro_rata(std::int64_t total, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> parts(weights.size(), 0);
  const i128 sum = std::accumulate(weights.begin(), weights.end(), i128{0});
  if (weights.empty() || sum <= 0) return parts;
  std::vector<std::pair<i128, std::size_t>> remainders;  // (remainder, index)
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const i128 exact = static_cast<i128>(total) * weights[i];
    parts[i] = static_cast<std::int64_t>(exact / sum);
    given += parts[i];
    remainders.emplace_back(exact % sum, i);
  }
  // Largest remainder first; among equals, the earlier weight.
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total && k < remainders.size(); ++k) {
    if (remainders[k].first == 0) break;
    ++parts[remainders[k].second];
    ++given;
  }
  return parts;
}

}  // namespace mswa::domain
