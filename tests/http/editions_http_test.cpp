// Donor editions over HTTP on both databases (DESIGN §9): staff publish a
// funding source's report for a quarter that has ended; the donor reads the
// stored bytes, which never change. Between two editions nothing may change
// that one or two organisations' new figures explain.
#include <sodium.h>

#include <thread>

#include "tests/http/report_fixture.hpp"
#include "tests/support/schema_validation.hpp"

namespace mswa::test {

namespace {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const auto b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0f];
  }
  return out;
}

// Every figure a summary publishes that a later edition could publish again,
// by a stable key: indicator actuals and breakdown cells, baselines and
// targets, country rows, months and the unlisted awards' row.
std::map<std::string, std::string> published_figures(const nlohmann::json& s) {
  std::map<std::string, std::string> out;
  const auto cell = [&](const std::string& key, const nlohmann::json& c) {
    if (c.is_object() && !c.at("suppressed").get<bool>()) out[key] = c.at("value").get<std::string>();
  };
  for (const auto& r : s.at("by_result"))
    for (const auto& i : r.at("indicators")) {
      const auto code = i.at("code").get<std::string>();
      cell("actual/" + code, i.at("actual"));
      cell("baseline/" + code, i.at("baseline"));
      cell("target/" + code, i.at("target"));
      for (const auto& d : i.at("disaggregations"))
        for (const auto& c : d.at("categories"))
          cell("actual/" + code + "/" + d.at("dimension").get<std::string>() + "/" + c.at("category").get<std::string>(), c);
    }
  for (const auto& c : s.at("by_country"))
    for (const auto* k : {"allocated", "disbursed", "spent"})
      out["country/" + (c.at("country").is_null() ? std::string("other") : c.at("country").get<std::string>()) + "/" + k] =
          c.at(k).at("amount").get<std::string>();
  for (const auto& m : s.at("by_month"))
    if (!m.at("suppressed").get<bool>())
      for (const auto* k : {"disbursed", "spent"})
        out["month/" + m.at("month").get<std::string>() + "/" + k] = m.at(k).at("amount").get<std::string>();
  const auto& u = s.at("unlisted_awards");
  cell("unlisted/count", u);
  if (!u.at("money_suppressed").get<bool>())
    for (const auto* k : {"allocated", "disbursed", "spent"})
      out[std::string("unlisted/") + k] = u.at(k).at("amount").get<std::string>();
  return out;
}

}  // namespace

class EditionsHttp : public ReportHttpTest {
 protected:
  // The first edition: the quarter to 2027-06-30, published on 2027-07-05
  // with every first report in. Then only the confidential organisation
  // moves: its second tranche is paid on 2027-08-10 and its report of the
  // quarter to 2027-09-30 accepted on 2027-10-02. The second edition is
  // published on 2027-10-05.
  void publish_two_quarters() {
    build_portfolio();
    travel_to("2027-07-05T09:00:00Z");
    first_ = published(usd_, "2027-06-30");
    as_first_saw_ = members_;
    travel_to("2027-08-10T09:00:00Z");
    pay_tranche(confidential(), 1, "2027-08-10", "second-la");
    travel_to("2027-10-02T09:00:00Z");
    // OP1.1 +17 (woman, trans_woman; migrant), OC1.1 +20 (woman, non_migrant).
    file_report(confidential(), 1,
                {indicator_value("OP1.1", "woman", "migrant", "12"), indicator_value("OP1.1", "trans_woman", "migrant", "5"),
                 indicator_value("OC1.1", "woman", "non_migrant", "20")},
                "40000.00");
    travel_to("2027-10-05T09:00:00Z");
    second_ = published(usd_, "2027-09-30");
    as_second_saw_ = members_;
  }

  // Every file of an edition as staff read it, by name; 360Giving only when listed.
  std::map<std::string, std::string> files_of(const std::string& source_id, const std::string& period_end) {
    std::map<std::string, std::string> out;
    for (const auto& file : kEditionFiles) {
      auto r = edition_file(source_id, period_end, file, token_as("finance"));
      if (r.status == 404 && file == "360giving.json") continue;
      EXPECT_EQ(r.status, 200) << period_end << " " << file << ": " << r.body;
      out[file] = r.body;
    }
    return out;
  }

  nlohmann::json first_, second_;                 // the publication answers
  std::vector<Member> as_first_saw_, as_second_saw_;  // each organisation's money then
};

TEST_P(EditionsHttp, AFigureInBothEditionsChangesOnlyByThreeOrganisationsOrIsWithheld) {
  publish_two_quarters();
  const auto e1 = edition_summary(usd_, "2027-06-30");
  const auto e2 = edition_summary(usd_, "2027-09-30");
  // The confidential organisation's new figures are real: the donor's own
  // accounts move, and a preview, which compares with no edition, counts them.
  EXPECT_GT(minor(e2.at("totals").at("disbursed")), minor(e1.at("totals").at("disbursed")));
  EXPECT_GT(minor(e2.at("totals").at("spent")), minor(e1.at("totals").at("spent")));
  const auto preview = get(usd_, "summary", token_as("finance")).json();
  EXPECT_EQ(indicator(preview, "OP1.1").at("actual").at("value"), "189");
  EXPECT_EQ(indicator(e1, "OP1.1").at("actual").at("value"), "172");

  // The donor's own accounts must be published (rule 5), so a change they
  // already give away is no news: a country row holding every award whose
  // money is not shown changes by the totals' change less the shown awards'.
  std::map<std::string, std::pair<const nlohmann::json*, const nlohmann::json*>> awards;
  for (const auto& a : e1.at("awards")) awards[a.at("id").get<std::string>()].first = &a;
  for (const auto& a : e2.at("awards")) awards[a.at("id").get<std::string>()].second = &a;
  const auto after = published_figures(e2);
  const auto given_by_totals = [&](const std::string& key, long long change) {
    if (key.rfind("country/", 0) != 0) return false;
    const auto row = key.substr(8, key.rfind('/') - 8);
    const auto measure = key.substr(key.rfind('/') + 1);
    long long explained = minor(e2.at("totals").at(measure)) - minor(e1.at("totals").at(measure));
    for (const auto& [id, pair] : awards) {
      const auto& [then, now] = pair;
      const auto country = (now ? now : then)->at("recipient").at("country").get<std::string>();
      const bool in_row = row == "other" ? !after.count("country/" + country + "/allocated") : country == row;
      if (in_row) continue;
      // An award outside the row whose money either edition withholds leaves the change unexplained.
      if (!then || !now || then->at("money_suppressed").get<bool>() || now->at("money_suppressed").get<bool>()) return false;
      explained -= minor(now->at(measure)) - minor(then->at(measure));
    }
    return explained == change;
  };

  const auto before = published_figures(e1);
  int compared = 0;
  for (const auto& [key, value] : after) {
    const auto it = before.find(key);
    if (it == before.end()) continue;
    ++compared;
    if (it->second == value) continue;
    // Only one organisation's figures changed, so no changed figure may be published.
    const bool country_row = key.rfind("country/", 0) == 0;
    const long long change = country_row ? minor({{"amount", value}}) - minor({{"amount", it->second}}) : 0;
    EXPECT_TRUE(country_row && given_by_totals(key, change))
        << key << " went from " << it->second << " to " << value << ", one organisation's change";
  }
  EXPECT_GT(compared, 0);
  // And neither edition lets a subtraction isolate one or two organisations' money.
  expect_no_money_isolated(e1, edition_file(usd_, "2027-06-30", "iati.xml", token_as("finance")).body, as_first_saw_);
  expect_no_money_isolated(e2, edition_file(usd_, "2027-09-30", "iati.xml", token_as("finance")).body, as_second_saw_);
}

TEST_P(EditionsHttp, WithOneOrganisationsNewReportEveryChangedCountIsWithheld) {
  publish_two_quarters();
  const auto e1 = edition_summary(usd_, "2027-06-30");
  const auto e2 = edition_summary(usd_, "2027-09-30");
  // Both actuals changed by the confidential organisation's report alone.
  for (const auto* code : {"OP1.1", "OC1.1"}) {
    EXPECT_FALSE(indicator(e1, code).at("actual").at("suppressed").get<bool>()) << code;
    EXPECT_EQ(indicator(e2, code).at("actual"), (nlohmann::json{{"suppressed", true}})) << code;
    EXPECT_TRUE(indicator(e2, code).at("achievement_percent").is_null()) << code;
  }
  // The cells its report added to are withheld too.
  for (const auto& [code, dimension, name] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"OP1.1", "gender", "woman"},
                                                                      {"OP1.1", "migrant_status", "migrant"},
                                                                      {"OC1.1", "age_group", "not_recorded"}}) {
    EXPECT_FALSE(category(indicator(e1, code), dimension, name).at("suppressed").get<bool>()) << code << " " << name;
    EXPECT_TRUE(category(indicator(e2, code), dimension, name).at("suppressed").get<bool>()) << code << " " << name;
  }
  // Its payment and spending fall in months no one else's do: withheld.
  for (const auto& m : e2.at("by_month")) {
    if (m.at("month") == "2027-08" || m.at("month") == "2027-09") {
      EXPECT_EQ(m, (nlohmann::json{{"month", m.at("month")}, {"suppressed", true}}));
    }
  }
  // What did not change stays published: the targets.
  for (const auto* code : {"OP1.1", "OC1.1"}) {
    EXPECT_EQ(indicator(e2, code).at("target"), indicator(e1, code).at("target")) << code;
    EXPECT_EQ(indicator(e2, code).at("baseline"), indicator(e1, code).at("baseline")) << code;
  }
}

TEST_P(EditionsHttp, AnEditionNeverChangesOnceItIsPublished) {
  build_portfolio();
  travel_to("2027-07-05T09:00:00Z");
  const auto first = published(usd_, "2027-06-30");
  const auto e1 = files_of(usd_, "2027-06-30");
  ASSERT_EQ(e1.size(), kEditionFiles.size());
  // The sha256 the publication gave is the body's, and the ETag says it.
  for (const auto& [file, body] : e1) {
    EXPECT_EQ(first.at("files").at(file).at("sha256"), sha256_hex(body)) << file;
    EXPECT_EQ(edition_file(usd_, "2027-06-30", file, token_as("finance")).header("etag"), "\"" + sha256_hex(body) + "\"")
        << file;
  }
  EXPECT_EQ(first.at("sha256"), sha256_hex(e1.at("summary.json")));

  // The next quarter: one organisation's payment and report, then the second edition.
  travel_to("2027-08-10T09:00:00Z");
  pay_tranche(confidential(), 1, "2027-08-10", "second-la");
  travel_to("2027-10-02T09:00:00Z");
  file_report(confidential(), 1,
              {indicator_value("OP1.1", "woman", "migrant", "12"), indicator_value("OC1.1", "woman", "migrant", "20")},
              "40000.00");
  travel_to("2027-10-05T09:00:00Z");
  const auto second = published(usd_, "2027-09-30");
  const auto e2 = files_of(usd_, "2027-09-30");
  EXPECT_EQ(files_of(usd_, "2027-06-30"), e1);

  // More arrives: another report accepted, and a payment dated inside both
  // quarters but recorded only now.
  travel_to("2027-10-06T09:00:00Z");
  file_report(members_[0], 1,
              {indicator_value("OP1.1", "woman", "migrant", "30"), indicator_value("OC1.1", "woman", "migrant", "25")},
              "50000.00");
  pay_tranche(members_[1], 1, "2027-06-20", "late-kh");
  EXPECT_EQ(files_of(usd_, "2027-06-30"), e1);
  EXPECT_EQ(files_of(usd_, "2027-09-30"), e2);
  EXPECT_EQ(files_of(usd_, "latest"), e2);

  // The donor reads the same bytes; a matching If-None-Match gets 304 and no body.
  const auto donor = donor_of(usd_);
  for (const auto& [period, files, answer] :
       std::vector<std::tuple<std::string, std::map<std::string, std::string>, nlohmann::json>>{
           {"2027-06-30", e1, first}, {"2027-09-30", e2, second}}) {
    for (const auto& [file, body] : files) {
      auto r = edition_file(usd_, period, file, donor);
      ASSERT_EQ(r.status, 200) << period << " " << file << ": " << r.body;
      EXPECT_EQ(r.body, body) << period << " " << file;
      const auto etag = "\"" + sha256_hex(body) + "\"";
      EXPECT_EQ(r.header("etag"), etag) << period << " " << file;
      EXPECT_EQ(answer.at("files").at(file).at("sha256"), sha256_hex(body)) << period << " " << file;
      auto again = edition_file(usd_, period, file, donor, {{"If-None-Match", etag}});
      EXPECT_EQ(again.status, 304) << period << " " << file;
      EXPECT_EQ(again.body, "") << period << " " << file;
      EXPECT_EQ(again.header("etag"), etag) << period << " " << file;
      auto stale = edition_file(usd_, period, file, donor, {{"If-None-Match", "\"" + std::string(64, '0') + "\""}});
      EXPECT_EQ(stale.status, 200) << period << " " << file;
      EXPECT_EQ(stale.body, body) << period << " " << file;
    }
  }

  // What arrived late appears in the next edition: by the end of the year
  // everything is booked and recorded, and that edition is the balances.
  travel_to("2028-01-05T09:00:00Z");
  published(usd_, "2027-12-31");
  const auto b = balances(usd_);
  const auto e3 = edition_summary(usd_, "2027-12-31");
  for (const auto* k : {"received", "allocated", "disbursed", "spent", "available"})
    EXPECT_EQ(e3.at("totals").at(k), b.at(k)) << k;
  EXPECT_NE(nlohmann::json::parse(e2.at("summary.json")).at("totals").at("disbursed"), b.at("disbursed"));
  EXPECT_EQ(files_of(usd_, "2027-06-30"), e1);
  EXPECT_EQ(files_of(usd_, "2027-09-30"), e2);
}

TEST_P(EditionsHttp, LatestIsTheNewestAndTheListIsNewestFirst) {
  publish_two_quarters();
  const auto donor = donor_of(usd_);
  EXPECT_EQ(first_.at("period_end"), "2027-06-30");
  EXPECT_TRUE(first_.at("previous_period_end").is_null());
  EXPECT_EQ(first_.at("published_at"), "2027-07-05T09:00:00Z");
  EXPECT_EQ(second_.at("period_end"), "2027-09-30");
  EXPECT_EQ(second_.at("previous_period_end"), "2027-06-30");
  EXPECT_EQ(second_.at("published_at"), "2027-10-05T09:00:00Z");
  EXPECT_EQ(second_.at("published_by"), me(token_as("programme")).json().at("id"));
  for (const auto& file : kEditionFiles) EXPECT_TRUE(second_.at("files").contains(file)) << file;

  // Staff and the donor see both, newest first, as they were published.
  for (const auto& token : {token_as("finance"), donor}) {
    auto r = editions(usd_, token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json(), (nlohmann::json{{"items", {second_, first_}}, {"next_cursor", nullptr}}));
  }
  // "latest" is the second edition, in every format.
  for (const auto& file : kEditionFiles) {
    auto latest = edition_file(usd_, "latest", file, donor);
    auto dated = edition_file(usd_, "2027-09-30", file, donor);
    ASSERT_EQ(latest.status, 200) << file << ": " << latest.body;
    EXPECT_EQ(latest.body, dated.body) << file;
    EXPECT_EQ(latest.header("etag"), dated.header("etag")) << file;
  }
  // Each summary says which edition it is.
  const auto s = edition_summary(usd_, "latest");
  EXPECT_EQ(s.at("edition"), (nlohmann::json{{"period_end", "2027-09-30"},
                                             {"published_at", "2027-10-05T09:00:00Z"},
                                             {"previous_period_end", "2027-06-30"}}));
  EXPECT_EQ(s.at("as_of"), "2027-09-30");
  EXPECT_EQ(edition_summary(usd_, "2027-06-30").at("edition"),
            (nlohmann::json{{"period_end", "2027-06-30"}, {"published_at", "2027-07-05T09:00:00Z"},
                            {"previous_period_end", nullptr}}));
}

TEST_P(EditionsHttp, OnlyStaffAndTheSourcesOwnDonorReadEditionsAndOnlyStaffPublish) {
  build_portfolio();
  travel_to("2027-07-05T09:00:00Z");
  published(usd_, "2027-06-30");
  const auto own = donor_of(usd_);
  const auto other = donor_of(eur_);  // eur_ has no edition yet
  const auto member = member_token(members_[0]);
  const auto reviewer = server().token_for("reviewer", std::nullopt);

  // Another donor's source, a missing edition and a missing source answer alike.
  auto missing_list = editions(kUnknownId, other);
  EXPECT_TRUE(IsProblem(missing_list, 404));
  auto foreign_list = editions(usd_, other);
  EXPECT_EQ(foreign_list.status, 404);
  EXPECT_EQ(foreign_list.body, missing_list.body);
  EXPECT_EQ(editions("not-a-uuid", own).body, missing_list.body);
  for (const auto& file : kEditionFiles) {
    auto missing = edition_file(kUnknownId, "2027-06-30", file, other);
    EXPECT_TRUE(IsProblem(missing, 404)) << file;
    const std::vector<std::pair<std::string, HttpResult>> alike = {
        {"another donor's edition", edition_file(usd_, "2027-06-30", file, other)},
        {"another donor's latest", edition_file(usd_, "latest", file, other)},
        {"a quarter not published", edition_file(usd_, "2027-03-31", file, own)},
        {"not a date", edition_file(usd_, "yesterday", file, own)},
        {"no edition yet", edition_file(eur_, "latest", file, other)},
        {"a malformed id", edition_file("not-a-uuid", "latest", file, own)}};
    for (const auto& [what, r] : alike) {
      EXPECT_EQ(r.status, 404) << what << " " << file;
      EXPECT_EQ(r.body, missing.body) << what << " " << file;
      EXPECT_EQ(r.header("content-type"), missing.header("content-type")) << what << " " << file;
    }
  }
  EXPECT_EQ(editions(eur_, other).json().at("items"), nlohmann::json::array());

  // Members and reviewers are no readers; nobody without a session is.
  EXPECT_TRUE(IsProblem(editions(usd_, member), 403));
  EXPECT_TRUE(IsProblem(editions(usd_, reviewer), 403));
  EXPECT_TRUE(IsProblem(http().get(editions_path(usd_)), 401));
  for (const auto& file : kEditionFiles) {
    EXPECT_TRUE(IsProblem(edition_file(usd_, "latest", file, member), 403)) << file;
    EXPECT_TRUE(IsProblem(edition_file(usd_, "latest", file, reviewer), 403)) << file;
  }
  // The other donor's attempts are in the audit trail.
  bool denied = false;
  for (const auto& e : audit_trail("entity_type=funding_source&entity_id=" + usd_))
    denied = denied || (e.at("action") == "edition.read" && e.at("outcome") == "denied");
  EXPECT_TRUE(denied);

  // Donors, members and reviewers cannot publish; each kind of staff can.
  const auto listed = editions(usd_, token_as("finance")).body;
  for (const auto& token : {own, member, reviewer}) EXPECT_TRUE(IsProblem(publish(eur_, "2027-03-31", token), 403));
  EXPECT_TRUE(IsProblem(http().post(editions_path(eur_), {{"period_end", "2027-03-31"}}), 401));
  EXPECT_EQ(editions(eur_, token_as("finance")).json().at("items"), nlohmann::json::array());
  EXPECT_EQ(editions(usd_, token_as("finance")).body, listed);
  EXPECT_EQ(publish(eur_, "2027-03-31", token_as("finance")).status, 201);
  EXPECT_EQ(publish(eur_, "2027-06-30", admin()).status, 201);
  EXPECT_EQ(editions(eur_, other).json().at("items").size(), 2u);
}

TEST_P(EditionsHttp, RefusalsSayWhyAndWriteNothing) {
  const auto source = funding_source();
  const auto staff = [&] { return token_as("programme"); };
  const auto listing = [&] { return editions(source, token_as("finance")).body; };
  // Every refusal leaves the list as it was.
  const auto refused = [&](const HttpResult& r, int status, const std::string& code, const std::string& what) {
    const auto before = listing();
    EXPECT_TRUE(IsProblem(r, status)) << what;
    if (!code.empty()) {
      const auto body = r.json();
      if (status == 422) {
        ASSERT_FALSE(body.at("errors").empty()) << what;
        EXPECT_EQ(body.at("errors")[0].at("pointer"), "/period_end") << what;
        EXPECT_EQ(body.at("errors")[0].at("code"), code) << what;
      } else {
        EXPECT_EQ(body.value("code", ""), code) << what << ": " << r.body;
      }
    }
    EXPECT_EQ(listing(), before) << what;
  };

  // A quarter is published only once it has ended: not on its last day.
  travel_to("2027-03-31T23:59:59Z");
  refused(publish(source, "2027-03-31", staff()), 409, "period_not_ended", "the quarter's last day");
  refused(publish(source, "2027-06-30", staff()), 409, "period_not_ended", "a later quarter");
  EXPECT_EQ(editions(source, token_as("finance")).json().at("items"), nlohmann::json::array());
  travel_to("2027-04-01T00:00:00Z");
  ASSERT_EQ(publish(source, "2027-03-31", staff()).status, 201);

  // Dates that are not dates, or not quarter ends.
  for (const auto* date : {"2027-3-31", "31/03/2027", "", "2027-02-30", "2027-13-31", "latest"})
    refused(publish(source, date, staff()), 422, "invalid_date", std::string("date '") + date + "'");
  for (const auto* date : {"2027-05-31", "2027-03-30", "2027-06-31", "2027-01-01"})
    refused(publish(source, date, staff()), 422, std::string(date) == "2027-06-31" ? "invalid_date" : "not_a_quarter_end",
            date);
  // Bodies that do not say one date.
  for (const auto& [body, pointers] : std::vector<std::pair<nlohmann::json, std::vector<std::string>>>{
           {{{"period_end", "2027-03-31"}, {"format", "pdf"}}, {"/format"}},
           {nlohmann::json::object(), {"/period_end"}},
           {{{"period_end", 20270331}}, {"/period_end"}},
           {{{"period_end", nullptr}}, {"/period_end"}}}) {
    auto r = http().post(editions_path(source), body, staff());
    EXPECT_TRUE(IsInvalid(r, pointers)) << body.dump();
    refused(r, 422, "", body.dump());
  }
  refused(send("POST", editions_path(source), "{\"period_end\":", staff()), 400, "", "malformed JSON");
  refused(send("POST", editions_path(source), "period_end=2027-03-31", staff(), "application/x-www-form-urlencoded"),
          415, "", "a form");

  // This quarter again, or an earlier one once a later is out.
  refused(publish(source, "2027-03-31", staff()), 409, "edition_exists", "the same quarter");
  refused(publish(source, "2026-12-31", staff()), 409, "edition_exists", "an earlier quarter");
  travel_to("2027-07-01T00:00:00Z");
  ASSERT_EQ(publish(source, "2027-06-30", staff()).status, 201);
  refused(publish(source, "2027-03-31", staff()), 409, "edition_exists", "the earlier quarter after the later one");
  refused(publish(source, "2027-06-30", staff()), 409, "edition_exists", "the later quarter again");

  // A source that does not exist, whatever the date.
  for (const auto* date : {"2027-06-30", "2027-09-30"}) {
    auto r = publish(kUnknownId, date, staff());
    EXPECT_TRUE(IsProblem(r, 404)) << date;
    EXPECT_EQ(r.body, editions(kUnknownId, staff()).body) << date;
  }
  EXPECT_TRUE(IsProblem(publish("not-a-uuid", "2027-03-31", staff()), 404));

  const auto items = editions(source, token_as("finance")).json().at("items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("period_end"), "2027-06-30");
  EXPECT_EQ(items[1].at("period_end"), "2027-03-31");
}

// Publications of one source queue: of several at once for one quarter,
// one is stored and the rest are told it exists.
TEST_P(EditionsHttp, PublishingOneQuarterAtOnceMakesOneEdition) {
  build_portfolio();
  const auto& programme = token_as("programme");
  std::vector<HttpResult> answers(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i)
    threads.emplace_back([&, i] { answers[i] = publish(usd_, "2027-06-30", programme); });
  for (auto& t : threads) t.join();
  std::vector<int> statuses;
  for (const auto& a : answers) {
    statuses.push_back(a.status);
    if (a.status == 409) {
      EXPECT_EQ(a.json().at("code"), "edition_exists") << a.body;
    }
  }
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{201, 409, 409, 409}));
  const auto items = editions(usd_, token_as("finance")).json().at("items");
  ASSERT_EQ(items.size(), 1u);
  for (const auto& [file, body] : files_of(usd_, "2027-06-30"))
    EXPECT_EQ(items[0].at("files").at(file).at("sha256"), sha256_hex(body)) << file;
}

TEST_P(EditionsHttp, LiveSummariesArePreviewsForStaffAndEditionsSayWhichQuarter) {
  build_portfolio();
  published(usd_, "2027-06-30");
  const auto donor = donor_of(usd_);
  const std::string banner = "Preview \u2014 not for circulation";
  const std::vector<std::string> live = {"summary", "summary.json", "summary.csv", "summary.html", "iati.xml",
                                         "360giving.json"};
  for (const auto& format : live) {
    // The donor reads editions: its own source's live route answers as a missing source's.
    auto r = get(usd_, format, donor);
    auto missing = get(kUnknownId, format, donor);
    EXPECT_TRUE(IsProblem(r, 404)) << format;
    EXPECT_EQ(r.body, missing.body) << format;
    // Staff see a preview that says so in every format.
    auto preview = get(usd_, format, token_as("programme"));
    ASSERT_EQ(preview.status, 200) << format << ": " << preview.body;
    if (format == "summary" || format == "summary.json") {
      EXPECT_EQ(preview.json().at("preview"), true) << format;
      EXPECT_FALSE(preview.json().contains("edition")) << format;
    } else {
      EXPECT_NE(preview.body.find(banner), std::string::npos) << format;
    }
  }
  EXPECT_NE(get(usd_, "iati.xml", token_as("programme")).body.find("<!--"), std::string::npos);

  // An edition is not a preview, and says which quarter it holds.
  const auto s = edition_summary(usd_, "2027-06-30");
  EXPECT_EQ(s.at("preview"), false);
  EXPECT_EQ(s.at("edition"), (nlohmann::json{{"period_end", "2027-06-30"},
                                             {"published_at", "2027-07-02T09:00:00Z"},
                                             {"previous_period_end", nullptr}}));
  for (const auto& [file, body] : files_of(usd_, "2027-06-30"))
    EXPECT_EQ(body.find("not for circulation"), std::string::npos) << file;
}

TEST_P(EditionsHttp, EditionExportsValidate) {
  publish_two_quarters();
  for (const auto* period : {"2027-06-30", "2027-09-30"}) {
    const auto files = files_of(usd_, period);
    ASSERT_TRUE(files.count("360giving.json")) << period;  // the public organisation's award is shown
    EXPECT_EQ(iati_schema_errors(files.at("iati.xml")), "") << period;
    EXPECT_EQ(giving360_schema_errors(files.at("360giving.json")), "") << period;
    EXPECT_EQ(edition_file(usd_, period, "iati.xml", token_as("finance")).header("content-type"),
              "application/xml; charset=utf-8");
    EXPECT_EQ(edition_file(usd_, period, "360giving.json", token_as("finance")).header("content-type"),
              "application/json");
  }
  // A quarter before any award: no grant, so no 360Giving file; the IATI file still validates.
  const auto empty = source("RCF-2026-02", "USD", "10000.00", "10000.00");
  const auto answer = published(empty, "2027-06-30");
  EXPECT_FALSE(answer.at("files").contains("360giving.json")) << answer.dump();
  auto giving = edition_file(empty, "2027-06-30", "360giving.json", donor_of(empty));
  EXPECT_TRUE(IsProblem(giving, 404));
  EXPECT_EQ(giving.body, edition_file(kUnknownId, "2027-06-30", "360giving.json", donor_of(empty)).body);
  auto iati = edition_file(empty, "2027-06-30", "iati.xml", donor_of(empty));
  ASSERT_EQ(iati.status, 200) << iati.body;
  EXPECT_EQ(iati_schema_errors(iati.body), "");
}

TEST_P(EditionsHttp, NoEditionFileNamesTheConfidentialOrganisation) {
  publish_two_quarters();
  published(eur_, "2027-09-30");
  const auto& la = confidential();
  for (const auto& [source, period] : std::vector<std::pair<std::string, std::string>>{
           {usd_, "2027-06-30"}, {usd_, "2027-09-30"}, {eur_, "2027-09-30"}}) {
    for (const auto& [file, body] : files_of(source, period)) {
      const auto where = period + " " + file;
      EXPECT_EQ(body.find("organisation LA"), std::string::npos) << where;
      EXPECT_EQ(body.find("in LA "), std::string::npos) << where;  // its narrative
      EXPECT_EQ(body.find(la.org), std::string::npos) << where;
      EXPECT_EQ(body.find(la.award), std::string::npos) << where;
      for (const auto* country : {"\"LA\"", "Lao PDR", ",LA,", "Laos"})
        EXPECT_EQ(body.find(country), std::string::npos) << where << " names " << country;
      EXPECT_FALSE(std::regex_search(body, kInternalReference)) << where;
    }
  }
}

MSWA_HTTP_ON_EVERY_BACKEND(EditionsHttp);

}  // namespace mswa::test
