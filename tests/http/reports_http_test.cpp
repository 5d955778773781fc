// Donor reports over HTTP on both databases: four awards from one USD source
// (a public, two pseudonymous and a confidential organisation), each paid a
// tranche and each with an accepted report, then the quarter's edition in
// every format for the donor and the live summary as a staff preview. The
// formats must agree to the minor unit, validate against their standards,
// name no confidential organisation, publish no small cell and let no
// subtraction isolate one or two organisations' money.
#include <cmath>

#include "tests/http/report_fixture.hpp"
#include "tests/support/schema_validation.hpp"

namespace mswa::test {

class ReportsHttp : public ReportHttpTest {
 protected:
  // The portfolio and the editions of the quarter to 2027-06-30 of both
  // sources, published on 2027-07-02 once every report was in.
  void publish_first_quarter() {
    build_portfolio();
    published(usd_, "2027-06-30");
    published(eur_, "2027-06-30");
  }
  HttpResult read_edition(const std::string& source_id, const std::string& file, const std::string& token) {
    return edition_file(source_id, "2027-06-30", file, token);
  }
};

TEST_P(ReportsHttp, EditionAddsUpAndKeepsTheRulesOfPrivacy) {
  publish_first_quarter();
  const auto donor = donor_of(usd_);
  auto r = read_edition(usd_, "summary.json", donor);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  const auto s = r.json();
  EXPECT_EQ(s.at("preview"), false);
  EXPECT_EQ(s.at("as_of"), "2027-06-30");
  EXPECT_EQ(s.at("currency"), "USD");

  // The totals are the funding source's balances: nothing was booked since the quarter ended.
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
  const auto& unlisted = s.at("unlisted_awards");
  EXPECT_TRUE(unlisted.at("suppressed").get<bool>());  // one award: a small count
  EXPECT_FALSE(unlisted.contains("value"));
  // One organisation's money would be the unlisted row: withheld, with no amount.
  EXPECT_TRUE(unlisted.at("money_suppressed").get<bool>());
  for (const auto* k : {"allocated", "disbursed", "spent"})
    EXPECT_EQ(unlisted.at(k), (nlohmann::json{{"currency", "USD"}, {"suppressed", true}})) << k;
  // Withheld money says so and carries no amount; shown money has one.
  for (const auto& a : s.at("awards"))
    for (const auto* k : {"amount", "funded_by_source", "allocated", "disbursed", "spent"})
      EXPECT_EQ(shown(a.at(k)), !a.at("money_suppressed").get<bool>()) << a.dump();

  // The country rows and the months add up to the totals.
  EXPECT_FALSE(s.at("by_country_suppressed").get<bool>());
  for (const auto* k : {"allocated", "disbursed", "spent"}) {
    long long by_country = 0, by_month = 0;
    for (const auto& c : s.at("by_country")) by_country += minor(c.at(k));
    EXPECT_EQ(by_country, minor(t.at(k))) << k;
    if (std::string(k) == "allocated") continue;
    for (const auto& m : s.at("by_month")) {
      ASSERT_FALSE(m.at("suppressed").get<bool>()) << m.dump();
      by_month += minor(m.at(k));
    }
    EXPECT_EQ(by_month, minor(t.at(k))) << k;
  }
  // The one country where only a confidential organisation was funded is not named.
  std::vector<nlohmann::json> countries;
  for (const auto& c : s.at("by_country")) countries.push_back(c.at("country"));
  EXPECT_EQ(std::count(countries.begin(), countries.end(), nullptr), 1) << s.at("by_country").dump();
  EXPECT_EQ(std::count(countries.begin(), countries.end(), "LA"), 0);
  EXPECT_EQ(s.at("by_country").back().at("name"), "Other countries");

  // OP1.1: 172 of a target of 4 x 120; trans_man (3, one organisation) withheld,
  // and trans_woman with it, so neither is 172 - 116 alone.
  const auto& op = indicator(s, "OP1.1");
  EXPECT_EQ(op.at("target"), (nlohmann::json{{"value", "480"}, {"suppressed", false}}));
  EXPECT_EQ(op.at("baseline"), (nlohmann::json{{"value", "0"}, {"suppressed", false}}));
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
  EXPECT_EQ(oc.at("target").at("value"), "1200");
  EXPECT_EQ(oc.at("baseline").at("value"), "160");
  EXPECT_EQ(oc.at("actual").at("value"), "97");
  EXPECT_EQ(oc.at("achievement_percent"), "8.1");
  EXPECT_TRUE(category(oc, "gender", "woman").at("suppressed").get<bool>());
  EXPECT_TRUE(category(oc, "gender", "trans_woman").at("suppressed").get<bool>());
  EXPECT_TRUE(category(oc, "migrant_status", "migrant").at("suppressed").get<bool>());
  EXPECT_TRUE(category(oc, "migrant_status", "non_migrant").at("suppressed").get<bool>());
  EXPECT_EQ(category(oc, "age_group", "not_recorded").at("value"), "97");

  // The EUR source funds one award: one organisation's figures, all withheld.
  auto eur = read_edition(eur_, "summary.json", donor_of(eur_));
  ASSERT_EQ(eur.status, 200) << eur.body;
  EXPECT_EQ(indicator(eur.json(), "OP1.1").at("actual"), (nlohmann::json{{"suppressed", true}}));
  for (const auto& d : indicator(eur.json(), "OP1.1").at("disaggregations"))
    for (const auto& c : d.at("categories")) EXPECT_TRUE(c.at("suppressed").get<bool>()) << c.dump();
  EXPECT_EQ(eur.json().at("awards").size(), 1u);

  // Only the public organisation's words are quoted.
  ASSERT_EQ(s.at("narratives").size(), 1u);
  EXPECT_EQ(s.at("narratives")[0].at("recipient"), "member organisation TH");

  // No format names the confidential organisation or its country.
  for (const auto& file : kEditionFiles) {
    auto body = read_edition(usd_, file, donor);
    ASSERT_EQ(body.status, 200) << file << ": " << body.body;
    EXPECT_EQ(body.body.find("organisation LA"), std::string::npos) << file;
    EXPECT_EQ(body.body.find("in LA "), std::string::npos) << file;  // its narrative
    for (const auto* country : {"\"LA\"", "Lao PDR", ",LA,"})
      EXPECT_EQ(body.body.find(country), std::string::npos) << file << " names " << country;
  }
}

TEST_P(ReportsHttp, PreviewShowsStaffWhatTheEditionWouldSay) {
  publish_first_quarter();
  auto r = get(usd_, "summary", token_as("finance"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto preview = r.json();
  EXPECT_EQ(preview.at("preview"), true);
  EXPECT_FALSE(preview.contains("edition"));
  EXPECT_EQ(preview.at("as_of"), "2027-07-02");
  EXPECT_EQ(get(usd_, "summary.json", token_as("finance")).json().at("totals"), preview.at("totals"));
  // Nothing has happened since the quarter ended: the same figures, withheld alike.
  const auto edition = edition_summary(usd_, "2027-06-30");
  for (const auto* k : {"totals", "by_country", "by_country_suppressed", "by_month", "by_result", "awards",
                        "unlisted_awards", "narratives"})
    EXPECT_EQ(preview.at(k), edition.at(k)) << k;
  const auto b = balances(usd_);
  for (const auto* k : {"received", "allocated", "disbursed", "spent", "available"})
    EXPECT_EQ(preview.at("totals").at(k), b.at(k)) << k;
}

TEST_P(ReportsHttp, EveryFormatAgreesAndValidates) {
  publish_first_quarter();
  const auto donor = donor_of(usd_);
  const auto staff = token_as("finance");
  // The donor's edition and the staff preview, each in every format.
  const std::vector<std::pair<std::string, std::function<HttpResult(const std::string&)>>> readers = {
      {"edition", [&](const std::string& file) { return read_edition(usd_, file, donor); }},
      {"preview", [&](const std::string& file) { return get(usd_, file, staff); }}};
  for (const auto& [which, read] : readers) {
    SCOPED_TRACE(which);
    const auto s = read("summary.json").json();

    // CSV: a BOM, headed sections, the same totals.
    auto csv = read("summary.csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(csv.header("content-disposition").find("attachment"), std::string::npos);
    for (const auto* k : {"received", "allocated", "disbursed", "spent", "available"})
      EXPECT_NE(csv.body.find(s.at("totals").at(k).at("amount").get<std::string>()), std::string::npos) << k;

    // HTML: the dashboard, with its charts and no scripts.
    auto html = read("summary.html");
    ASSERT_EQ(html.status, 200) << html.body;
    EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(html.header("content-security-policy").find("default-src 'none'"), std::string::npos);
    for (const auto* id : {"chart-budget", "chart-disbursements", "chart-achievement"})
      EXPECT_NE(html.body.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
    EXPECT_EQ(html.body.find("<script"), std::string::npos);

    // IATI: valid; each listed award is there, and its disbursement when its money is shown.
    auto iati = read("iati.xml");
    ASSERT_EQ(iati.status, 200) << iati.body;
    EXPECT_EQ(iati_schema_errors(iati.body), "");
    std::size_t shown_awards = 0;
    for (const auto& a : s.at("awards")) {
      const auto id = a.at("reference").get<std::string>();
      EXPECT_NE(iati.body.find("<iati-identifier>XI-MSWA-" + id + "</iati-identifier>"), std::string::npos) << id;
      if (a.at("money_suppressed").get<bool>()) continue;
      ++shown_awards;
      const std::string disbursed = a.at("disbursed").at("amount");
      EXPECT_NE(iati.body.find(">" + disbursed + "</value>"), std::string::npos) << id << " " << disbursed;
    }
    EXPECT_GE(shown_awards, 1u);
    EXPECT_NE(iati.body.find("<transaction-type code=\"3\""), std::string::npos);
    EXPECT_NE(iati.body.find("<transaction-type code=\"1\""), std::string::npos);

    // 360Giving: valid, one grant per listed award whose money is shown, the same money.
    auto giving = read("360giving.json");
    ASSERT_EQ(giving.status, 200) << giving.body;
    EXPECT_EQ(giving360_schema_errors(giving.body), "");
    const auto grants = giving.json().at("grants");
    ASSERT_EQ(grants.size(), shown_awards);
    for (const auto& a : s.at("awards")) {
      std::size_t found = 0;
      for (const auto& g : grants) {
        if (g.at("id").get<std::string>().find(a.at("reference").get<std::string>()) == std::string::npos) continue;
        ++found;
        EXPECT_EQ(std::llround(g.at("amountAwarded").get<double>() * 100), minor(a.at("allocated")));
        EXPECT_EQ(std::llround(g.at("amountDisbursed").get<double>() * 100), minor(a.at("disbursed")));
        EXPECT_EQ(g.at("currency"), "USD");
      }
      EXPECT_EQ(found, a.at("money_suppressed").get<bool>() ? 0u : 1u) << a.dump();
    }
  }
}

// The leak this replaces: "Other countries" used to equal the unlisted
// awards' money, one confidential organisation's. No published money figure,
// less the listed awards' published money in it, may be one or two
// organisations' money that the edition does not show.
TEST_P(ReportsHttp, NoPublishedMoneyLessTheListedAwardsIsOneOrganisationsMoney) {
  publish_first_quarter();
  const auto donor = donor_of(usd_);
  const auto s = read_edition(usd_, "summary.json", donor).json();
  const auto iati = read_edition(usd_, "iati.xml", donor).body;
  // The confidential organisation's money is real, and in every figure.
  EXPECT_GT(confidential().usd.allocated, 0);
  EXPECT_GT(confidential().usd.disbursed, 0);
  EXPECT_GT(confidential().usd.spent, 0);
  const int checked = expect_no_money_isolated(s, iati, members_);
  EXPECT_GE(checked, 3 + 3 * static_cast<int>(s.at("by_country").size()));
  // The same holds for what staff preview.
  const auto preview = get(usd_, "summary", token_as("finance")).json();
  expect_no_money_isolated(preview, get(usd_, "iati.xml", token_as("finance")).body, members_);
}

// Each award proposed OP1.1 0 -> 120 and OC1.1 40 -> 300: no summed target
// or baseline, less the listed awards' own in the IATI file, may be one or
// two awards' worth.
TEST_P(ReportsHttp, NoPublishedTargetLessTheListedAwardsIsOneOrganisations) {
  publish_first_quarter();
  const auto donor = donor_of(usd_);
  const auto s = read_edition(usd_, "summary.json", donor).json();
  const auto listed = iati_awards(read_edition(usd_, "iati.xml", donor).body);
  const std::map<std::string, std::pair<long long, long long>> per_award = {{"OP1.1", {0, 120 * 10000}},
                                                                            {"OC1.1", {40 * 10000, 300 * 10000}}};
  for (const auto& [code, own] : per_award) {
    const auto& ind = indicator(s, code);
    long long baseline = ind.at("baseline").at("suppressed").get<bool>() ? 0 : e4(ind.at("baseline").at("value"));
    long long target = ind.at("target").at("suppressed").get<bool>() ? 0 : e4(ind.at("target").at("value"));
    std::size_t unlisted = members_.size();
    for (const auto& [reference, award] : listed)
      if (const auto it = award.targets.find(code); it != award.targets.end()) {
        baseline -= it->second.first;
        target -= it->second.second;
        --unlisted;
      }
    // The awards whose targets the file does not show, one or two of them.
    std::vector<long long> baselines(unlisted, own.first), targets(unlisted, own.second);
    if (!ind.at("target").at("suppressed").get<bool>()) {
      EXPECT_FALSE(one_or_two_make(target, targets)) << code << " target leaves " << target;
      EXPECT_FALSE(one_or_two_make(baseline, baselines)) << code << " baseline leaves " << baseline;
    }
  }
}

TEST_P(ReportsHttp, AwardsGoByARandomReferenceNeverTheInternalNumber) {
  publish_first_quarter();
  const auto donor = donor_of(usd_);
  std::set<std::string> internal;
  for (const auto& m : members_)
    internal.insert(http().get(kApi + "/awards/" + m.award, token_as("programme")).json().at("reference").get<std::string>());
  ASSERT_EQ(internal.size(), 4u);
  for (const auto& ref : internal) EXPECT_TRUE(std::regex_match(ref, kInternalReference)) << ref;

  const auto s = read_edition(usd_, "summary.json", donor).json();
  std::set<std::string> public_refs;
  for (const auto& a : s.at("awards")) {
    const auto ref = a.at("reference").get<std::string>();
    EXPECT_TRUE(std::regex_match(ref, std::regex("[0-9A-F]{10}"))) << ref;
    public_refs.insert(ref);
  }
  EXPECT_EQ(public_refs.size(), s.at("awards").size());
  for (const auto& source : {usd_, eur_}) {
    const auto reader = donor_of(source);
    for (const auto& file : kEditionFiles) {
      auto body = read_edition(source, file, reader);
      if (body.status == 404 && file == "360giving.json") continue;
      ASSERT_EQ(body.status, 200) << file << ": " << body.body;
      EXPECT_FALSE(std::regex_search(body.body, kInternalReference)) << file;
      // The IATI identifiers of awards carry the public reference, and only the listed awards' appear.
      if (file == "iati.xml" && source == usd_) {
        for (const auto& [reference, award] : iati_awards(body.body)) EXPECT_TRUE(public_refs.count(reference)) << reference;
      }
    }
  }
  // Staff previews follow the same rule.
  for (const auto* file : {"summary", "summary.csv", "summary.html", "iati.xml", "360giving.json"})
    EXPECT_FALSE(std::regex_search(get(usd_, file, token_as("finance")).body, kInternalReference)) << file;
}

TEST_P(ReportsHttp, PreviewAsOfAnEarlierDateShowsWhatWasKnownThen) {
  build_portfolio();
  const auto staff = token_as("finance");
  auto before = get(usd_, "summary", staff, "?as_of=2027-04-15");
  ASSERT_EQ(before.status, 200) << before.body;
  const auto then = before.json();
  const auto& t = then.at("totals");
  EXPECT_EQ(t.at("allocated"), cash("USD", "53952.00"));
  EXPECT_EQ(t.at("disbursed"), cash("USD", "0.00"));
  EXPECT_EQ(t.at("spent"), cash("USD", "0.00"));
  EXPECT_EQ(indicator(then, "OP1.1").at("actual"), (nlohmann::json{{"value", "0"}, {"suppressed", false}}));
  auto before_awards = get(usd_, "summary", staff, "?as_of=2027-01-31");
  EXPECT_EQ(before_awards.json().at("awards").size(), 0u);
  EXPECT_TRUE(IsProblem(get(usd_, "360giving.json", staff, "?as_of=2027-01-31"), 409));
  EXPECT_TRUE(IsInvalid(get(usd_, "summary", staff, "?as_of=2027-02-30"), {"/as_of"}));
  EXPECT_TRUE(IsInvalid(get(usd_, "summary.csv", staff, "?as_of=yesterday"), {"/as_of"}));
}

TEST_P(ReportsHttp, OnlyStaffPreviewAndOnlyTheSourcesOwnDonorReadsItsEditions) {
  publish_first_quarter();
  const auto own = donor_of(usd_);
  const auto other = donor_of(eur_);
  const auto member = member_token(members_[0]);
  const auto reviewer = server().token_for("reviewer", std::nullopt);
  for (const auto* format : {"summary", "summary.json", "summary.csv", "summary.html", "iati.xml", "360giving.json"}) {
    for (const auto* staff : {"finance", "programme", "admin"})
      EXPECT_EQ(get(usd_, format, staff == std::string("admin") ? admin() : token_as(staff)).status, 200)
          << format << " " << staff;
    // A donor reads editions: the live route answers its own source as a missing one.
    auto missing = get(kUnknownId, format, own);
    EXPECT_TRUE(IsProblem(missing, 404)) << format;
    for (const auto* donor : {&own, &other}) {
      auto r = get(usd_, format, *donor);
      EXPECT_EQ(r.status, 404) << format;
      EXPECT_EQ(r.body, missing.body) << format;
      EXPECT_EQ(r.header("content-type"), missing.header("content-type")) << format;
    }
    EXPECT_TRUE(IsProblem(get(usd_, format, member), 403)) << format;
    EXPECT_TRUE(IsProblem(get(usd_, format, reviewer), 403)) << format;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/funding-sources/" + usd_ + "/" + format), 401)) << format;
  }
  for (const auto& file : kEditionFiles) {
    EXPECT_EQ(read_edition(usd_, file, own).status, 200) << file;
    for (const auto* staff : {"finance", "programme", "admin"})
      EXPECT_EQ(read_edition(usd_, file, staff == std::string("admin") ? admin() : token_as(staff)).status, 200)
          << file << " " << staff;
    // Another donor's edition answers exactly as a missing source's.
    auto foreign = read_edition(usd_, file, other);
    auto missing = read_edition(kUnknownId, file, other);
    EXPECT_TRUE(IsProblem(foreign, 404)) << file;
    EXPECT_EQ(foreign.body, missing.body) << file;
    EXPECT_TRUE(IsProblem(read_edition(usd_, file, member), 403)) << file;
    EXPECT_TRUE(IsProblem(read_edition(usd_, file, reviewer), 403)) << file;
    EXPECT_TRUE(IsProblem(http().get(editions_path(usd_) + "/2027-06-30/" + file), 401)) << file;
  }
  // The other donor's attempts are in the audit trail.
  std::set<std::string> denied;
  for (const auto& e : audit_trail("entity_type=funding_source&entity_id=" + usd_))
    if (e.at("outcome") == "denied") denied.insert(e.at("action").get<std::string>());
  EXPECT_TRUE(denied.count("funding_source.summary")) << testing::PrintToString(denied);
  EXPECT_TRUE(denied.count("edition.read")) << testing::PrintToString(denied);
}

MSWA_HTTP_ON_EVERY_BACKEND(ReportsHttp);

}  // namespace mswa::test
