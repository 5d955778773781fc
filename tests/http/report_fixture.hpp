#pragma once
// What the donor report tests share: a portfolio of four awards from one USD
// source (a public, two pseudonymous and a confidential organisation), each
// paid a tranche and each with an accepted report of the quarter to
// 2027-06-30; what each organisation added to the source's accounts; and
// the readers of previews and editions.
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

// "8430.00" -> 843000
inline long long minor(const nlohmann::json& money) {
  const auto text = money.at("amount").get<std::string>();
  const auto dot = text.find('.');
  return std::stoll(text.substr(0, dot) + text.substr(dot + 1));
}

inline nlohmann::json cash(const std::string& currency, const std::string& amount) {
  return {{"currency", currency}, {"amount", amount}};
}

inline nlohmann::json indicator_value(const std::string& code, const std::string& gender, const std::string& migrant,
                                      const std::string& v) {
  return {{"indicator_code", code}, {"dimensions", {{"gender", gender}, {"migrant_status", migrant}}}, {"value", v}};
}

// The sequential award numbers, whose gaps would count the awards not listed.
inline const std::regex kInternalReference{"MSWA-\\d{4}-\\d{3}"};

// The formats of a donor report, by their path under a source or an edition.
inline const std::vector<std::string> kEditionFiles = {"summary.json", "summary.csv", "summary.html", "iati.xml",
                                                       "360giving.json"};

class ReportHttpTest : public GrantHttpTest {
 protected:
  // What one organisation's events added to the USD source's accounts, in
  // minor units: measured on the source's balances around each event.
  struct Money3 {
    long long allocated = 0, disbursed = 0, spent = 0;
  };
  struct Member {
    std::string country, publication, org, application, award;
    Money3 usd;                                 // in all
    std::map<std::string, Money3> usd_by_month;  // by the month it was booked in (YYYY-MM)
  };

  std::string member_token(const Member& m) { return server().token_for("member", m.org); }
  std::string donor_of(const std::string& source_id) {
    auto r = http().get(kApi + "/funding-sources/" + source_id, token_as("finance"));
    return server().token_for("donor", r.json().at("donor_organisation_id").get<std::string>());
  }
  // The live summary (a staff preview) in a format.
  HttpResult get(const std::string& source_id, const std::string& format, const std::string& token,
                 const std::string& query = "") {
    return http().get(kApi + "/funding-sources/" + source_id + "/" + format + query, token);
  }

  // Minor units of the source's balances.
  Money3 usd_balances() {
    const auto b = balances(usd_);
    return {minor(b.at("allocated")), minor(b.at("disbursed")), minor(b.at("spent"))};
  }
  // Runs `event` and adds what it changed on the USD source's accounts to
  // the member's money, booked in `month`.
  template <class Event>
  void measure(Member& m, const std::string& month, Event event) {
    const auto before = usd_balances();
    event();
    const auto after = usd_balances();
    for (auto* into : {&m.usd, &m.usd_by_month[month]}) {
      into->allocated += after.allocated - before.allocated;
      into->disbursed += after.disbursed - before.disbursed;
      into->spent += after.spent - before.spent;
    }
  }

  // Requests, approves and pays 180,000.00 THB of a tranche.
  void pay_tranche(Member& m, std::size_t tranche, const std::string& paid_on, const std::string& key) {
    measure(m, paid_on.substr(0, 7), [&] {
      const auto award = http().get(kApi + "/awards/" + m.award, token_as("programme")).json();
      auto headers = bearer(token_as("programme"));
      headers["Idempotency-Key"] = key;
      const nlohmann::json body = {{"tranche_id", award.at("tranches")[tranche].at("id")},
                                   {"amount", money("180000.00")},
                                   {"note", "Tranche " + std::to_string(tranche + 1)}};
      auto requested = http().request("POST", kApi + "/awards/" + m.award + "/disbursements", body.dump(), headers);
      ASSERT_EQ(requested.status, 201) << requested.body;
      const auto id = requested.json().at("id").get<std::string>();
      auto approved =
          http().request("POST", kApi + "/disbursements/" + id + "/approve", std::nullopt, bearer(token_as("finance")));
      ASSERT_EQ(approved.status, 200) << approved.body;
      auto paid = http().post(kApi + "/disbursements/" + id + "/pay",
                              {{"paid_on", paid_on}, {"payment_reference", "TT-" + key}}, token_as("finance"));
      ASSERT_EQ(paid.status, 200) << paid.body;
    });
  }

  // Files the report of a period (0 the first) with these values and one
  // line of spending, and has programme staff accept it.
  void file_report(Member& m, std::size_t period, const std::vector<nlohmann::json>& values, const std::string& spent) {
    const auto token = member_token(m);
    const auto schedule = http().get(kApi + "/awards/" + m.award + "/progress-reports", token).json().at("items");
    ASSERT_GT(schedule.size(), period);
    measure(m, schedule[period].at("period_end").get<std::string>().substr(0, 7), [&] {
      const auto award = http().get(kApi + "/awards/" + m.award, token).json();
      const auto report = schedule[period].at("id").get<std::string>();
      auto headers = bearer(token);
      headers["If-Match"] = "\"" + std::to_string(schedule[period].at("version").get<long long>()) + "\"";
      const nlohmann::json body = {
          {"narrative", "Peer monitors in " + m.country + " documented incidents and accompanied sex workers."},
          {"indicator_values", nlohmann::json(values)},
          {"expenditures", {{{"budget_line_id", award.at("budget_lines")[0].at("id")}, {"amount", money(spent)}}}}};
      auto saved = http().request("PUT", kApi + "/progress-reports/" + report, body.dump(), headers);
      ASSERT_EQ(saved.status, 200) << saved.body;
      auto submitted =
          http().request("POST", kApi + "/progress-reports/" + report + "/submit", std::nullopt, bearer(token));
      ASSERT_EQ(submitted.status, 200) << submitted.body;
      auto accepted = http().request("POST", kApi + "/progress-reports/" + report + "/accept", std::nullopt,
                                     bearer(token_as("programme")));
      ASSERT_EQ(accepted.status, 200) << accepted.body;
    });
  }

  // The portfolio: four awards of 540,000.00 THB decided on 2027-03-10, all
  // from the USD source but the Cambodian one, which the EUR source shares;
  // the first tranches paid on 2027-04-16; the first reports accepted on
  // 2027-07-02, the clock's time when this returns.
  void build_portfolio() {
    usd_ = source("RCF-2027-14", "USD", "250000.00", "125000.00");
    eur_ = source("EU-CSO-2027-3", "EUR", "200000.00", "100000.00");
    members_ = {{"TH", "public", "", "", "", {}, {}},
                {"KH", "pseudonymous", "", "", "", {}, {}},
                {"VN", "pseudonymous", "", "", "", {}, {}},
                {"LA", "confidential", "", "", "", {}, {}}};
    for (auto& m : members_) {
      m.org = server().create_organisation("member", m.country, m.publication);
      m.application = submitted({usd_, eur_}, member_token(m));
    }
    travel_to("2027-03-10T09:00:00Z");
    rate("THB", "2027-03-01", "USD", "0.0281");
    rate("THB", "2027-03-01", "EUR", "0.0260");
    for (auto& m : members_) {
      const auto funding = m.country == "KH" ? approval({{usd_, "300000.00"}, {eur_, "240000.00"}})
                                             : approval({{usd_, "540000.00"}});
      measure(m, "2027-03", [&] {
        auto r = decide(m.application, funding);
        ASSERT_EQ(r.status, 201) << r.body;
        m.award = r.json().at("id").get<std::string>();
      });
    }
    travel_to("2027-04-16T09:00:00Z");
    rate("THB", "2027-04-01", "USD", "0.0285");
    rate("THB", "2027-04-01", "EUR", "0.0262");
    for (std::size_t i = 0; i < members_.size(); ++i) pay_tranche(members_[i], 0, "2027-04-16", "first-" + std::to_string(i));

    travel_to("2027-07-02T09:00:00Z");
    rate("THB", "2027-06-30", "USD", "0.0279");
    rate("THB", "2027-06-30", "EUR", "0.0265");
    // OP1.1 by gender: woman 116, trans_woman 53, trans_man 3 (one organisation).
    // By migrant status: migrant 123, non_migrant 49. Total 172 from four organisations.
    // OC1.1: 97 from four organisations; by gender woman 67 (three), trans_woman 30 (one).
    file_report(members_[0],
                0,
                {indicator_value("OP1.1", "woman", "migrant", "20"), indicator_value("OP1.1", "woman", "non_migrant", "15"),
                 indicator_value("OP1.1", "trans_woman", "migrant", "12"), indicator_value("OP1.1", "trans_man", "migrant", "3"),
                 indicator_value("OC1.1", "woman", "migrant", "40")},
                "90000.00");
    file_report(members_[1],
                0,
                {indicator_value("OP1.1", "woman", "migrant", "9"), indicator_value("OP1.1", "woman", "non_migrant", "17"),
                 indicator_value("OP1.1", "trans_woman", "migrant", "14"),
                 indicator_value("OP1.1", "trans_woman", "non_migrant", "6"), indicator_value("OC1.1", "woman", "migrant", "2")},
                "60000.00");
    file_report(members_[2],
                0,
                {indicator_value("OP1.1", "woman", "migrant", "25"), indicator_value("OP1.1", "trans_woman", "non_migrant", "11"),
                 indicator_value("OC1.1", "trans_woman", "migrant", "30")},
                "45000.00");
    file_report(members_[3],
                0,
                {indicator_value("OP1.1", "woman", "migrant", "30"), indicator_value("OP1.1", "trans_woman", "migrant", "10"),
                 indicator_value("OC1.1", "woman", "non_migrant", "25")},
                "30000.00");
  }

  Member& confidential() { return members_[3]; }

  // --- editions ---

  std::string editions_path(const std::string& source_id) { return kApi + "/funding-sources/" + source_id + "/editions"; }
  HttpResult publish(const std::string& source_id, const std::string& period_end, const std::string& token = {}) {
    return http().post(editions_path(source_id), {{"period_end", period_end}},
                       token.empty() ? token_as("programme") : token);
  }
  // Publishes and fails the test unless it was published.
  nlohmann::json published(const std::string& source_id, const std::string& period_end) {
    auto r = publish(source_id, period_end);
    EXPECT_EQ(r.status, 201) << period_end << ": " << r.body;
    return r.status == 201 ? r.json() : nlohmann::json{};
  }
  HttpResult edition_file(const std::string& source_id, const std::string& period_end, const std::string& file,
                          const std::string& token, const std::map<std::string, std::string>& extra = {}) {
    auto headers = bearer(token);
    for (const auto& [k, v] : extra) headers[k] = v;
    return http().request("GET", editions_path(source_id) + "/" + period_end + "/" + file, std::nullopt, headers);
  }
  // An edition's summary.json, read as staff.
  nlohmann::json edition_summary(const std::string& source_id, const std::string& period_end) {
    auto r = edition_file(source_id, period_end, "summary.json", token_as("finance"));
    EXPECT_EQ(r.status, 200) << period_end << ": " << r.body;
    return r.status == 200 ? r.json() : nlohmann::json{};
  }
  HttpResult editions(const std::string& source_id, const std::string& token) {
    return http().get(editions_path(source_id), token);
  }

  // --- reading a summary ---

  static const nlohmann::json& indicator(const nlohmann::json& summary, const std::string& code) {
    for (const auto& r : summary.at("by_result"))
      for (const auto& i : r.at("indicators"))
        if (i.at("code") == code) return i;
    throw std::runtime_error("no indicator " + code);
  }
  static nlohmann::json category(const nlohmann::json& ind, const std::string& dimension, const std::string& name) {
    for (const auto& d : ind.at("disaggregations"))
      if (d.at("dimension") == dimension)
        for (const auto& c : d.at("categories"))
          if (c.at("category") == name) return c;
    return nullptr;
  }
  static bool shown(const nlohmann::json& money) { return money.contains("amount"); }

  // --- what subtraction could reveal ---

  // "12.5" -> 125000
  static long long e4(const std::string& decimal) {
    const auto dot = decimal.find('.');
    std::string fraction = dot == std::string::npos ? "" : decimal.substr(dot + 1);
    fraction.resize(4, '0');
    const long long whole = std::stoll(decimal.substr(0, dot));
    return whole * 10000 + (decimal[0] == '-' ? -1 : 1) * std::stoll(fraction);
  }

  // What an IATI file lists of each award (hierarchy 2 activities, by the
  // public reference in their identifier): payments and expenditure by month
  // in minor units, and baseline and target (times 10^4) by indicator.
  struct IatiAward {
    std::map<std::string, Money3> by_month;
    std::map<std::string, std::pair<long long, long long>> targets;
  };
  static std::map<std::string, IatiAward> iati_awards(const std::string& xml) {
    static const std::regex identifier{"<iati-identifier>XI-MSWA-([0-9A-F]{10})</iati-identifier>"};
    static const std::regex transaction{
        R"re(<transaction-type code="([34])"/>\s*<transaction-date iso-date="(\d{4}-\d{2})-\d{2}"/>\s*<value[^>]*>(-?[0-9.]+)</value>)re"};
    static const std::regex target{
        R"re(<reference vocabulary="99" code="([A-Z0-9.]+)"/>\s*<baseline[^>]*value="([^"]+)"/>\s*<period>[\s\S]*?<target value="([^"]+)"/>)re"};
    std::map<std::string, IatiAward> out;
    std::size_t at = 0;
    while ((at = xml.find("<iati-activity ", at)) != std::string::npos) {
      const auto end = xml.find("</iati-activity>", at);
      const std::string activity = xml.substr(at, end - at);
      at = end;
      if (activity.find("hierarchy=\"2\"") == std::string::npos) continue;
      std::smatch id;
      if (!std::regex_search(activity, id, identifier)) {
        ADD_FAILURE() << "an award's activity without a public reference: " << activity.substr(0, 300);
        continue;
      }
      auto& award = out[id[1]];
      for (std::sregex_iterator it(activity.begin(), activity.end(), transaction), stop; it != stop; ++it) {
        const auto amount = minor({{"amount", (*it)[3].str()}});
        auto& month = award.by_month[(*it)[2]];
        ((*it)[1] == "3" ? month.disbursed : month.spent) += amount;
      }
      for (std::sregex_iterator it(activity.begin(), activity.end(), target), stop; it != stop; ++it)
        award.targets[(*it)[1]] = {e4((*it)[2]), e4((*it)[3])};
    }
    return out;
  }

  // One or two of these (non-zero) amounts add up to `remainder`.
  static bool one_or_two_make(long long remainder, const std::vector<long long>& amounts) {
    if (remainder == 0) return false;
    for (std::size_t i = 0; i < amounts.size(); ++i) {
      if (amounts[i] == 0) continue;
      if (amounts[i] == remainder) return true;
      for (std::size_t j = i + 1; j < amounts.size(); ++j)
        if (amounts[j] != 0 && amounts[i] + amounts[j] == remainder) return true;
    }
    return false;
  }

  // Every published money figure of a donor summary (the totals, each
  // country row, each month, the unlisted awards' row) less the published
  // money of the listed awards in it must not be the money of one or two
  // organisations whose money the summary does not show. `members` holds
  // each organisation's money as the summary's period saw it. Returns how
  // many figures were checked.
  int expect_no_money_isolated(const nlohmann::json& s, const std::string& iati, const std::vector<Member>& members) {
    std::map<std::string, const nlohmann::json*> shown_awards;  // award id -> its published entry
    for (const auto& a : s.at("awards"))
      if (!a.at("money_suppressed").get<bool>()) shown_awards[a.at("id").get<std::string>()] = &a;
    std::vector<const Member*> hidden;
    for (const auto& m : members)
      if (!shown_awards.count(m.award)) hidden.push_back(&m);
    const auto by_reference = iati_awards(iati);

    int checked = 0;
    const auto check = [&](const std::string& what, const char* measure, long long figure,
                           const std::function<bool(const Member&)>& in_figure,
                           const std::function<long long(const Member&)>& amount_of,
                           const std::function<long long(const nlohmann::json&)>& published_part) {
      long long remainder = figure;
      for (const auto& m : members)
        if (shown_awards.count(m.award) && in_figure(m)) remainder -= published_part(*shown_awards.at(m.award));
      std::vector<long long> amounts;
      for (const auto* m : hidden)
        if (in_figure(*m)) amounts.push_back(amount_of(*m));
      EXPECT_FALSE(one_or_two_make(remainder, amounts))
          << what << " " << measure << ": " << figure << " less the listed awards' money leaves " << remainder
          << ", one or two organisations' money";
      ++checked;
    };
    const auto money_of = [](const char* k) {
      return [k](const Member& m) {
        const std::string key = k;
        return key == "allocated" ? m.usd.allocated : key == "disbursed" ? m.usd.disbursed : m.usd.spent;
      };
    };
    const auto award_money = [](const char* k) { return [k](const nlohmann::json& a) { return minor(a.at(k)); }; };
    const auto everyone = [](const Member&) { return true; };

    for (const auto* k : {"allocated", "disbursed", "spent"})
      check("totals", k, minor(s.at("totals").at(k)), everyone, money_of(k), award_money(k));

    std::set<std::string> named;
    for (const auto& c : s.at("by_country"))
      if (!c.at("country").is_null()) named.insert(c.at("country").get<std::string>());
    for (const auto& c : s.at("by_country")) {
      const bool other = c.at("country").is_null();
      const std::string country = other ? "" : c.at("country").get<std::string>();
      const auto in_row = [&, other, country](const Member& m) {
        return other ? !named.count(m.country) : m.country == country;
      };
      for (const auto* k : {"allocated", "disbursed", "spent"})
        check("country row " + c.at("name").get<std::string>(), k, minor(c.at(k)), in_row, money_of(k), award_money(k));
    }

    const auto& unlisted = s.at("unlisted_awards");
    if (!unlisted.at("money_suppressed").get<bool>())
      for (const auto* k : {"allocated", "disbursed", "spent"})
        check("unlisted awards", k, minor(unlisted.at(k)), everyone, money_of(k), [](const nlohmann::json&) { return 0LL; });

    for (const auto& row : s.at("by_month")) {
      if (row.at("suppressed").get<bool>()) continue;
      const auto month = row.at("month").get<std::string>();
      for (const bool disbursed : {true, false}) {
        const auto in_month = [&, month, disbursed](const Member& m) {
          const auto it = m.usd_by_month.find(month);
          if (it == m.usd_by_month.end()) return 0LL;
          return disbursed ? it->second.disbursed : it->second.spent;
        };
        const auto listed_in_month = [&, month, disbursed](const nlohmann::json& a) {
          const auto listing = by_reference.find(a.at("reference").get<std::string>());
          if (listing == by_reference.end()) return 0LL;
          const auto it = listing->second.by_month.find(month);
          if (it == listing->second.by_month.end()) return 0LL;
          return disbursed ? it->second.disbursed : it->second.spent;
        };
        check("month " + month, disbursed ? "disbursed" : "spent", minor(row.at(disbursed ? "disbursed" : "spent")),
              everyone, in_month, listed_in_month);
      }
    }
    return checked;
  }

  std::vector<Member> members_;
};

}  // namespace mswa::test
