// Donor reports over HTTP on both databases: four awards from one USD source
// (a public, two pseudonymous and a confidential organisation), each paid a
// tranche and each with an accepted report, then the summary in every format.
// The formats must agree to the minor unit, validate against their
// standards, name no confidential organisation and publish no small cell.
#include <cmath>
#include <regex>

#include "tests/http/grant_fixture.hpp"
#include "tests/support/schema_validation.hpp"

namespace mswa::test {

namespace {

nlohmann::json cash(const std::string& currency, const std::string& amount) {
  return {{"currency", currency}, {"amount", amount}};
}

// "8430.00" -> 843000
long long minor(const nlohmann::json& money) {
  const auto text = money.at("amount").get<std::string>();
  const auto dot = text.find('.');
  return std::stoll(text.substr(0, dot) + text.substr(dot + 1));
}

nlohmann::json value(const std::string& code, const std::string& gender, const std::string& migrant,
                     const std::string& v) {
  return {{"indicator_code", code}, {"dimensions", {{"gender", gender}, {"migrant_status", migrant}}}, {"value", v}};
}

}  // namespace

class ReportsHttp : public GrantHttpTest {
 protected:
  struct Member {
    std::string country, publication, org, application, award;
  };

  std::string member_token(const Member& m) { return server().token_for("member", m.org); }
  std::string donor_of(const std::string& source_id) {
    auto r = http().get(kApi + "/funding-sources/" + source_id, token_as("finance"));
    return server().token_for("donor", r.json().at("donor_organisation_id").get<std::string>());
  }
  HttpResult get(const std::string& source_id, const std::string& format, const std::string& token,
                 const std::string& query = "") {
    return http().get(kApi + "/funding-sources/" + source_id + "/" + format + query, token);
  }

  void pay_first_tranche(const Member& m, const std::string& key) {
    const auto award = http().get(kApi + "/awards/" + m.award, token_as("programme")).json();
    auto headers = bearer(token_as("programme"));
    headers["Idempotency-Key"] = key;
    const nlohmann::json body = {{"tranche_id", award.at("tranches")[0].at("id")},
                                 {"amount", money("180000.00")},
                                 {"note", "First tranche"}};
    auto requested = http().request("POST", kApi + "/awards/" + m.award + "/disbursements", body.dump(), headers);
    ASSERT_EQ(requested.status, 201) << requested.body;
    const auto id = requested.json().at("id").get<std::string>();
    ASSERT_EQ(http().request("POST", kApi + "/disbursements/" + id + "/approve", std::nullopt, bearer(token_as("finance"))).status,
              200);
    auto paid = http().post(kApi + "/disbursements/" + id + "/pay",
                            {{"paid_on", "2027-04-16"}, {"payment_reference", "TT-" + key}}, token_as("finance"));
    ASSERT_EQ(paid.status, 200) << paid.body;
  }

  void file_first_report(const Member& m, const nlohmann::json& values, const std::string& spent) {
    const auto token = member_token(m);
    const auto award = http().get(kApi + "/awards/" + m.award, token).json();
    const auto schedule = http().get(kApi + "/awards/" + m.award + "/progress-reports", token).json().at("items");
    const auto report = schedule[0].at("id").get<std::string>();
    auto headers = bearer(token);
    headers["If-Match"] = "\"1\"";
    const nlohmann::json body = {
        {"narrative", "Peer monitors in " + m.country + " documented incidents and accompanied sex workers."},
        {"indicator_values", values},
        {"expenditures", {{{"budget_line_id", award.at("budget_lines")[0].at("id")}, {"amount", money(spent)}}}}};
    auto saved = http().request("PUT", kApi + "/progress-reports/" + report, body.dump(), headers);
    ASSERT_EQ(saved.status, 200) << saved.body;
    ASSERT_EQ(http().request("POST", kApi + "/progress-reports/" + report + "/submit", std::nullopt, bearer(token)).status,
              200);
    auto accepted = http().request("POST", kApi + "/progress-reports/" + report + "/accept", std::nullopt,
                                   bearer(token_as("programme")));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
  }

  // The portfolio: four awards of 540,000.00 THB decided on 2027-03-10, all
  // from the USD source but the Cambodian one, which the EUR source shares.
  void build_portfolio() {
    usd_ = source("RCF-2027-14", "USD", "250000.00", "125000.00");
    eur_ = source("EU-CSO-2027-3", "EUR", "200000.00", "100000.00");
    members_ = {{"TH", "public", "", "", ""},
                {"KH", "pseudonymous", "", "", ""},
                {"VN", "pseudonymous", "", "", ""},
                {"LA", "confidential", "", "", ""}};
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
      auto r = decide(m.application, funding);
      ASSERT_EQ(r.status, 201) << r.body;
      m.award = r.json().at("id").get<std::string>();
    }
    travel_to("2027-04-16T09:00:00Z");
    rate("THB", "2027-04-01", "USD", "0.0285");
    rate("THB", "2027-04-01", "EUR", "0.0262");
    for (std::size_t i = 0; i < members_.size(); ++i) pay_first_tranche(members_[i], "first-" + std::to_string(i));

    travel_to("2027-07-02T09:00:00Z");
    rate("THB", "2027-06-30", "USD", "0.0279");
    rate("THB", "2027-06-30", "EUR", "0.0265");
    // OP1.1 by gender: woman 116, trans_woman 53, trans_man 3 (one organisation).
    // By migrant status: migrant 123, non_migrant 49. Total 172 from four organisations.
    // OC1.1: 97 from four organisations; by gender woman 67 (three), trans_woman 30 (one).
    file_first_report(members_[0],
                      {value("OP1.1", "woman", "migrant", "20"), value("OP1.1", "woman", "non_migrant", "15"),
                       value("OP1.1", "trans_woman", "migrant", "12"), value("OP1.1", "trans_man", "migrant", "3"),
                       value("OC1.1", "woman", "migrant", "40")},
                      "90000.00");
    file_first_report(members_[1],
                      {value("OP1.1", "woman", "migrant", "9"), value("OP1.1", "woman", "non_migrant", "17"),
                       value("OP1.1", "trans_woman", "migrant", "14"), value("OP1.1", "trans_woman", "non_migrant", "6"),
                       value("OC1.1", "woman", "migrant", "2")},
                      "60000.00");
    file_first_report(members_[2],
                      {value("OP1.1", "woman", "migrant", "25"), value("OP1.1", "trans_woman", "non_migrant", "11"),
                       value("OC1.1", "trans_woman", "migrant", "30")},
                      "45000.00");
    file_first_report(members_[3],
                      {value("OP1.1", "woman", "migrant", "30"), value("OP1.1", "trans_woman", "migrant", "10"),
                       value("OC1.1", "woman", "non_migrant", "25")},
                      "30000.00");
  }

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

  std::vector<Member> members_;
};

TEST_P(ReportsHttp, SummaryAddsUpAndKeepsTheRulesOfPrivacy) {
  build_portfolio();
  const auto donor = donor_of(usd_);
  auto r = get(usd_, "summary", donor);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  const auto s = r.json();
  EXPECT_EQ(s.at("as_of"), "2027-07-02");
  EXPECT_EQ(s.at("currency"), "USD");
  EXPECT_EQ(get(usd_, "summary.json", donor).json().at("totals"), s.at("totals"));

  // The totals are the funding source's balances.
  const auto b = balances(usd_);
  const auto& t = s.at("totals");
  for (const auto* k : {"received", "allocated", "disbursed", "spent", "available"}) EXPECT_EQ(t.at(k), b.at(k)) << k;
  // Allocated: 3 x 540,000.00 + 300,000.00 THB at 0.0281 = 45,522.00 + 8,430.00 USD.
  EXPECT_EQ(t.at("allocated"), cash("USD", "53952.00"));

  // Three awards listed, the confidential one only counted.
  ASSERT_EQ(s.at("awards").size(), 3u);
  std::set<std::string> labels;
  for (const auto& a : s.at("awards")) labels.insert(a.at("recipient").at("name").get<std::string>());
  EXPECT_EQ(labels, (std::set<std::string>{"member organisation TH", "Member organisation KH-1", "Member organisation VN-1"}));
  EXPECT_TRUE(s.at("unlisted_awards").at("suppressed").get<bool>());  // one award: a small count
  EXPECT_FALSE(s.at("unlisted_awards").contains("value"));
  for (const auto* k : {"allocated", "disbursed", "spent"}) {
    long long sum = minor(s.at("unlisted_awards").at(k)), by_country = 0, by_month = 0;
    for (const auto& a : s.at("awards")) sum += minor(a.at(k));
    for (const auto& c : s.at("by_country")) by_country += minor(c.at(k));
    EXPECT_EQ(sum, minor(t.at(k))) << k;
    EXPECT_EQ(by_country, minor(t.at(k))) << k;
    if (std::string(k) != "allocated") {
      for (const auto& m : s.at("by_month")) by_month += minor(m.at(k));
      EXPECT_EQ(by_month, minor(t.at(k))) << k;
    }
  }
  // Money by country counts every award, but the one country where only a
  // confidential organisation was funded is not named.
  ASSERT_EQ(s.at("by_country").size(), 4u);
  std::vector<nlohmann::json> countries;
  for (const auto& c : s.at("by_country")) countries.push_back(c.at("country"));
  EXPECT_EQ(countries, (std::vector<nlohmann::json>{"KH", "TH", "VN", nullptr}));
  EXPECT_EQ(s.at("by_country")[3].at("name"), "Other countries");
  EXPECT_EQ(s.at("by_country")[3].at("allocated"), s.at("unlisted_awards").at("allocated"));

  // OP1.1: 172 of a target of 4 x 120; trans_man (3, one organisation) withheld,
  // and trans_woman with it, so neither is 172 - 116 alone.
  const auto& op = indicator(s, "OP1.1");
  EXPECT_EQ(op.at("target"), "480");
  EXPECT_EQ(op.at("actual"), (nlohmann::json{{"value", "172"}, {"suppressed", false}}));
  EXPECT_EQ(op.at("achievement_percent"), "35.8");
  EXPECT_EQ(category(op, "gender", "woman"), (nlohmann::json{{"category", "woman"}, {"value", "116"}, {"suppressed", false}}));
  EXPECT_EQ(category(op, "gender", "trans_man"), (nlohmann::json{{"category", "trans_man"}, {"suppressed", true}}));
  EXPECT_EQ(category(op, "gender", "trans_woman"), (nlohmann::json{{"category", "trans_woman"}, {"suppressed", true}}));
  EXPECT_EQ(category(op, "migrant_status", "migrant").at("value"), "123");
  EXPECT_EQ(category(op, "migrant_status", "non_migrant").at("value"), "49");
  // OC1.1: trans_woman (one organisation) withheld, and woman with it; by
  // migrant status non_migrant (one organisation) and migrant; age groups
  // were not reported, so all 97 sit in not_recorded.
  const auto& oc = indicator(s, "OC1.1");
  EXPECT_EQ(oc.at("target"), "1200");
  EXPECT_EQ(oc.at("baseline"), "160");
  EXPECT_EQ(oc.at("actual").at("value"), "97");
  EXPECT_EQ(oc.at("achievement_percent"), "8.1");
  EXPECT_TRUE(category(oc, "gender", "woman").at("suppressed").get<bool>());
  EXPECT_TRUE(category(oc, "gender", "trans_woman").at("suppressed").get<bool>());
  EXPECT_TRUE(category(oc, "migrant_status", "migrant").at("suppressed").get<bool>());
  EXPECT_TRUE(category(oc, "migrant_status", "non_migrant").at("suppressed").get<bool>());
  EXPECT_EQ(category(oc, "age_group", "not_recorded").at("value"), "97");

  // The EUR source funds one award: one organisation's figures, all withheld.
  auto eur = get(eur_, "summary", donor_of(eur_));
  ASSERT_EQ(eur.status, 200) << eur.body;
  EXPECT_EQ(indicator(eur.json(), "OP1.1").at("actual"), (nlohmann::json{{"suppressed", true}}));
  for (const auto& d : indicator(eur.json(), "OP1.1").at("disaggregations"))
    for (const auto& c : d.at("categories")) EXPECT_TRUE(c.at("suppressed").get<bool>()) << c.dump();
  EXPECT_EQ(eur.json().at("awards").size(), 1u);

  // Only the public organisation's words are quoted.
  ASSERT_EQ(s.at("narratives").size(), 1u);
  EXPECT_EQ(s.at("narratives")[0].at("recipient"), "member organisation TH");

  // No format names the confidential organisation.
  for (const auto* format : {"summary", "summary.csv", "summary.html", "iati.xml", "360giving.json"}) {
    auto body = get(usd_, format, donor);
    ASSERT_EQ(body.status, 200) << format << ": " << body.body;
    EXPECT_EQ(body.body.find("organisation LA"), std::string::npos) << format;
    for (const auto* country : {"\"LA\"", "Lao PDR", ",LA,"})
      EXPECT_EQ(body.body.find(country), std::string::npos) << format << " names " << country;
  }
}

TEST_P(ReportsHttp, EveryFormatAgreesAndValidates) {
  build_portfolio();
  const auto donor = donor_of(usd_);
  const auto s = get(usd_, "summary", donor).json();

  // CSV: a BOM, headed sections, the same totals.
  auto csv = get(usd_, "summary.csv", donor);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.header("content-disposition").find("attachment"), std::string::npos);
  for (const auto* k : {"received", "allocated", "disbursed", "spent", "available"})
    EXPECT_NE(csv.body.find(s.at("totals").at(k).at("amount").get<std::string>()), std::string::npos) << k;

  // HTML: the dashboard, with its charts and a policy that allows no scripts.
  auto html = get(usd_, "summary.html", donor);
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(html.header("content-security-policy").find("default-src 'none'"), std::string::npos);
  for (const auto* id : {"chart-budget", "chart-disbursements", "chart-achievement"})
    EXPECT_NE(html.body.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  EXPECT_EQ(html.body.find("<script"), std::string::npos);

  // IATI: valid, and each listed award's disbursement is the summary's.
  auto iati = get(usd_, "iati.xml", donor);
  ASSERT_EQ(iati.status, 200) << iati.body;
  EXPECT_EQ(iati_schema_errors(iati.body), "");
  for (const auto& a : s.at("awards")) {
    const auto id = a.at("reference").get<std::string>();
    EXPECT_NE(iati.body.find(id), std::string::npos) << id;
    const std::string disbursed = a.at("disbursed").at("amount");
    EXPECT_NE(iati.body.find(">" + disbursed + "</value>"), std::string::npos) << id << " " << disbursed;
  }
  EXPECT_NE(iati.body.find("<transaction-type code=\"3\""), std::string::npos);
  EXPECT_NE(iati.body.find("<transaction-type code=\"1\""), std::string::npos);

  // 360Giving: valid, one grant per listed award, the same money.
  auto giving = get(usd_, "360giving.json", donor);
  ASSERT_EQ(giving.status, 200) << giving.body;
  EXPECT_EQ(giving360_schema_errors(giving.body), "");
  const auto grants = giving.json().at("grants");
  ASSERT_EQ(grants.size(), s.at("awards").size());
  for (const auto& a : s.at("awards")) {
    bool found = false;
    for (const auto& g : grants) {
      if (g.at("id").get<std::string>().find(a.at("reference").get<std::string>()) == std::string::npos) continue;
      found = true;
      EXPECT_EQ(std::llround(g.at("amountAwarded").get<double>() * 100), minor(a.at("allocated")));
      EXPECT_EQ(std::llround(g.at("amountDisbursed").get<double>() * 100), minor(a.at("disbursed")));
      EXPECT_EQ(g.at("currency"), "USD");
    }
    EXPECT_TRUE(found) << a.dump();
  }
}

TEST_P(ReportsHttp, AsOfAnEarlierDateShowsWhatWasKnownThen) {
  build_portfolio();
  const auto donor = donor_of(usd_);
  auto before = get(usd_, "summary", donor, "?as_of=2027-04-15");
  ASSERT_EQ(before.status, 200) << before.body;
  const auto then = before.json();
  const auto& t = then.at("totals");
  EXPECT_EQ(t.at("allocated"), cash("USD", "53952.00"));
  EXPECT_EQ(t.at("disbursed"), cash("USD", "0.00"));
  EXPECT_EQ(t.at("spent"), cash("USD", "0.00"));
  EXPECT_EQ(indicator(then, "OP1.1").at("actual"), (nlohmann::json{{"value", "0"}, {"suppressed", false}}));
  auto before_awards = get(usd_, "summary", donor, "?as_of=2027-01-31");
  EXPECT_EQ(before_awards.json().at("awards").size(), 0u);
  EXPECT_TRUE(IsProblem(get(usd_, "360giving.json", donor, "?as_of=2027-01-31"), 409));
  EXPECT_TRUE(IsInvalid(get(usd_, "summary", donor, "?as_of=2027-02-30"), {"/as_of"}));
  EXPECT_TRUE(IsInvalid(get(usd_, "summary.csv", donor, "?as_of=yesterday"), {"/as_of"}));
}

TEST_P(ReportsHttp, OnlyStaffAndTheSourcesOwnDonorGetIn) {
  build_portfolio();
  const auto own = donor_of(usd_);
  const auto other = donor_of(eur_);
  const auto member = member_token(members_[0]);
  const auto reviewer = server().token_for("reviewer", std::nullopt);
  for (const auto* format : {"summary", "summary.json", "summary.csv", "summary.html", "iati.xml", "360giving.json"}) {
    EXPECT_EQ(get(usd_, format, own).status, 200) << format;
    for (const auto* staff : {"finance", "programme", "admin"})
      EXPECT_EQ(get(usd_, format, staff == std::string("admin") ? admin() : token_as(staff)).status, 200)
          << format << " " << staff;
    // Another donor's source answers exactly as a missing one.
    auto foreign = get(usd_, format, other);
    auto missing = get("00000000-0000-4000-8000-000000000000", format, other);
    EXPECT_TRUE(IsProblem(foreign, 404)) << format;
    EXPECT_EQ(foreign.json().at("detail"), missing.json().at("detail"));
    EXPECT_EQ(foreign.json().at("title"), missing.json().at("title"));
    EXPECT_TRUE(IsProblem(get(usd_, format, member), 403)) << format;
    EXPECT_TRUE(IsProblem(get(usd_, format, reviewer), 403)) << format;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/funding-sources/" + usd_ + "/" + format), 401)) << format;
  }
  // The other donor's attempt is in the audit trail.
  bool denied = false;
  for (const auto& e : audit_trail("entity_type=funding_source&entity_id=" + usd_))
    denied = denied || (e.at("action") == "funding_source.summary" && e.at("outcome") == "denied");
  EXPECT_TRUE(denied);
}

MSWA_HTTP_ON_EVERY_BACKEND(ReportsHttp);

}  // namespace mswa::test
