#include "demo/seed.hpp"

// The story the demo tells, every date relative to the day it is seeded
// (S: the 1st of the month nine months ago; today: the real date):
//
//   S-8 weeks    the donors' money arrives; MSWA opens "Community monitoring
//                and services <year>" (OP1, OC4, THB, quarterly reporting)
//   S-7..S-5 wk  five member organisations apply: Thailand (public), two in
//                Cambodia and one in Viet Nam (pseudonymous), Lao PDR (confidential)
//   S-30 days    the call closes; an independent and a peer reviewer score
//   S-18 days    all five approved: 12-month grants from S in four tranches,
//                funded by RCF-2027-14 (USD), three also by NHP-2027-3 (EUR)
//   S-12 days    the first tranches paid (requested by programme, approved
//                and paid by finance)
//   Q1, Q2       each quarter's report filed after the quarter ends and
//                accepted (one returned once and resubmitted; one late), each
//                acceptance unlocking the next tranche; FX rates recorded at
//                every month end and on every day money moves
//   Q3           ended last month: one report submitted, one in draft
//   today        two new calls open with applications in every state, two
//                new awards starting in 40 days (on the real clock)
//
// Every step goes through the domain services the API uses: the history on
// a ManualClock that the story moves forward, never past yesterday.

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "api/domain_services.hpp"
#include "api/dto/disbursement_json.hpp"
#include "demo/agenda.hpp"
#include "demo/usual_call.hpp"
#include "domain/application_service.hpp"
#include "domain/award_service.hpp"
#include "domain/calendar_date.hpp"
#include "domain/call_service.hpp"
#include "domain/decision_service.hpp"
#include "domain/disbursement_service.hpp"
#include "domain/funding_service.hpp"
#include "domain/organisation_service.hpp"
#include "domain/progress_report_service.hpp"
#include "domain/review_service.hpp"
#include "domain/user_service.hpp"

namespace mswa::demo {

namespace {

using namespace domain;

const Actor kSeeder = Actor::system("seed-demo");
const std::string kRequestId = "seed-demo";

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r.ok()) {
    std::string why = r.error().detail;
    for (const auto& f : r.error().fields) why += " " + f.pointer + " " + f.detail + ";";
    throw std::runtime_error("seed-demo: " + what + ": " + why);
  }
  return std::move(r).value();
}

Money thb(std::int64_t whole) { return {whole * 100, *find_currency("THB")}; }
Money usd(std::int64_t whole) { return {whole * 100, *find_currency("USD")}; }
Money eur(std::int64_t whole) { return {whole * 100, *find_currency("EUR")}; }

int month_number(const std::string& date) { return std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)); }

using Services = api::DomainServices;

// The dates the story hangs on.
struct Timeline {
  std::string start;          // the earlier call's grants start: the 1st of the month nine months ago
  std::string history_start;  // eight weeks before: the money arrives and the call opens
  std::vector<ReportPeriod> quarters;  // of a 12-month grant from `start`
  std::string third_filed_on;  // the third quarter's reports: soon after it ends, and before today

  explicit Timeline(const std::string& real_today)
      : start(add_months(first_of_month(real_today), -9)),
        history_start(add_days(start, -56)),
        quarters(report_schedule(start, 12, ReportingFrequency::quarterly)),
        third_filed_on(std::max(quarters[2].period_end,
                                std::min(add_days(quarters[2].period_end, 9), add_days(real_today, -1)))) {}

  std::string day(int days_from_start) const { return add_days(start, days_from_start); }
};

// THB rates, one a month from the month the history starts, drifting towards
// today's 0.0281 USD and 0.0259 EUR.
constexpr std::array<std::int64_t, 12> kThbUsd{2741, 2748, 2756, 2762, 2759, 2771, 2779, 2786, 2783, 2794, 2801, 2806};
constexpr std::array<std::int64_t, 12> kThbEur{2622, 2617, 2611, 2608, 2601, 2597, 2602, 2594, 2588, 2592, 2587, 2584};

// One cell of an indicator's results, for each of the first three quarters.
struct Cell {
  std::string indicator;
  std::map<Dimension, std::string> dimensions;
  std::array<int, 3> by_quarter;
};

// OP1.1, VASW incidents documented, by gender and migrant status.
Cell incidents(const char* gender, const char* migrant, std::array<int, 3> by_quarter) {
  return {"OP1.1", {{Dimension::gender, gender}, {Dimension::migrant_status, migrant}}, by_quarter};
}

// OC4.1, sex workers accessing legal or health services, by gender, migrant status and age.
Cell reached(const char* gender, const char* migrant, const char* age, std::array<int, 3> by_quarter) {
  return {"OC4.1",
          {{Dimension::gender, gender}, {Dimension::migrant_status, migrant}, {Dimension::age_group, age}},
          by_quarter};
}

enum class Stage { none, requested, approved, paid };
enum class Filed { none, draft, submitted };

// One grant of the earlier call, from application to its third quarter.
struct Grant {
  const Principal* member = nullptr;
  std::string title;
  std::int64_t amount = 0;     // THB
  std::int64_t from_usd = 0;   // THB of it funded by RCF-2027-14; the rest by NHP-2027-3
  std::vector<Cell> cells;     // its targets are the indicators of its cells
  std::array<int, 3> spending{};      // per quarter: percent of a quarter's budget spent
  std::array<int, 2> report_days{};   // days after each of the first two quarters' ends that its report comes in
  bool first_report_returned = false;
  Stage third_tranche = Stage::none;  // how far the tranche after the second report has gone
  Filed third_report = Filed::none;
  std::array<std::string, 3> narratives;

  // Filled in as the story runs.
  std::string application_id{};
  Award award{};
  std::vector<ProgressReport> reports{};
  std::map<int, std::string> disbursements{};  // tranche seq -> disbursement id
};

// The donors' grants to MSWA: RCF-2027-14 in USD, NHP-2027-3 in EUR.
struct Sources {
  std::string usd, eur;
};

// A THB call for all five countries, scored and asked the same way, reporting quarterly.
CallFields call_fields(const std::string& title, const std::string& description, std::vector<std::string> results,
                       std::int64_t envelope, EpochMs opens_at, EpochMs closes_at, const Sources& sources) {
  return {title,
          description,
          *find_currency("THB"),
          thb(envelope),
          thb(600000),
          opens_at,
          closes_at,
          {"KH", "LA", "MM", "TH", "VN"},
          std::move(results),
          usual_criteria(),
          usual_questions(),
          ReportingFrequency::quarterly,
          {sources.usd, sources.eur}};
}

struct Cast {
  std::string alliance, th, kh, kh2, la, mm, vn, rcf, nhp;
  Principal programme, finance, reviewer, peer;
  Principal m_th, m_kh, m_kh2, m_la, m_mm, m_vn;
};

struct Seeder {
  Store& store;
  Services* s;  // the services of the clock the story is on
  const Clock* clock;
  std::string password;
  std::string rates_from;  // the month kThbUsd and kThbEur begin with
  std::vector<DemoLogin> logins;
  Principal programme, finance;
  std::set<std::string> rated;  // days whose rates are recorded
  int payments = 0;

  std::string today() const { return date_of(clock->now_ms()); }
  Actor as(const Principal& who) const { return Actor::of(who, kRequestId); }

  std::string org(const std::string& name, const std::string& name_en, OrgKind kind, const std::string& country,
                  Publication publication) {
    return must(s->organisations.create(kSeeder, {name, name_en, kind, country, kind == OrgKind::member, publication,
                                                  std::nullopt}),
                "organisation " + name_en)
        .id;
  }

  Principal user(const std::string& email, Role role, const std::optional<std::string>& organisation,
                 const std::string& label) {
    const auto u = must(s->users.create(kSeeder, {email, label, role, organisation, password}), "user " + email);
    logins.push_back({email, std::string(to_string(role)), label});
    return {u.id, role, organisation, u.email, u.name};
  }

  ApplicationContent proposal(const std::string& title, std::int64_t requested, const std::string& start,
                              std::vector<Target> targets) const {
    ApplicationContent c;
    c.title = title;
    c.summary = "Peer-led work by and for sex workers, with community monitors and safe referral.";
    c.requested = thb(requested);
    c.start_date = start;
    c.duration_months = 12;
    c.answers = {{"need", "Incidents go unrecorded and survivors lack safe support."},
                 {"safety", "Monitors work in pairs and keep no names."}};
    const std::int64_t staff = requested / 2, activities = requested - staff - requested / 10;
    c.budget_lines = {{"", BudgetCategory::personnel, "Peer monitor stipends", thb(staff)},
                      {"", BudgetCategory::activities, "Outreach and workshops", thb(activities)},
                      {"", BudgetCategory::administration, "Office and communications", thb(requested / 10)}};
    c.targets = std::move(targets);
    return c;
  }

  std::string draft(const Principal& member, const std::string& call, const ApplicationContent& c) {
    return must(s->applications.create(member, kRequestId, call, c), "application " + c.title).id;
  }
  void submit(const Principal& member, const std::string& application, const std::string& title) {
    must(s->applications.submit(member, kRequestId, application), "submitting " + title);
  }
  std::string submitted(const Principal& member, const std::string& call, const ApplicationContent& c) {
    const auto id = draft(member, call, c);
    submit(member, id, c.title);
    return id;
  }

  void review(const std::string& application, const Principal& who, bool conflict, std::array<int, 3> scores) {
    ReviewInput in{conflict, {}, conflict ? "I advise this organisation." : "Clear, safe and community-led.",
                   std::nullopt};
    if (!conflict) {
      in.scores = {{"relevance", scores[0]}, {"leadership", scores[1]}, {"value", scores[2]}};
      in.recommendation = Recommendation::fund;
    }
    must(s->reviews.review(who, kRequestId, application, in), "reviewing");
  }

  Award approve(const std::string& application, std::int64_t amount, std::vector<TrancheInput> tranches,
                std::vector<FundingInput> funding) {
    DecisionInput in{Decision::approve, "Strong community leadership and a safe plan.", thb(amount),
                     std::move(tranches), std::move(funding)};
    return std::get<Award>(must(s->decisions.decide(as(programme), application, in), "approving"));
  }

  // Finance records the day's THB rates, once a day (historical days only:
  // today's rates are the present's).
  void rates_today() {
    const auto day = today();
    if (!rated.insert(day).second) return;
    const auto month = static_cast<std::size_t>(std::clamp(month_number(day) - month_number(rates_from), 0, 11));
    must(s->funding.put_fx_rate(as(finance), {"THB", day, "USD", {kThbUsd[month], 5}, 0}), "THB/USD rate");
    must(s->funding.put_fx_rate(as(finance), {"THB", day, "EUR", {kThbEur[month], 5}, 0}), "THB/EUR rate");
  }

  // Programme staff ask for a tranche to be paid (finance approves and pays it).
  std::string request_tranche(const Award& award, int seq) {
    const auto& tranche = award.tranches.at(static_cast<std::size_t>(seq - 1));
    const std::string key = "seed-demo-" + award.reference + "-" + std::to_string(seq);
    const std::string note = seq == 1 ? "First tranche, on signature."
                                      : "Tranche " + std::to_string(seq) + ", the report before it accepted.";
    std::string id;
    must(s->disbursements.request(as(programme), award.id, {tranche.id, tranche.amount, note},
                                  {programme.user_id, key, key},
                                  [&id](const Disbursement& made) {
                                    id = made.id;
                                    return StoredResponse{201, api::to_json(made).dump()};
                                  }),
         "requesting a disbursement");
    return id;
  }
  void approve_disbursement(const std::string& id) {
    must(s->disbursements.approve(as(finance), id), "approving a disbursement");
  }
  void pay_disbursement(const std::string& id) {
    char reference[32];
    std::snprintf(reference, sizeof reference, "DEMO-TT-%04d", ++payments);
    must(s->disbursements.pay(as(finance), id, {today(), reference}), "paying a disbursement");
  }
};

// Organisations and people: the same logins whatever the story.
Cast cast(Seeder& d, ManualClock& clock) {
  Cast c;
  // Member organisations named in their own scripts, with mixed publication choices; one a minute,
  // so that "by creation" has an order (the second Cambodian one is "Member organisation KH-2").
  const auto member = [&](const std::string& name, const std::string& name_en, const std::string& country,
                          Publication publication) {
    clock.advance_ms(minutes_ms(1));
    return d.org(name, name_en, OrgKind::member, country, publication);
  };
  c.th = member("เครือข่ายพนักงานบริการภาคเหนือ", "Northern Thailand Sex Workers Network", "TH", Publication::public_);
  c.kh = member("បណ្តាញស្ត្រីធ្វើការកម្សាន្ត", "Women Entertainment Workers Network", "KH", Publication::pseudonymous);
  c.la = member("ເຄືອຂ່າຍຜູ້ໃຫ້ບໍລິການລາວ", "Lao Service Workers Network", "LA", Publication::confidential);
  c.mm = member("လိင်လုပ်သားများကွန်ရက်", "Myanmar Sex Workers Network", "MM", Publication::confidential);
  c.vn = member("Mạng lưới Người bán dâm Việt Nam", "Viet Nam Sex Workers Network", "VN", Publication::pseudonymous);
  c.kh2 = member("សមាគមស្ត្រីធ្វើការកម្សាន្តសៀមរាប", "Siem Reap Entertainment Workers Association", "KH",
                 Publication::pseudonymous);
  clock.advance_ms(minutes_ms(1));
  c.rcf = d.org("Rights Collective Fund", "Rights Collective Fund", OrgKind::donor, "GB", Publication::public_);
  c.nhp = d.org("Nordic Health Partnership", "Nordic Health Partnership", OrgKind::donor, "SE", Publication::public_);
  {
    auto uow = d.store.begin(Access::read);
    for (const auto& o : uow->organisations().list({50, std::nullopt}, std::nullopt).items)
      if (o.fields.kind == OrgKind::alliance) c.alliance = o.id;
    uow->commit();
  }
  clock.advance_ms(minutes_ms(1));
  c.programme = d.user("programme@demo.mswa.example", Role::programme, c.alliance, "Programme officer");
  c.finance = d.user("finance@demo.mswa.example", Role::finance, c.alliance, "Finance officer");
  c.reviewer = d.user("reviewer@demo.mswa.example", Role::reviewer, std::nullopt, "Independent reviewer");
  c.peer = d.user("peer.reviewer@demo.mswa.example", Role::reviewer, c.th, "Peer reviewer (Thailand)");
  d.user("donor@demo.rcf.example", Role::donor, c.rcf, "Rights Collective Fund");
  d.user("donor@demo.nhp.example", Role::donor, c.nhp, "Nordic Health Partnership");
  c.m_th = d.user("member.th@demo.example", Role::member, c.th, "Member (Thailand)");
  c.m_kh = d.user("member.kh@demo.example", Role::member, c.kh, "Member (Cambodia)");
  c.m_kh2 = d.user("member.kh2@demo.example", Role::member, c.kh2, "Member (Cambodia, Siem Reap)");
  c.m_la = d.user("member.la@demo.example", Role::member, c.la, "Member (Lao PDR)");
  c.m_mm = d.user("member.mm@demo.example", Role::member, c.mm, "Member (Myanmar)");
  c.m_vn = d.user("member.vn@demo.example", Role::member, c.vn, "Member (Viet Nam)");
  d.programme = c.programme;
  d.finance = c.finance;
  return c;
}

// The earlier call's five grants, and how each of them goes. Most indicator
// cells are 10 or more; Thailand's trans men (OP1.1) and Viet Nam's
// non-binary people (OP1.1) are small cells, for the donor reports to withhold.
std::vector<Grant> earlier_grants(const Cast& c) {
  std::vector<Grant> g;
  g.push_back({.member = &c.m_th,
               .title = "Community monitoring in Chiang Mai and Chiang Rai",
               .amount = 480000,
               .from_usd = 480000,
               .cells = {incidents("woman", "migrant", {18, 21, 19}), incidents("woman", "non_migrant", {24, 27, 25}),
                         incidents("trans_woman", "migrant", {11, 12, 14}),
                         incidents("trans_woman", "non_migrant", {15, 17, 16}),
                         incidents("trans_man", "non_migrant", {3, 2, 4}),
                         reached("woman", "migrant", "25_to_39", {34, 38, 36}),
                         reached("woman", "non_migrant", "25_to_39", {41, 45, 43}),
                         reached("woman", "migrant", "under_25", {12, 15, 14}),
                         reached("trans_woman", "non_migrant", "25_to_39", {13, 16, 15})},
               .spending = {90, 104, 99},
               .report_days = {8, 10},
               .third_tranche = Stage::paid,
               .third_report = Filed::submitted,
               .narratives = {"Peer monitors in Chiang Mai and Chiang Rai began documenting incidents at venues and "
                              "during police checks. Most concern confiscated earnings and threats; survivors were "
                              "accompanied to the legal clinic.",
                              "Monitoring now covers four districts. Migrant workers reported more incidents after "
                              "raids in June, so the team added a hotline shift in Shan and Burmese.",
                              "Documentation continued in every district. Two cases went to the provincial human "
                              "rights office with the survivors' consent."}});
  g.push_back({.member = &c.m_kh,
               .title = "Peer monitors and legal referral in Phnom Penh",
               .amount = 540000,
               .from_usd = 300000,
               .cells = {incidents("woman", "migrant", {12, 14, 15}), incidents("woman", "non_migrant", {31, 35, 33}),
                         incidents("trans_woman", "non_migrant", {10, 12, 11}),
                         incidents("man", "non_migrant", {10, 11, 10}),
                         reached("woman", "non_migrant", "25_to_39", {28, 33, 30}),
                         reached("woman", "non_migrant", "40_plus", {11, 12, 12}),
                         reached("woman", "migrant", "under_25", {10, 13, 12}),
                         reached("man", "non_migrant", "25_to_39", {10, 10, 11})},
               .spending = {82, 108, 95},
               .report_days = {12, 14},
               .third_tranche = Stage::paid,
               .third_report = Filed::draft,
               .narratives = {"Community monitors recorded incidents in karaoke bars and parks and referred survivors "
                              "to partner lawyers and the health centre. Night outreach paused for two weeks after "
                              "arrests near the riverside.",
                              "Referrals to legal aid rose as monitors became known in entertainment venues. Three "
                              "rights sessions were held with venue workers.",
                              "Monitoring continued; the September figures are still being checked."}});
  g.push_back({.member = &c.m_kh2,
               .title = "Safety monitoring in Siem Reap",
               .amount = 360000,
               .from_usd = 360000,
               .cells = {incidents("woman", "non_migrant", {16, 19, 18}), incidents("woman", "migrant", {10, 11, 12}),
                         incidents("trans_woman", "non_migrant", {10, 13, 12})},
               .spending = {75, 96, 90},
               .report_days = {15, 18},
               .first_report_returned = true,
               .third_tranche = Stage::requested,
               .narratives = {"Monitors were recruited and trained; documentation began at guesthouses and massage "
                              "parlours in the second month.",
                              "Incidents were documented in town and in two districts around it. Safety planning "
                              "sessions followed arrests during a crackdown before the tourist season.",
                              ""}});
  g.push_back({.member = &c.m_vn,
               .title = "Community monitoring and clinic referral in Hanoi",
               .amount = 420000,
               .from_usd = 200000,
               .cells = {incidents("woman", "non_migrant", {22, 25, 24}), incidents("woman", "migrant", {14, 17, 15}),
                         incidents("man", "non_migrant", {11, 12, 12}),
                         incidents("non_binary", "non_migrant", {2, 3, 2}),
                         reached("woman", "non_migrant", "25_to_39", {30, 34, 32}),
                         reached("woman", "non_migrant", "under_25", {18, 21, 20}),
                         reached("woman", "migrant", "25_to_39", {12, 14, 13}),
                         reached("man", "non_migrant", "25_to_39", {10, 11, 10})},
               .spending = {88, 101, 97},
               .report_days = {19, 38},  // the second report came in after its due date
               .third_tranche = Stage::none,
               .narratives = {"Peer educators documented incidents and referred sex workers to community-friendly "
                              "clinics for HIV testing and legal advice.",
                              "The referral network grew to five clinics. This report is late: the office had to "
                              "move after pressure on the landlord.",
                              ""}});
  g.push_back({.member = &c.m_la,
               .title = "Rights monitoring in Vientiane",
               .amount = 300000,
               .from_usd = 150000,
               .cells = {incidents("woman", "non_migrant", {13, 15, 14}), incidents("woman", "migrant", {10, 12, 11}),
                         incidents("trans_woman", "non_migrant", {10, 11, 10}),
                         incidents("man", "non_migrant", {10, 12, 11}),
                         reached("woman", "non_migrant", "25_to_39", {20, 24, 22}),
                         reached("woman", "migrant", "25_to_39", {11, 13, 12}),
                         reached("trans_woman", "non_migrant", "under_25", {10, 12, 11})},
               .spending = {70, 112, 95},
               .report_days = {22, 21},
               .third_tranche = Stage::approved,
               .narratives = {"Monitoring began quietly through trusted peers; referrals to health services were "
                              "made in pairs for safety.",
                              "Trusted peers documented incidents in three districts and went with sex workers to "
                              "health services.",
                              ""}});
  return g;
}

std::vector<Target> targets_of(const Grant& g) {
  std::vector<Target> targets;
  for (const auto& cell : g.cells) {
    const auto same = [&](const Target& t) { return t.indicator_code == cell.indicator; };
    if (std::any_of(targets.begin(), targets.end(), same)) continue;
    // A year's target: about twice what the first two quarters bring.
    std::int64_t half_year = 0;
    for (const auto& other : g.cells)
      if (other.indicator == cell.indicator) half_year += other.by_quarter[0] + other.by_quarter[1];
    targets.push_back({cell.indicator, {0, 0}, {(half_year * 2 + 9) / 10 * 10, 0}});
  }
  return targets;
}

// What a grant reports for a quarter (0-based): its cells, its narrative and
// its spending, each budget line's share of the quarter in whole hundreds of baht.
ReportContent report_content(const Grant& g, std::size_t quarter, bool with_personnel = true) {
  ReportContent c;
  c.narrative = g.narratives[quarter];
  for (const auto& cell : g.cells)
    c.indicator_values.push_back({cell.indicator, cell.dimensions, std::to_string(cell.by_quarter[quarter])});
  for (const auto& line : g.award.budget_lines) {
    if (!with_personnel && line.category == BudgetCategory::personnel) continue;
    const std::int64_t baht = line.amount.minor / 100 * g.spending[quarter] / 400;
    c.expenditures.push_back({line.id, thb(baht / 100 * 100)});
  }
  return c;
}

// Plans a tranche's way: requested, then two days later approved and paid, as far as `stage`.
void plan_tranche(Agenda& a, Seeder& d, Grant& g, int seq, const std::string& requested_on, Stage stage) {
  if (stage == Stage::none) return;
  a.at(requested_on, 3, [&d, &g, seq] { g.disbursements[seq] = d.request_tranche(g.award, seq); });
  if (stage == Stage::requested) return;
  a.at(add_days(requested_on, 2), 4, [&d, &g, seq] { d.approve_disbursement(g.disbursements.at(seq)); });
  if (stage == Stage::approved) return;
  a.at(add_days(requested_on, 2), 7, [&d, &g, seq] {
    d.rates_today();
    d.pay_disbursement(g.disbursements.at(seq));
  });
}

// Plans a grant's reports for the first three quarters and the tranches they unlock.
void plan_reports(Agenda& a, Seeder& d, Grant& g, const Timeline& t) {
  const Principal& member = *g.member;
  const auto save = [&d, &g, &member](std::size_t q, bool with_personnel) {
    must(d.s->progress_reports.save(member, kRequestId, g.reports.at(q).id, report_content(g, q, with_personnel), std::nullopt),
         "saving a report");
  };
  const auto submit = [&d, &g, &member](std::size_t q) {
    must(d.s->progress_reports.submit(member, kRequestId, g.reports.at(q).id), "submitting a report");
  };
  for (std::size_t q = 0; q < 2; ++q) {
    const auto& end = t.quarters[q].period_end;
    const int in = g.report_days[q];
    const bool returned = q == 0 && g.first_report_returned;
    a.at(add_days(end, in - 3), 2, [save, q, returned] { save(q, !returned); });
    a.at(add_days(end, in), 5, [submit, q] { submit(q); });
    int decided = in + 5;
    if (returned) {
      a.at(add_days(end, in + 4), 3, [&d, &g] {
        const std::string reason = "The spending on peer monitor stipends is missing; please add it and submit again.";
        must(d.s->progress_reports.return_report(d.programme, kRequestId, g.reports.at(0).id, reason), "returning a report");
      });
      a.at(add_days(end, in + 7), 2, [save] { save(0, true); });
      a.at(add_days(end, in + 8), 5, [submit] { submit(0); });
      decided = in + 12;
    }
    a.at(add_days(end, decided), 3, [&d, &g, q] {
      must(d.s->progress_reports.accept(d.programme, kRequestId, g.reports.at(q).id), "accepting a report");
    });
    plan_tranche(a, d, g, static_cast<int>(q) + 2, add_days(end, decided + 1), q == 0 ? Stage::paid : g.third_tranche);
  }
  if (g.third_report != Filed::none) a.at(t.third_filed_on, 6, [save] { save(2, true); });
  if (g.third_report == Filed::submitted) a.at(t.third_filed_on, 8, [submit] { submit(2); });
}

// The last day of the calendar quarter before the one `date` is in.
std::string previous_quarter_end(const std::string& date) {
  const int month = std::stoi(date.substr(5, 2));
  const int first_month = (month - 1) / 3 * 3 + 1;
  return add_days(date.substr(0, 5) + (first_month < 10 ? "0" : "") + std::to_string(first_month) + "-01", -1);
}

// The ten months before today, on `clock`; returns the funding sources.
Sources seed_history(Seeder& d, const Cast& c, ManualClock& clock, const Timeline& t, EpochMs real_now) {
  const auto& programme = c.programme;

  // The donors' grants to MSWA, three years from the month the history starts, and their first money.
  const auto sources_start = first_of_month(t.history_start);
  const auto sources_end = add_days(add_months(sources_start, 36), -1);
  Sources sources;
  sources.usd = must(d.s->funding.create(kSeeder, {c.rcf, "RCF-2027-14", "Core support", usd(250000), sources_start,
                                                   sources_end, {"OC1", "OP1", "OP3", "OC4"}}),
                     "USD source")
                    .id;
  sources.eur = must(d.s->funding.create(kSeeder, {c.nhp, "NHP-2027-3", "Community health and safety", eur(180000),
                                                   sources_start, sources_end, {"OC4", "OP3", "OP1"}}),
                     "EUR source")
                    .id;
  must(d.s->funding.add_receipt(d.as(c.finance), sources.usd, usd(125000), t.history_start), "USD receipt");
  must(d.s->funding.add_receipt(d.as(c.finance), sources.eur, eur(90000), t.history_start), "EUR receipt");
  d.rates_today();

  auto grants = earlier_grants(c);
  Agenda a;

  // The call: open for four weeks, closing 30 days before the grants start.
  std::string call;
  const auto call_title = "Community monitoring and services " + t.start.substr(0, 4);
  a.at(t.history_start, 3, [&] {
    const std::string about = "Community-led monitoring of violence against sex workers, and safe access to services.";
    const auto f = call_fields(call_title, about, {"OP1", "OC4"}, 3000000, clock.now_ms(), instant(t.day(-30), 10),
                               sources);
    call = must(d.s->calls.create(d.as(programme), f), "call " + call_title).id;
    must(d.s->calls.open(d.as(programme), call), "opening " + call_title);
  });
  for (std::size_t i = 0; i < grants.size(); ++i) {
    auto& g = grants[i];
    const int n = static_cast<int>(i);
    a.at(t.day(-52 + 2 * n), 2, [&d, &g, &call, &t] {
      g.application_id = d.draft(*g.member, call, d.proposal(g.title, g.amount, t.start, targets_of(g)));
    });
    a.at(t.day(-42 + 2 * n), 4, [&d, &g] { d.submit(*g.member, g.application_id, g.title); });
  }
  a.at(t.day(-29), 2, [&] { must(d.s->calls.close(d.as(programme), call), "closing " + call_title); });

  // Review: the independent reviewer scores all five; the Thai peer cannot
  // review its own organisation, declares a conflict on one and scores the rest.
  a.at(t.day(-28), 3, [&] {
    for (const auto& g : grants) {
      must(d.s->reviews.assign(d.as(programme), g.application_id, c.reviewer.user_id), "assigning a reviewer");
      if (g.member != &c.m_th)
        must(d.s->reviews.assign(d.as(programme), g.application_id, c.peer.user_id), "assigning a peer reviewer");
    }
  });
  a.at(t.day(-26), 5, [&] {
    for (const auto& g : grants) {
      if (g.member == &c.m_th) continue;
      const bool conflict = g.member == &c.m_kh;
      d.review(g.application_id, c.peer, conflict, {4, 5, 4});
    }
  });
  a.at(t.day(-24), 6, [&] {
    const std::array<std::array<int, 3>, 5> scores{{{5, 4, 4}, {4, 5, 4}, {4, 4, 3}, {4, 4, 4}, {3, 5, 4}}};
    for (std::size_t i = 0; i < grants.size(); ++i) d.review(grants[i].application_id, c.reviewer, false, scores[i]);
  });

  // Decisions: four tranches, the first on signature, each later one after a report is accepted.
  a.at(t.day(-18), 4, [&] {
    d.rates_today();
    for (auto& g : grants) {
      const std::int64_t fifth = g.amount / 5;
      std::vector<TrancheInput> tranches{{t.start, thb(g.amount - 3 * fifth), TrancheCondition::none}};
      for (std::size_t q = 0; q < 3; ++q)
        tranches.push_back({add_days(t.quarters[q].due_on, 1), thb(fifth), TrancheCondition::report_accepted});
      std::vector<FundingInput> funding{{sources.usd, thb(g.from_usd)}};
      if (g.amount > g.from_usd) funding.push_back({sources.eur, thb(g.amount - g.from_usd)});
      g.award = d.approve(g.application_id, g.amount, std::move(tranches), std::move(funding));
      g.reports = must(d.s->awards.get(programme, kRequestId, g.award.id), "reading an award").reports;
    }
  });
  for (auto& g : grants) {
    plan_tranche(a, d, g, 1, t.day(-14), Stage::paid);
    plan_reports(a, d, g, t);
  }

  // Finance keeps month-end rates, and the USD donor's second instalment arrives.
  for (auto month = first_of_month(t.history_start); last_of_month(month) <= t.quarters[2].period_end;
       month = add_months(month, 1))
    a.at(last_of_month(month), 10, [&d] { d.rates_today(); });
  a.at(add_days(t.quarters[0].period_end, 45), 3, [&] {
    must(d.s->funding.add_receipt(d.as(c.finance), sources.usd, usd(62500), d.today()), "USD receipt");
  });

  // The donors' editions: the last two calendar quarters whose reports had three weeks to come in.
  const auto latest_quarter = previous_quarter_end(add_days(date_of(real_now), -21));
  for (const auto& quarter : {previous_quarter_end(latest_quarter), latest_quarter})
    a.at(add_days(quarter, 21), 9, [&d, &programme, &sources, quarter] {
      for (const auto& source : {sources.usd, sources.eur})
        must(d.s->editions.publish(d.as(programme), source, quarter), "publishing an edition");
    });

  a.run(clock, real_now);
  return sources;
}

// Today, on the real clock: two calls open now, applications in every state,
// peer review, two new awards, a rejection and a request for changes.
void seed_present(Seeder& d, const Cast& c, const Sources& sources) {
  const auto now = d.clock->now_ms();
  const auto today = d.today();
  const auto& programme = c.programme;
  must(d.s->funding.put_fx_rate(d.as(c.finance), {"THB", today, "USD", {281, 4}, 0}), "THB/USD rate");
  must(d.s->funding.put_fx_rate(d.as(c.finance), {"THB", today, "EUR", {259, 4}, 0}), "THB/EUR rate");

  const auto open_call = [&](const std::string& title, std::vector<std::string> results, std::int64_t envelope) {
    const auto f = call_fields(title, "Proposals led by sex workers' organisations in the Mekong region.",
                               std::move(results), envelope, now - hours_ms(24), now + hours_ms(24 * 60), sources);
    const auto call = must(d.s->calls.create(d.as(programme), f), "call " + title);
    return must(d.s->calls.open(d.as(programme), call.id), "opening " + title).id;
  };
  const auto monitoring = open_call("Community human rights monitoring 2027", {"OP1", "OC1"}, 3000000);
  const auto services = open_call("Community-owned health and safety services 2027", {"OP3", "OC4"}, 2000000);

  // Applications in every state.
  const auto start = add_days(today, 40);
  const auto proposal = [&](const std::string& title, std::int64_t requested, const std::string& indicator) {
    return d.proposal(title, requested, start, {{indicator, {0, 0}, {120, 0}}});
  };
  const auto kh_app = d.submitted(c.m_kh, monitoring, proposal("Peer monitoring in Phnom Penh", 540000, "OP1.1"));
  const auto vn_app = d.submitted(c.m_vn, services, proposal("Community clinic referrals in Hanoi", 400000, "OP3.1"));
  const auto th_app = d.submitted(c.m_th, monitoring, proposal("Documenting violence in Chiang Mai", 450000, "OP1.1"));
  d.submitted(c.m_th, services, proposal("Safe spaces in Bangkok", 300000, "OP3.1"));
  d.draft(c.m_la, monitoring, proposal("Rights knowledge in Vientiane", 250000, "OC1.1"));
  const auto mm_app = d.submitted(c.m_mm, services, proposal("Health outreach in Yangon", 350000, "OC4.1"));
  const auto kh_second = d.submitted(c.m_kh, services, proposal("Mobile health desk", 200000, "OP3.1"));
  const auto vn_second = d.submitted(c.m_vn, monitoring, proposal("Monitoring in Ho Chi Minh City", 150000, "OP1.1"));
  must(d.s->applications.withdraw(c.m_vn, kRequestId, vn_second), "withdrawing");

  // Peer review: on the Cambodian proposal the Thai peer declares a conflict, the independent reviewer scores.
  const auto review = [&](const std::string& app, const Principal& who, bool conflict, std::array<int, 3> scores) {
    must(d.s->reviews.assign(d.as(programme), app, who.user_id), "assigning a reviewer");
    d.review(app, who, conflict, scores);
  };
  review(kh_app, c.peer, true, {});
  review(kh_app, c.reviewer, false, {5, 4, 4});
  review(vn_app, c.reviewer, false, {4, 4, 3});
  review(th_app, c.reviewer, false, {3, 4, 3});

  // Decisions: two awards, a rejection and a request for changes.
  const auto approve = [&](const std::string& app, std::int64_t total, std::vector<FundingInput> funding) {
    const std::int64_t third = total / 3;
    return d.approve(app, total,
                     {{add_days(today, 45), thb(total - 2 * third), TrancheCondition::none},
                      {add_days(today, 135), thb(third), TrancheCondition::report_accepted},
                      {add_days(today, 225), thb(third), TrancheCondition::report_accepted}},
                     std::move(funding));
  };
  const auto kh_award = approve(kh_app, 540000, {{sources.usd, thb(300000)}, {sources.eur, thb(240000)}});
  const auto vn_award = approve(vn_app, 400000, {{sources.eur, thb(400000)}});

  // Money: the Cambodian award's first tranche paid (four eyes: requested by
  // programme, approved and paid by finance); the Vietnamese one requested.
  const auto paid = d.request_tranche(kh_award, 1);
  d.approve_disbursement(paid);
  d.pay_disbursement(paid);
  d.request_tranche(vn_award, 1);
  must(d.s->decisions.decide(d.as(programme), kh_second,
                             {Decision::reject, "Outside the call's results this round.", std::nullopt, {}, {}}),
       "rejecting");
  must(d.s->decisions.decide(d.as(programme), mm_app,
                             {Decision::request_changes, "Please add a safety plan for outreach workers.",
                              std::nullopt, {}, {}}),
       "requesting changes");
}

}  // namespace

std::vector<DemoLogin> seed_demo(Store& store, const Clock& clock, const PasswordHasher& hasher,
                                 const std::string& password) {
  {
    auto uow = store.begin(Access::read);
    const bool fresh = uow->organisations().list({2, std::nullopt}, std::nullopt).items.size() <= 1;
    uow->commit();
    if (!fresh) throw std::runtime_error("seed-demo: the database already holds data; seed-demo fills only a new one");
  }
  const EpochMs real_now = clock.now_ms();
  const Timeline t(date_of(real_now));
  ManualClock past(instant(t.history_start, 2));
  Services history(store, past, hasher), present(store, clock, hasher);

  Seeder d{store, &history, &past, password, first_of_month(t.history_start), {}, {}, {}, {}, 0};
  const Cast c = cast(d, past);
  const Sources sources = seed_history(d, c, past, t, real_now);

  d.s = &present;
  d.clock = &clock;
  seed_present(d, c, sources);
  return d.logins;
}

}  // namespace mswa::demo
