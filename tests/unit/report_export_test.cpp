// The IATI 2.03 and 360Giving 1.4 exports of a funding source's summary:
// valid against the standards (checked by xmllint and jsonschema), exact to
// the minor unit, and never showing a withheld figure. Also, across all five
// formats: a withheld award's money appears in none of them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <regex>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "reports/renderers.hpp"
#include "tests/support/schema_validation.hpp"

namespace mswa::reports {
namespace {

using domain::Currency;
using domain::LedgerKind;
using domain::Money;
using nlohmann::json;

const Currency kUSD{"USD", 2};
const Currency kTHB{"THB", 2};
const Currency kKHR{"KHR", 2};
const Currency kVND{"VND", 0};

constexpr std::int64_t e4(std::int64_t whole) { return whole * 10000; }

Cell shown(std::int64_t value_e4) { return Cell{value_e4}; }
Cell withheld() { return Cell{}; }

domain::SummaryTransaction txn(const std::string& award, LedgerKind kind, const std::string& on, std::int64_t amount) {
  static int next = 0;
  return {award, "t-" + std::to_string(++next), kind, on, amount};
}

domain::SummaryTarget target(const std::string& award, const std::string& code, const std::string& baseline,
                             const std::string& value) {
  domain::SummaryTarget t;
  t.award_id = award;
  t.indicator_code = code;
  t.baseline = baseline;
  t.target = value;
  return t;
}

Recipient pseudonymous(const std::string& country, int number) {
  const std::string label = "Member organisation " + country + "-" + std::to_string(number);
  return {true, false, label, label, "", country};
}

Recipient named(const std::string& name, const std::string& name_en, const std::string& iati_ref,
                const std::string& country) {
  return {true, true, name, name_en, iati_ref, country};
}

const std::string kThaiName = "มูลนิธิเพื่อนหญิง";
const std::string kKhmerName = "ស្ថាប័នឧទាហរណ៍";
const std::string kAwkwardTitle = "Safety & \"rights\" <workshops> for sex workers' groups — ความปลอดภัย";

// A USD funding source with four listed awards: a pseudonymous member in
// Cambodia (THB award, reversals), a public Thai foundation with an IATI
// reference, a public Khmer-named network without one (KHR award), and a
// pseudonymous Vietnamese member (VND award) whose ledger lines were not asked for.
PublishedSummary sample() {
  PublishedSummary s;
  s.as_of = "2027-10-15";
  s.generated_at = "2027-10-16T08:30:00Z";
  s.alliance_name = "Mekong Sex Workers Alliance";
  s.alliance_ref = "XI-MSWA";
  s.source_id = "src-1";
  s.source_reference = "RCF-2027-14";
  s.source_title = "Core support 2027";
  s.source_amount = Money{25000000, kUSD};
  s.source_start_date = "2027-01-01";
  s.source_end_date = "2028-12-31";
  s.source_result_codes = {"OP1", "OC2", "OC3", "OC4"};
  s.donor_id = "donor-1";
  s.donor_name = "Red Umbrella Fund";
  s.donor_iati_ref = "NL-KVK-12345678";
  s.donor_country = "NL";
  s.currency = kUSD;
  s.receipts = {{"r-1", "src-1", Money{12500000, kUSD}, "2027-01-10", 0},
                {"r-2", "src-1", Money{7500050, kUSD}, "2027-06-01", 0}};
  s.received = Money{20000050, kUSD};
  s.countries = {{"KH", Money{3300025, kUSD}, Money{1800050, kUSD}, Money{0, kUSD}},
                 {"TH", Money{123456789, kUSD}, Money{61728396, kUSD}, Money{0, kUSD}},
                 {"VN", Money{590000, kUSD}, Money{0, kUSD}, Money{0, kUSD}}};

  PublishedIndicator op11{"OP1.1",
                          "VASW incidents documented by community monitors",
                          domain::Measure::unit,
                          true,
                          shown(e4(0)),
                          shown(e4(420)),
                          shown(e4(387)),
                          "92.1",
                          {}};
  op11.breakdowns = {
      {domain::Dimension::gender,
       {{"woman", shown(e4(210))},
        {"trans_woman", shown(e4(150))},
        {"non_binary", withheld()},
        {"not_recorded", withheld()}}},
      {domain::Dimension::migrant_status, {{"migrant", shown(e4(120))}, {"non_migrant", shown(e4(267))}}}};
  PublishedIndicator oc21{"OC2.1",
                          "Members reporting better working conditions",
                          domain::Measure::percentage,
                          true,
                          shown(125000),
                          shown(e4(40)),
                          shown(333000),
                          "83.3",
                          {}};
  PublishedIndicator oc31{"OC3.1",
                          "Sex workers' involvement in policy forums",
                          domain::Measure::qualitative,
                          true,
                          withheld(),
                          withheld(),
                          withheld(),
                          std::nullopt,
                          {}};
  PublishedIndicator oc41{"OC4.1",
                          "Sex workers accessing legal or health services",
                          domain::Measure::unit,
                          true,
                          shown(e4(10)),
                          shown(e4(200)),
                          withheld(),
                          std::nullopt,
                          {}};
  oc41.breakdowns = {{domain::Dimension::gender, {{"woman", withheld()}, {"trans_woman", withheld()}}}};
  s.results = {
      {"OP1", "Community-driven human rights monitoring and evidence on VASW", domain::ResultKind::output, {op11}},
      {"OC2", "Decreased stigma, discrimination and violence", domain::ResultKind::outcome, {oc21}},
      {"OC3", "Meaningful involvement and leadership", domain::ResultKind::outcome, {oc31}},
      {"OC4", "Access to health and justice services", domain::ResultKind::outcome, {oc41}},
  };

  PublishedAward a1;
  a1.id = "aw-1";
  a1.reference = "G7K3M9Q2XA";
  a1.title = "Community rights monitoring";
  a1.recipient = pseudonymous("KH", 2);
  a1.start_date = "2027-04-01";
  a1.end_date = "2028-03-31";
  a1.decided_on = "2027-03-15";
  a1.amount = Money{30000000, kTHB};
  a1.share = Money{28500000, kTHB};
  a1.allocated = Money{800000, kUSD};
  a1.disbursed = Money{550050, kUSD};
  a1.spent = Money{100075, kUSD};
  a1.transactions = {
      txn("aw-1", LedgerKind::allocation, "2027-03-15", 843000),
      txn("aw-1", LedgerKind::payment, "2027-04-16", 300000),
      txn("aw-1", LedgerKind::allocation, "2027-05-01", -43000),  // reversal of part of the decision
      txn("aw-1", LedgerKind::payment, "2027-07-20", 250050),
      txn("aw-1", LedgerKind::payment, "2027-07-22", -250050),  // a payment reversed
      txn("aw-1", LedgerKind::payment, "2027-07-25", 250050),
      txn("aw-1", LedgerKind::expenditure, "2027-09-30", 120075),
      txn("aw-1", LedgerKind::expenditure, "2027-10-02", -20000),
  };
  a1.targets = {target("aw-1", "OP1.1", "0", "120"), target("aw-1", "OC4.1", "10", "200"),
                target("aw-1", "OC3.1", "", "")};

  PublishedAward a2;
  a2.id = "aw-2";
  a2.reference = "P4T8W2N6RB";
  a2.title = kAwkwardTitle;
  a2.recipient = named(kThaiName, "Friends of Women Foundation", "TH-DOPA-0105551234567", "TH");
  a2.start_date = "2027-03-01";
  a2.end_date = "2027-08-31";
  a2.decided_on = "2027-02-20";
  a2.amount = Money{4320000000, kTHB};
  a2.share = Money{4320000000, kTHB};
  a2.allocated = Money{123456789, kUSD};
  a2.disbursed = Money{61728396, kUSD};
  a2.spent = Money{0, kUSD};
  a2.transactions = {txn("aw-2", LedgerKind::allocation, "2027-02-20", 123456789),
                     txn("aw-2", LedgerKind::payment, "2027-03-01", 61728395),
                     txn("aw-2", LedgerKind::payment, "2027-03-02", 1)};
  a2.targets = {target("aw-2", "OC2.1", "12.5", "40")};

  PublishedAward a3;
  a3.id = "aw-3";
  a3.reference = "H9C5V3L7QE";
  a3.title = "ការគាំទ្រសហគមន៍";
  a3.recipient = named(kKhmerName, "Example Network", "", "KH");
  a3.start_date = "2027-05-15";
  a3.end_date = "2028-05-14";
  a3.decided_on = "2027-05-01";
  a3.amount = Money{10250000000, kKHR};
  a3.share = Money{10250000000, kKHR};
  a3.allocated = Money{2500025, kUSD};
  a3.disbursed = Money{1250000, kUSD};
  a3.spent = Money{0, kUSD};
  a3.transactions = {txn("aw-3", LedgerKind::allocation, "2027-05-01", 2500025),
                     txn("aw-3", LedgerKind::payment, "2027-05-10", 1250000)};
  a3.targets = {target("aw-3", "OP6.2", "0", "5")};  // an indicator the summary does not describe

  PublishedAward a4;
  a4.id = "aw-4";
  a4.reference = "D2X6J8M4KF";
  a4.title = "Peer outreach";
  a4.recipient = pseudonymous("VN", 1);
  a4.start_date = "2027-07-01";
  a4.end_date = "2027-12-20";
  a4.decided_on = "2027-06-15";
  a4.amount = Money{150000000, kVND};
  a4.share = Money{150000000, kVND};
  a4.allocated = Money{590000, kUSD};
  a4.disbursed = Money{0, kUSD};
  a4.spent = Money{0, kUSD};

  s.awards = {a1, a2, a3, a4};
  s.allocated = Money{127346814, kUSD};
  s.disbursed = Money{63528446, kUSD};
  return s;
}

// The sample as a donor edition: the quarter to 30 September, no longer a preview.
PublishedSummary edition_sample() {
  PublishedSummary s = sample();
  s.preview = false;
  s.as_of = "2027-09-30";
  s.edition = EditionInfo{"2027-09-30", "2027-10-16T08:30:00Z", "2027-06-30"};
  return s;
}

// A withheld award's money in every form a renderer could print it.
const std::vector<std::string> kWithheldAmounts{
    "22222222.22", "22,222,222.22",  // the award's amount (THB)
    "11111111.11", "11,111,111.11",  // the source's share of it
    "777777.77",   "777,777.77",     // allocated
    "333333.33",   "333,333.33",     // disbursed
    "44444.44",    "44,444.44",      // spent
};

// The sample with the first award's money withheld. The money and its
// ledger lines are left in place, as if they had not been cleared, so only
// the flag keeps them out.
PublishedSummary withheld_award_sample() {
  PublishedSummary s = sample();
  PublishedAward& a = s.awards[0];  // G7K3M9Q2XA, Member organisation KH-2
  a.money_withheld = true;
  a.amount = Money{2222222222, kTHB};
  a.share = Money{1111111111, kTHB};
  a.allocated = Money{77777777, kUSD};
  a.disbursed = Money{33333333, kUSD};
  a.spent = Money{4444444, kUSD};
  a.transactions = {txn("aw-1", LedgerKind::allocation, "2027-03-15", 77777777),
                    txn("aw-1", LedgerKind::payment, "2027-04-16", 33333333),
                    txn("aw-1", LedgerKind::expenditure, "2027-09-30", 4444444)};
  return s;
}

std::vector<std::string> leaked_amounts(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& amount : kWithheldAmounts)
    if (text.find(amount) != std::string::npos) out.push_back(amount);
  return out;
}

// ------------------------------------------------------------ reading the XML back

// The text of every element `name` (with its tags), in document order.
std::vector<std::string> elements(const std::string& xml, const std::string& name) {
  std::vector<std::string> out;
  const std::string open = "<" + name, close = "</" + name + ">";
  for (std::size_t at = 0; (at = xml.find(open, at)) != std::string::npos;) {
    const char next = xml[at + open.size()];
    if (next != ' ' && next != '>' && next != '/') {
      at += open.size();
      continue;
    }
    const auto tag_end = xml.find('>', at);
    if (xml[tag_end - 1] == '/') {  // <name .../>
      out.push_back(xml.substr(at, tag_end + 1 - at));
      at = tag_end + 1;
      continue;
    }
    const auto end = xml.find(close, at);
    out.push_back(xml.substr(at, end + close.size() - at));
    at = end + close.size();
  }
  return out;
}

std::string attribute(const std::string& element, const std::string& name) {
  std::smatch m;
  if (std::regex_search(element, m, std::regex("\\s" + name + "=\"([^\"]*)\""))) return m[1];
  return "";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The activity whose iati-identifier is `id`.
std::string activity(const std::string& xml, const std::string& id) {
  for (const auto& a : elements(xml, "iati-activity"))
    if (contains(a, "<iati-identifier>" + id + "</iati-identifier>")) return a;
  ADD_FAILURE() << "no activity " << id;
  return "";
}

struct Txn {
  std::string type, date, value;
  friend bool operator==(const Txn&, const Txn&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Txn& t) {
    return os << "{" << t.type << " " << t.date << " " << t.value << "}";
  }
};

std::vector<Txn> transactions(const std::string& activity_xml) {
  std::vector<Txn> out;
  const std::regex value_re("<value value-date=\"([^\"]+)\">([^<]+)</value>");
  for (const auto& t : elements(activity_xml, "transaction")) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(t, m, value_re)) << t;
    out.push_back({attribute(elements(t, "transaction-type").at(0), "code"),
                   attribute(elements(t, "transaction-date").at(0), "iso-date"), m[2]});
    EXPECT_EQ(m[1], out.back().date);
  }
  return out;
}

std::int64_t minor_units(const std::string& value, const Currency& c) {
  const auto parsed = domain::parse_amount(value, c, /*allow_negative=*/true);
  EXPECT_TRUE(parsed.has_value()) << value;
  return parsed.value_or(0);
}

// The indicator block with reference code `code` inside `xml`.
std::string indicator(const std::string& xml, const std::string& code) {
  for (const auto& i : elements(xml, "indicator"))
    if (contains(i, "code=\"" + code + "\"")) return i;
  ADD_FAILURE() << "no indicator " << code;
  return "";
}

// ------------------------------------------------------------ IATI

TEST(IatiXml, ValidatesAgainstTheIati203Schema) {
  const std::string xml = iati_activities_xml(sample());
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  EXPECT_TRUE(
      xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Preview \u2014 not for circulation -->\n"
                      "<iati-activities version=\"2.03\" generated-datetime=\"2027-10-16T08:30:00Z\">"));
}

TEST(IatiXml, ProgrammeActivityIsTheSourceFundedByTheDonor) {
  const std::string xml = iati_activities_xml(sample());
  ASSERT_EQ(elements(xml, "iati-activity").size(), 5u);
  const std::string p = activity(xml, "XI-MSWA-RCF-2027-14");
  EXPECT_TRUE(contains(p, "hierarchy=\"1\""));
  EXPECT_TRUE(contains(p, "default-currency=\"USD\""));
  EXPECT_TRUE(contains(p, "<reporting-org ref=\"XI-MSWA\" type=\"23\">"));
  EXPECT_TRUE(contains(p, "<participating-org ref=\"NL-KVK-12345678\" role=\"1\">"));
  EXPECT_TRUE(contains(p, "<participating-org ref=\"XI-MSWA\" type=\"23\" role=\"2\">"));
  EXPECT_TRUE(contains(p, "<participating-org ref=\"XI-MSWA\" type=\"23\" role=\"3\">"));
  EXPECT_TRUE(contains(p, "<activity-status code=\"2\"/>"));  // 2027-10-15 is inside 2027-01-01..2028-12-31
  EXPECT_TRUE(contains(p, "<activity-date type=\"1\" iso-date=\"2027-01-01\"/>"));
  EXPECT_TRUE(contains(p, "<activity-date type=\"3\" iso-date=\"2028-12-31\"/>"));

  // Receipts are incoming funds from the donor, to the cent.
  const std::vector<Txn> expected{{"1", "2027-01-10", "125000.00"}, {"1", "2027-06-01", "75000.50"}};
  EXPECT_EQ(transactions(p), expected);
  for (const auto& t : elements(p, "transaction")) {
    EXPECT_TRUE(contains(t, "<provider-org ref=\"NL-KVK-12345678\">")) << t;
  }

  // Parent and children point at each other.
  for (const std::string ref : {"G7K3M9Q2XA", "P4T8W2N6RB", "H9C5V3L7QE", "D2X6J8M4KF"}) {
    EXPECT_TRUE(contains(p, "<related-activity ref=\"XI-MSWA-" + ref + "\" type=\"2\"/>")) << ref;
    const std::string child = activity(xml, "XI-MSWA-" + ref);
    EXPECT_TRUE(contains(child, "hierarchy=\"2\""));
    EXPECT_TRUE(contains(child, "<related-activity ref=\"XI-MSWA-RCF-2027-14\" type=\"1\"/>"));
  }

  // Country shares of the allocations sum to 100.
  double total = 0;
  for (const auto& c : elements(p, "recipient-country")) total += std::stod(attribute(c, "percentage"));
  EXPECT_NEAR(total, 100.0, 1e-9);
}

TEST(IatiXml, AwardTransactionsCarryExactCodesAndAmounts) {
  const PublishedSummary s = sample();
  const std::string xml = iati_activities_xml(s);

  const std::vector<Txn> expected{
      {"2", "2027-03-15", "8430.00"}, {"3", "2027-04-16", "3000.00"},  {"2", "2027-05-01", "-430.00"},
      {"3", "2027-07-20", "2500.50"}, {"3", "2027-07-22", "-2500.50"}, {"3", "2027-07-25", "2500.50"},
      {"4", "2027-09-30", "1200.75"}, {"4", "2027-10-02", "-200.00"},
  };
  EXPECT_EQ(transactions(activity(xml, "XI-MSWA-G7K3M9Q2XA")), expected);

  // Per award: disbursements add up to what was disbursed, commitments to
  // what was allocated, to the minor unit.
  for (const auto& a : s.awards) {
    std::int64_t disbursed = 0, committed = 0;
    for (const auto& t : transactions(activity(xml, "XI-MSWA-" + a.reference))) {
      if (t.type == "3") disbursed += minor_units(t.value, s.currency);
      if (t.type == "2") committed += minor_units(t.value, s.currency);
    }
    EXPECT_EQ(disbursed, a.disbursed.minor) << a.reference;
    EXPECT_EQ(committed, a.allocated.minor) << a.reference;
  }

  // Commitments and disbursements go from MSWA to the recipient; expenditure names no one.
  for (const auto& t : elements(activity(xml, "XI-MSWA-G7K3M9Q2XA"), "transaction")) {
    const std::string type = attribute(elements(t, "transaction-type").at(0), "code");
    EXPECT_EQ(contains(t, "<receiver-org"), type != "4") << t;
    if (type != "4") {
      EXPECT_TRUE(contains(t, "<provider-org ref=\"XI-MSWA\"")) << t;
    }
  }
}

TEST(IatiXml, AwardWithoutLedgerLinesShowsItsCommitment) {
  const std::string a4 = activity(iati_activities_xml(sample()), "XI-MSWA-D2X6J8M4KF");
  const std::vector<Txn> expected{{"2", "2027-06-15", "5900.00"}};
  EXPECT_EQ(transactions(a4), expected);
}

TEST(IatiXml, RecipientsAreReferencedOnlyWhenTheyChoseToBeNamed) {
  const std::string xml = iati_activities_xml(sample());
  const auto implementing = [&](const std::string& ref) {
    for (const auto& o : elements(activity(xml, "XI-MSWA-" + ref), "participating-org"))
      if (attribute(o, "role") == "4") return o;
    return std::string();
  };
  const std::string pseudonymous = implementing("G7K3M9Q2XA");
  EXPECT_EQ(attribute(pseudonymous, "ref"), "");
  EXPECT_TRUE(contains(pseudonymous, "<narrative>Member organisation KH-2</narrative>"));
  EXPECT_TRUE(contains(activity(xml, "XI-MSWA-G7K3M9Q2XA"), "<recipient-country code=\"KH\"/>"));

  const std::string thai = implementing("P4T8W2N6RB");
  EXPECT_EQ(attribute(thai, "ref"), "TH-DOPA-0105551234567");
  EXPECT_TRUE(contains(thai, "<narrative>Friends of Women Foundation</narrative>"));
  EXPECT_TRUE(contains(thai, "<narrative xml:lang=\"th\">" + kThaiName + "</narrative>"));

  const std::string khmer = implementing("H9C5V3L7QE");
  EXPECT_EQ(attribute(khmer, "ref"), "");  // public, but without an IATI identifier
  EXPECT_TRUE(contains(khmer, "<narrative xml:lang=\"km\">" + kKhmerName + "</narrative>"));
}

TEST(IatiXml, ResultsHaveTheirTypesMeasuresAndPeriods) {
  const std::string xml = iati_activities_xml(sample());
  const std::string p = activity(xml, "XI-MSWA-RCF-2027-14");
  std::map<std::string, std::string> type_of;
  for (const auto& r : elements(p, "result")) {
    const std::string code = attribute(elements(r, "reference").at(0), "code");
    type_of[code] = attribute(r, "type");
  }
  const std::map<std::string, std::string> expected_types{{"OP1", "1"}, {"OC2", "2"}, {"OC3", "2"}, {"OC4", "2"}};
  EXPECT_EQ(type_of, expected_types);

  const std::string op11 = indicator(p, "OP1.1");
  EXPECT_EQ(attribute(op11, "measure"), "1");
  EXPECT_EQ(attribute(op11, "ascending"), "true");
  EXPECT_TRUE(contains(op11, "<baseline year=\"2027\" iso-date=\"2027-01-01\" value=\"0\"/>"));
  EXPECT_TRUE(contains(op11, "<period-start iso-date=\"2027-01-01\"/>"));
  EXPECT_TRUE(contains(op11, "<period-end iso-date=\"2027-10-15\"/>"));  // as_of, before the source's end
  EXPECT_TRUE(contains(op11, "<target value=\"420\"/>"));
  EXPECT_TRUE(contains(op11, "<actual value=\"387\"/>"));

  const std::string oc21 = indicator(p, "OC2.1");
  EXPECT_EQ(attribute(oc21, "measure"), "2");
  EXPECT_EQ(attribute(oc21, "aggregation-status"), "false");
  EXPECT_TRUE(contains(oc21, "value=\"12.5\"/>"));
  EXPECT_TRUE(contains(oc21, "<target value=\"40\"/>"));
  EXPECT_TRUE(contains(oc21, "<actual value=\"33.3\"/>"));

  // Qualitative: no values anywhere, as the standard asks.
  const std::string oc31 = indicator(p, "OC3.1");
  EXPECT_EQ(attribute(oc31, "measure"), "5");
  for (const std::string name : {"baseline", "target", "actual"})
    for (const auto& e : elements(oc31, name)) EXPECT_EQ(attribute(e, "value"), "") << e;

  // Award activities carry their own targets over the award's dates.
  const std::string a1 = activity(xml, "XI-MSWA-G7K3M9Q2XA");
  const std::string a1_op11 = indicator(a1, "OP1.1");
  EXPECT_TRUE(contains(a1_op11, "<baseline year=\"2027\" iso-date=\"2027-04-01\" value=\"0\"/>"));
  EXPECT_TRUE(contains(a1_op11, "<period-end iso-date=\"2028-03-31\"/>"));
  EXPECT_TRUE(contains(a1_op11, "<target value=\"120\"/>"));
  EXPECT_EQ(attribute(indicator(a1, "OC3.1"), "measure"), "5");
  // A target for an indicator the summary does not describe still has its result.
  const std::string a3 = activity(xml, "XI-MSWA-H9C5V3L7QE");
  const auto a3_results = elements(a3, "result");
  ASSERT_EQ(a3_results.size(), 1u);
  EXPECT_EQ(attribute(a3_results[0], "type"), "1");
  EXPECT_TRUE(contains(a3_results[0], "<target value=\"5\"/>"));
}

TEST(IatiXml, WithheldFiguresAreLeftOut) {
  const std::string xml = iati_activities_xml(sample());
  const std::string p = activity(xml, "XI-MSWA-RCF-2027-14");

  // Published categories are actuals qualified by their dimension.
  const std::string op11 = indicator(p, "OP1.1");
  std::vector<std::string> shown;
  for (const auto& a : elements(op11, "actual")) {
    const auto dims = elements(a, "dimension");
    shown.push_back(attribute(a, "value") +
                    (dims.empty() ? "" : " " + attribute(dims[0], "name") + "=" + attribute(dims[0], "value")));
  }
  const std::vector<std::string> expected{"387", "210 gender=woman", "150 gender=trans_woman",
                                          "120 migrant_status=migrant", "267 migrant_status=non_migrant"};
  EXPECT_EQ(shown, expected);
  EXPECT_FALSE(contains(xml, "non_binary"));
  EXPECT_FALSE(contains(xml, "not_recorded"));

  // A withheld total leaves no actual at all, and no empty value stands in for it.
  const std::string oc41 = indicator(p, "OC4.1");
  EXPECT_TRUE(elements(oc41, "actual").empty()) << oc41;
  EXPECT_TRUE(contains(oc41, "<target value=\"200\"/>"));
  EXPECT_FALSE(contains(xml, "value=\"\""));

  // One organisation's results are never published: award activities have targets only.
  for (const std::string ref : {"G7K3M9Q2XA", "P4T8W2N6RB", "H9C5V3L7QE", "D2X6J8M4KF"})
    EXPECT_TRUE(elements(activity(xml, "XI-MSWA-" + ref), "actual").empty()) << ref;
}

TEST(IatiXml, EscapesMarkupAndKeepsThaiAndKhmerText) {
  const std::string xml = iati_activities_xml(sample());
  // Mostly English, so the activity's default language holds.
  EXPECT_TRUE(contains(xml,
                       "<narrative>Safety &amp; \"rights\" &lt;workshops&gt; for sex workers' groups — "
                       "ความปลอดภัย</narrative>"));
  EXPECT_FALSE(contains(xml, "<workshops>"));
  EXPECT_TRUE(contains(xml, "<narrative xml:lang=\"km\">ការគាំទ្រសហគមន៍</narrative>"));
  EXPECT_TRUE(contains(xml, "<narrative xml:lang=\"th\">" + kThaiName + "</narrative>"));
}

TEST(IatiXml, StaysWellFormedWhateverTheTextHolds) {
  PublishedSummary s = sample();
  s.awards[0].title = "Bad\x01 control, stray \xff byte, \xe0\x80 cut short";
  s.source_title = "Line one\nline two\r\n\ttabbed";
  s.donor_name = "A \"quoted\" & <tagged> donor";
  s.donor_iati_ref = "XM-\"odd\"\tref";  // quotes and a tab inside an attribute
  const std::string xml = iati_activities_xml(s);
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  EXPECT_FALSE(contains(xml, "\x01"));
  EXPECT_TRUE(contains(xml, "stray \xEF\xBF\xBD byte"));
}

TEST(IatiXml, ProgrammeWithoutAwardsIsStillValid) {
  PublishedSummary s = sample();
  s.awards.clear();
  s.results.clear();
  s.receipts.clear();
  s.countries.clear();
  s.as_of = "2026-12-01";  // before the source starts
  const std::string xml = iati_activities_xml(s);
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  EXPECT_TRUE(contains(xml, "<activity-status code=\"1\"/>"));
}

TEST(IatiXml, PreviewSaysSoInACommentBeforeTheRoot) {
  const std::string xml = iati_activities_xml(sample());
  EXPECT_TRUE(xml.starts_with(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Preview \u2014 not for circulation -->\n<iati-activities "));
  EXPECT_EQ(xml.find("<!--", 1), xml.find("<!--"));  // the one comment
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
}

TEST(IatiXml, EditionNamesItsQuarterAndHasNoPreviewMark) {
  const std::string xml = iati_activities_xml(edition_sample());
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities "));
  EXPECT_FALSE(contains(xml, "<!--"));
  EXPECT_FALSE(contains(xml, "not for circulation"));
  const std::string description = elements(activity(xml, "XI-MSWA-RCF-2027-14"), "description").at(0);
  EXPECT_TRUE(contains(description, "Edition for the quarter ending 2027-09-30, published 2027-10-16T08:30:00Z."))
      << description;
}

TEST(IatiXml, AwardWithWithheldMoneyHasNoTransactionsButKeepsItsTargets) {
  const std::string xml = iati_activities_xml(withheld_award_sample());
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  EXPECT_EQ(leaked_amounts(xml), std::vector<std::string>{});
  const std::string a1 = activity(xml, "XI-MSWA-G7K3M9Q2XA");
  EXPECT_TRUE(elements(a1, "transaction").empty()) << a1;
  EXPECT_TRUE(elements(a1, "budget").empty());
  EXPECT_TRUE(contains(elements(a1, "description").at(0), "Its amounts are withheld"));
  EXPECT_TRUE(contains(indicator(a1, "OP1.1"), "<target value=\"120\"/>"));
  EXPECT_TRUE(contains(indicator(a1, "OC4.1"), "<target value=\"200\"/>"));

  // With no ledger lines at all, as the summary gives it, the decision's
  // commitment is not written in their place either.
  PublishedSummary s = withheld_award_sample();
  s.awards[0].transactions.clear();
  const std::string cleared = iati_activities_xml(s);
  EXPECT_TRUE(elements(activity(cleared, "XI-MSWA-G7K3M9Q2XA"), "transaction").empty());
  EXPECT_EQ(leaked_amounts(cleared), std::vector<std::string>{});
  // The other awards keep theirs.
  EXPECT_EQ(transactions(activity(cleared, "XI-MSWA-D2X6J8M4KF")), (std::vector<Txn>{{"2", "2027-06-15", "5900.00"}}));
}

TEST(IatiXml, WithheldBaselineAndTargetAreLeftOut) {
  PublishedSummary s = sample();
  PublishedIndicator& op11 = s.results[0].indicators[0];
  op11.baseline = withheld();
  op11.target = withheld();
  op11.achievement_percent = std::nullopt;
  const std::string xml = iati_activities_xml(s);
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  const std::string programme_op11 = indicator(activity(xml, "XI-MSWA-RCF-2027-14"), "OP1.1");
  EXPECT_TRUE(elements(programme_op11, "baseline").empty()) << programme_op11;
  EXPECT_TRUE(elements(programme_op11, "target").empty()) << programme_op11;
  EXPECT_TRUE(contains(programme_op11, "<actual value=\"387\"/>"));
  EXPECT_FALSE(contains(xml, "value=\"\""));
  // The awards' own targets are what the summary lists; they stay.
  EXPECT_TRUE(contains(indicator(activity(xml, "XI-MSWA-G7K3M9Q2XA"), "OP1.1"), "<target value=\"120\"/>"));
}

TEST(IatiXml, WithoutACountryBreakdownTheProgrammeIsRegional) {
  PublishedSummary s = sample();
  s.countries.clear();
  s.countries_withheld = true;
  const std::string xml = iati_activities_xml(s);
  EXPECT_EQ(test::iati_schema_errors(xml), "") << xml;
  const std::string p = activity(xml, "XI-MSWA-RCF-2027-14");
  EXPECT_TRUE(elements(p, "recipient-country").empty());
  EXPECT_TRUE(contains(p, "<recipient-region code=\"789\" vocabulary=\"1\" percentage=\"100\"/>"));
}

TEST(IatiSchemaValidator, ReportsBrokenDocuments) {
  const std::string xml = iati_activities_xml(sample());
  // Invalid: a transaction value that is not a decimal.
  std::string bad_value = xml;
  bad_value.replace(bad_value.find(">125000.00<"), 11, ">125,000.00<");
  EXPECT_NE(test::iati_schema_errors(bad_value), "");
  // Invalid: an activity without its reporting organisation.
  const auto from = xml.find("<reporting-org");
  const auto to = xml.find("</reporting-org>", from) + 16;
  EXPECT_NE(test::iati_schema_errors(xml.substr(0, from) + xml.substr(to)), "");
  // Not even well-formed.
  EXPECT_NE(test::iati_schema_errors(xml.substr(0, xml.size() / 2)), "");
}

// ------------------------------------------------------------ 360Giving

json grant_by_id(const json& package, const std::string& id) {
  for (const auto& g : package.at("grants"))
    if (g.at("id") == id) return g;
  ADD_FAILURE() << "no grant " << id;
  return json::object();
}

// A decimal amount as the shortest number text: "8430.00" -> "8430", "2500.50" -> "2500.5".
std::string number_text(const domain::Money& m) {
  std::string s = domain::format_amount(m.minor, m.currency);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

TEST(Giving360Json, ValidatesAgainstThePackageSchema) {
  const std::string text = giving360_json(sample());
  EXPECT_EQ(test::giving360_schema_errors(text), "") << text;
}

TEST(Giving360Json, AmountsEqualThePublishedMoneyExactly) {
  const PublishedSummary s = sample();
  const json package = json::parse(giving360_json(s));
  ASSERT_EQ(package.at("grants").size(), s.awards.size());
  for (const auto& a : s.awards) {
    const json g = grant_by_id(package, "360G-XI-MSWA-" + a.reference);
    EXPECT_EQ(g.at("currency"), "USD");
    ASSERT_TRUE(g.at("amountAwarded").is_number());
    // The number as written is the decimal itself, and scaled back it is the minor units.
    EXPECT_EQ(g.at("amountAwarded").dump(), number_text(a.allocated)) << a.reference;
    EXPECT_EQ(g.at("amountDisbursed").dump(), number_text(a.disbursed)) << a.reference;
    EXPECT_EQ(static_cast<std::int64_t>(std::llround(g.at("amountAwarded").get<double>() * 100)), a.allocated.minor);
    EXPECT_EQ(static_cast<std::int64_t>(std::llround(g.at("amountDisbursed").get<double>() * 100)), a.disbursed.minor);
  }
  EXPECT_EQ(grant_by_id(package, "360G-XI-MSWA-P4T8W2N6RB").at("amountAwarded").dump(), "1234567.89");
  EXPECT_EQ(grant_by_id(package, "360G-XI-MSWA-G7K3M9Q2XA").at("amountAwarded").dump(), "8000");
}

TEST(Giving360Json, GrantsNameFunderProgrammeAndRecipients) {
  const PublishedSummary s = sample();
  const std::string text = giving360_json(s);
  const json package = json::parse(text);
  for (const auto& g : package.at("grants")) {
    EXPECT_TRUE(g.at("id").get<std::string>().starts_with("360G-")) << g.at("id");
    EXPECT_EQ(g.at("fundingOrganization"), json::parse(R"([{"id":"XI-MSWA","name":"Mekong Sex Workers Alliance"}])"));
    EXPECT_EQ(g.at("grantProgramme"), json::parse(R"([{"code":"RCF-2027-14","title":"Core support 2027"}])"));
    EXPECT_EQ(g.at("regrantType"), "FRG010");
  }

  const json g1 = grant_by_id(package, "360G-XI-MSWA-G7K3M9Q2XA");
  EXPECT_EQ(g1.at("awardDate"), "2027-03-15");
  EXPECT_EQ(g1.at("plannedDates"), json::parse(R"([{"startDate":"2027-04-01","endDate":"2028-03-31","duration":12}])"));
  EXPECT_EQ(g1.at("recipientOrganization"), json::parse(R"([{"id":"360G-XI-MSWA-recipient-member-organisation-kh-2",
                             "name":"Member organisation KH-2",
                             "location":[{"countryCode":"KH","name":"Cambodia"}]}])"));
  EXPECT_EQ(g1.at("beneficiaryLocation"), json::parse(R"([{"countryCode":"KH","name":"Cambodia"}])"));

  const json g2 = grant_by_id(package, "360G-XI-MSWA-P4T8W2N6RB");
  EXPECT_EQ(g2.at("title"), kAwkwardTitle);
  EXPECT_EQ(g2.at("recipientOrganization")[0].at("id"), "TH-DOPA-0105551234567");
  EXPECT_EQ(g2.at("recipientOrganization")[0].at("name"), "Friends of Women Foundation");
  EXPECT_EQ(g2.at("recipientOrganization")[0].at("alternateName"), kThaiName);

  const json g3 = grant_by_id(package, "360G-XI-MSWA-H9C5V3L7QE");
  EXPECT_EQ(g3.at("recipientOrganization")[0].at("id"), "360G-XI-MSWA-recipient-example-network");

  // Dates that are not whole months keep their end date and no duration.
  const json g4 = grant_by_id(package, "360G-XI-MSWA-D2X6J8M4KF");
  EXPECT_FALSE(g4.at("plannedDates")[0].contains("duration"));
  EXPECT_EQ(g4.at("amountDisbursed").dump(), "0");

  // A pseudonymous organisation is known by its label only.
  EXPECT_FALSE(g1.at("recipientOrganization")[0].contains("alternateName"));
  EXPECT_FALSE(contains(text, "aw-1"));
}

TEST(Giving360Json, EmptySummaryGivesAnEmptyPackage) {
  PublishedSummary s = sample();
  s.awards.clear();
  const json package = json::parse(giving360_json(s));
  EXPECT_TRUE(package.at("grants").empty());
  // The standard wants at least one grant; the HTTP layer never asks for this file then.
  EXPECT_NE(test::giving360_schema_errors(package.dump()), "");
}

TEST(Giving360Json, PreviewSaysSoAtTheStartOfTheDescription) {
  const std::string text = giving360_json(sample());
  EXPECT_EQ(test::giving360_schema_errors(text), "") << text;
  const json package = json::parse(text);
  EXPECT_TRUE(package.at("description").get<std::string>().starts_with("Preview \u2014 not for circulation. "));
}

TEST(Giving360Json, EditionNamesItsQuarterAndHasNoPreviewMark) {
  const std::string text = giving360_json(edition_sample());
  EXPECT_EQ(test::giving360_schema_errors(text), "") << text;
  EXPECT_FALSE(contains(text, "not for circulation"));
  const std::string description = json::parse(text).at("description");
  EXPECT_TRUE(contains(description, "Edition for the quarter ending 2027-09-30")) << description;
}

TEST(Giving360Json, AwardWithWithheldMoneyIsLeftOut) {
  const PublishedSummary s = withheld_award_sample();
  const std::string text = giving360_json(s);
  EXPECT_EQ(test::giving360_schema_errors(text), "") << text;
  EXPECT_EQ(leaked_amounts(text), std::vector<std::string>{});
  EXPECT_FALSE(contains(text, "G7K3M9Q2XA"));
  const json package = json::parse(text);
  ASSERT_EQ(package.at("grants").size(), s.awards.size() - 1);
  for (const std::string ref : {"P4T8W2N6RB", "H9C5V3L7QE", "D2X6J8M4KF"})
    EXPECT_EQ(grant_by_id(package, "360G-XI-MSWA-" + ref).at("id"), "360G-XI-MSWA-" + ref);
}

TEST(Giving360SchemaValidator, ReportsBrokenDocuments) {
  json package = json::parse(giving360_json(sample()));
  json amount_as_text = package;
  amount_as_text["grants"][0]["amountAwarded"] = "8000.00";
  EXPECT_NE(test::giving360_schema_errors(amount_as_text.dump()), "");
  json bad_date = package;
  bad_date["grants"][0]["awardDate"] = "2027-02-30T25:00:00Z";
  EXPECT_NE(test::giving360_schema_errors(bad_date.dump()), "");
  json no_recipient = package;
  no_recipient["grants"][0].erase("recipientOrganization");
  EXPECT_NE(test::giving360_schema_errors(no_recipient.dump()), "");
  EXPECT_NE(test::giving360_schema_errors("{\"grants\": ["), "");
}

// ------------------------------------------------------------ all five formats

struct Outputs {
  std::string json, csv, html, iati, giving360;
};

Outputs render_all(const PublishedSummary& s) {
  return {summary_json(s), summary_csv(s), summary_html(s), iati_activities_xml(s), giving360_json(s)};
}

TEST(EveryFormat, PreviewIsMarkedInEach) {
  const Outputs out = render_all(sample());
  EXPECT_EQ(json::parse(out.json).at("preview"), true);
  EXPECT_TRUE(out.csv.starts_with("\xEF\xBB\xBFPreview \u2014 not for circulation\r\n"));
  EXPECT_TRUE(contains(out.html, "<p class=\"preview-banner\" role=\"note\">Preview \u2014 not for circulation</p>"));
  EXPECT_TRUE(contains(out.iati, "?>\n<!-- Preview \u2014 not for circulation -->\n<iati-activities "));
  const std::string description = json::parse(out.giving360).at("description");
  EXPECT_TRUE(description.starts_with("Preview \u2014 not for circulation")) << description;
}

TEST(EveryFormat, EditionShowsItsPeriodEndAndNoPreviewMark) {
  const Outputs out = render_all(edition_sample());
  const json j = json::parse(out.json);
  EXPECT_EQ(j.at("preview"), false);
  EXPECT_EQ(j.at("edition").at("period_end"), "2027-09-30");
  EXPECT_EQ(j.at("edition").at("previous_period_end"), "2027-06-30");
  EXPECT_TRUE(
      out.csv.starts_with("\xEF\xBB\xBF"
                          "Edition,2027-09-30,published,2027-10-16T08:30:00Z\r\n"));
  EXPECT_TRUE(contains(out.html, "Edition for the quarter ending <time datetime=\"2027-09-30\">30&nbsp;September 2027</time>, "
                                 "published <time datetime=\"2027-10-16T08:30:00Z\">16&nbsp;October 2027</time>"));
  EXPECT_TRUE(contains(out.html, "the previous edition was for the quarter ending <time datetime=\"2027-06-30\">"
                                 "30&nbsp;June 2027</time>"));
  EXPECT_TRUE(contains(out.iati, "Edition for the quarter ending 2027-09-30"));
  EXPECT_TRUE(contains(out.giving360, "Edition for the quarter ending 2027-09-30"));
  for (const std::string* text : {&out.json, &out.csv, &out.html, &out.iati, &out.giving360}) {
    EXPECT_FALSE(contains(*text, "not for circulation"));
    EXPECT_FALSE(contains(*text, "class=\"preview-banner\""));
  }
}

TEST(EveryFormat, WithheldAwardMoneyAppearsInNone) {
  const Outputs out = render_all(withheld_award_sample());
  const std::map<std::string, const std::string*> formats{
      {"json", &out.json}, {"csv", &out.csv}, {"html", &out.html}, {"iati", &out.iati}, {"360giving", &out.giving360}};
  for (const auto& [name, text] : formats) EXPECT_EQ(leaked_amounts(*text), std::vector<std::string>{}) << name;
  // Listed by its public reference everywhere but in 360Giving, where a grant needs its amount.
  for (const auto& [name, text] : formats) EXPECT_EQ(contains(*text, "G7K3M9Q2XA"), name != "360giving") << name;
  EXPECT_EQ(test::iati_schema_errors(out.iati), "") << out.iati;
  EXPECT_EQ(test::giving360_schema_errors(out.giving360), "") << out.giving360;
}

}  // namespace
}  // namespace mswa::reports
