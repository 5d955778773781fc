#include "api/demo_seed.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "api/dto/disbursement_json.hpp"
#include "domain/calendar_date.hpp"

namespace mswa::api {

namespace {

using namespace domain;

const Actor kSeeder = Actor::system("seed-demo");

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

struct Seeder {
  const DemoServices& s;
  std::string password;
  std::vector<DemoLogin> logins;
  EpochMs now = s.clock.now_ms();
  std::string today = date_of(now);

  std::string org(const std::string& name, const std::string& name_en, OrgKind kind, const std::string& country,
                  Publication publication) {
    return must(s.organisations.create(kSeeder, {name, name_en, kind, country, kind == OrgKind::member, publication,
                                                 std::nullopt}),
                "organisation " + name_en)
        .id;
  }

  Principal user(const std::string& email, Role role, const std::optional<std::string>& organisation,
                 const std::string& label) {
    const auto u = must(s.users.create(kSeeder, {email, label, role, organisation, password}), "user " + email);
    logins.push_back({email, std::string(to_string(role)), label});
    return {u.id, role, organisation, u.email, u.name};
  }

  ApplicationContent proposal(const std::string& title, std::int64_t requested, const std::string& indicator) {
    ApplicationContent c;
    c.title = title;
    c.summary = "Peer-led work by and for sex workers, with community monitors and safe referral.";
    c.requested = thb(requested);
    c.start_date = add_days(today, 40);
    c.duration_months = 12;
    c.answers = {{"need", "Incidents go unrecorded and survivors lack safe support."},
                 {"safety", "Monitors work in pairs and keep no names."}};
    const std::int64_t staff = requested / 2, activities = requested - staff - requested / 10;
    c.budget_lines = {{"", BudgetCategory::personnel, "Peer monitor stipends", thb(staff)},
                      {"", BudgetCategory::activities, "Outreach and workshops", thb(activities)},
                      {"", BudgetCategory::administration, "Office and communications", thb(requested / 10)}};
    c.targets = {{indicator, {0, 0}, {120, 0}}};
    return c;
  }

  std::string draft(const Principal& member, const std::string& call, const ApplicationContent& c) {
    return must(s.applications.create(member, "seed-demo", call, c), "application " + c.title).id;
  }
  std::string submitted(const Principal& member, const std::string& call, const ApplicationContent& c) {
    const auto id = draft(member, call, c);
    must(s.applications.submit(member, "seed-demo", id), "submitting " + c.title);
    return id;
  }
};

}  // namespace

std::vector<DemoLogin> seed_demo(const DemoServices& s, const std::string& password) {
  {
    auto uow = s.store.begin(Access::read);
    const bool fresh = uow->organisations().list({2, std::nullopt}, std::nullopt).items.size() <= 1;
    uow->commit();
    if (!fresh) throw std::runtime_error("seed-demo: the database already holds data; seed-demo fills only a new one");
  }
  Seeder d{s, password, {}};

  // Member organisations, one per country, named in their own scripts; mixed publication choices.
  const auto th = d.org("เครือข่ายพนักงานบริการภาคเหนือ", "Northern Thailand Sex Workers Network", OrgKind::member, "TH", Publication::public_);
  const auto kh = d.org("បណ្តាញស្ត្រីធ្វើការកម្សាន្ត", "Women Entertainment Workers Network", OrgKind::member, "KH", Publication::pseudonymous);
  const auto la = d.org("ເຄືອຂ່າຍຜູ້ໃຫ້ບໍລິການລາວ", "Lao Service Workers Network", OrgKind::member, "LA", Publication::confidential);
  const auto mm = d.org("လိင်လုပ်သားများကွန်ရက်", "Myanmar Sex Workers Network", OrgKind::member, "MM", Publication::confidential);
  const auto vn = d.org("Mạng lưới Người bán dâm Việt Nam", "Viet Nam Sex Workers Network", OrgKind::member, "VN", Publication::pseudonymous);
  const auto rcf = d.org("Rights Collective Fund", "Rights Collective Fund", OrgKind::donor, "GB", Publication::public_);
  const auto nhp = d.org("Nordic Health Partnership", "Nordic Health Partnership", OrgKind::donor, "SE", Publication::public_);

  std::string alliance;
  {
    auto uow = s.store.begin(Access::read);
    for (const auto& o : uow->organisations().list({50, std::nullopt}, std::nullopt).items)
      if (o.fields.kind == OrgKind::alliance) alliance = o.id;
    uow->commit();
  }
  const auto programme = d.user("programme@demo.mswa.example", Role::programme, alliance, "Programme officer");
  const auto finance = d.user("finance@demo.mswa.example", Role::finance, alliance, "Finance officer");
  const auto reviewer = d.user("reviewer@demo.mswa.example", Role::reviewer, std::nullopt, "Independent reviewer");
  const auto peer = d.user("peer.reviewer@demo.mswa.example", Role::reviewer, th, "Peer reviewer (Thailand)");
  d.user("donor@demo.rcf.example", Role::donor, rcf, "Rights Collective Fund");
  d.user("donor@demo.nhp.example", Role::donor, nhp, "Nordic Health Partnership");
  const auto m_th = d.user("member.th@demo.example", Role::member, th, "Member (Thailand)");
  const auto m_kh = d.user("member.kh@demo.example", Role::member, kh, "Member (Cambodia)");
  const auto m_la = d.user("member.la@demo.example", Role::member, la, "Member (Lao PDR)");
  const auto m_mm = d.user("member.mm@demo.example", Role::member, mm, "Member (Myanmar)");
  const auto m_vn = d.user("member.vn@demo.example", Role::member, vn, "Member (Viet Nam)");

  // Two donors' funding sources, money received, and today's rates.
  const auto usd = must(s.funding.create(kSeeder, {rcf, "RCF-2027-14", "Core support 2027", {25000000, *find_currency("USD")},
                                                   "2027-01-01", "2028-12-31", {"OC1", "OP1", "OP3", "OC4"}}), "USD source");
  const auto eur = must(s.funding.create(kSeeder, {nhp, "NHP-2027-3", "Community health and safety", {18000000, *find_currency("EUR")},
                                                   "2027-01-01", "2028-12-31", {"OC4", "OP3", "OP1"}}), "EUR source");
  must(s.funding.add_receipt(kSeeder, usd.id, {12500000, *find_currency("USD")}, d.today), "USD receipt");
  must(s.funding.add_receipt(kSeeder, eur.id, {9000000, *find_currency("EUR")}, d.today), "EUR receipt");
  must(s.funding.put_fx_rate(kSeeder, {"THB", d.today, "USD", {281, 4}, 0}), "THB/USD rate");
  must(s.funding.put_fx_rate(kSeeder, {"THB", d.today, "EUR", {259, 4}, 0}), "THB/EUR rate");

  // Two calls, open now.
  const auto open_call = [&](const std::string& title, std::vector<std::string> results, std::int64_t envelope) {
    CallFields f{title, "Proposals led by sex workers' organisations in the Mekong region.", *find_currency("THB"),
                 thb(envelope), thb(600000), d.now - hours_ms(24), d.now + hours_ms(24 * 60),
                 {"KH", "LA", "MM", "TH", "VN"}, std::move(results),
                 {{"relevance", "Relevance to the logframe", 40}, {"leadership", "Sex worker leadership", 35},
                  {"value", "Value for money", 25}},
                 {{"need", "What need does this answer?", true, 4000}, {"safety", "How will you keep people safe?", true, 2000}},
                 ReportingFrequency::quarterly, {usd.id, eur.id}};
    const auto call = must(s.calls.create(kSeeder, f), "call " + title);
    return must(s.calls.open(kSeeder, call.id), "opening " + title).id;
  };
  const auto monitoring = open_call("Community human rights monitoring 2027", {"OP1", "OC1"}, 3000000);
  const auto services = open_call("Community-owned health and safety services 2027", {"OP3", "OC4"}, 2000000);

  // Applications in every state.
  const auto kh_app = d.submitted(m_kh, monitoring, d.proposal("Peer monitoring in Phnom Penh", 540000, "OP1.1"));
  const auto vn_app = d.submitted(m_vn, services, d.proposal("Community clinic referrals in Hanoi", 400000, "OP3.1"));
  const auto th_app = d.submitted(m_th, monitoring, d.proposal("Documenting violence in Chiang Mai", 450000, "OP1.1"));
  d.submitted(m_th, services, d.proposal("Safe spaces in Bangkok", 300000, "OP3.1"));
  d.draft(m_la, monitoring, d.proposal("Rights knowledge in Vientiane", 250000, "OC1.1"));
  const auto mm_app = d.submitted(m_mm, services, d.proposal("Health outreach in Yangon", 350000, "OC4.1"));
  const auto kh_second = d.submitted(m_kh, services, d.proposal("Mobile health desk", 200000, "OP3.1"));
  const auto vn_second = d.submitted(m_vn, monitoring, d.proposal("Monitoring in Ho Chi Minh City", 150000, "OP1.1"));
  must(s.applications.withdraw(m_vn, "seed-demo", vn_second), "withdrawing");

  // Peer review: on the Cambodian proposal the Thai peer declares a conflict, the independent reviewer scores.
  const auto review = [&](const std::string& app, const Principal& who, bool conflict, int a, int b, int c) {
    must(s.reviews.assign(Actor::of(programme, "seed-demo"), app, who.user_id), "assigning a reviewer");
    ReviewInput in{conflict, {}, conflict ? "I advise this organisation." : "Clear, safe and community-led.", std::nullopt};
    if (!conflict) {
      in.scores = {{"relevance", a}, {"leadership", b}, {"value", c}};
      in.recommendation = Recommendation::fund;
    }
    must(s.reviews.review(who, "seed-demo", app, in), "reviewing");
  };
  review(kh_app, peer, true, 0, 0, 0);
  review(kh_app, reviewer, false, 5, 4, 4);
  review(vn_app, reviewer, false, 4, 4, 3);
  review(th_app, reviewer, false, 3, 4, 3);

  // Decisions: two awards, a rejection and a request for changes.
  const auto approve = [&](const std::string& app, std::int64_t total, std::vector<FundingInput> funding) {
    DecisionInput in{Decision::approve, "Strong community leadership and a safe plan.", thb(total), {}, std::move(funding)};
    const std::int64_t third = total / 3;
    in.tranches = {{add_days(d.today, 45), thb(total - 2 * third), TrancheCondition::none},
                   {add_days(d.today, 135), thb(third), TrancheCondition::report_accepted},
                   {add_days(d.today, 225), thb(third), TrancheCondition::report_accepted}};
    return std::get<Award>(must(s.decisions.decide(Actor::of(programme, "seed-demo"), app, in), "approving"));
  };
  const auto kh_award = approve(kh_app, 540000, {{usd.id, thb(300000)}, {eur.id, thb(240000)}});
  const auto vn_award = approve(vn_app, 400000, {{eur.id, thb(400000)}});

  // Money: the Cambodian award's first tranche paid (four eyes: requested by
  // programme, approved and paid by finance); the Vietnamese one requested.
  const auto request = [&](const Award& award, const std::string& key) {
    const auto& first = award.tranches.front();
    std::string id;
    must(s.disbursements.request(Actor::of(programme, "seed-demo"), award.id,
                                 {first.id, first.amount, "First tranche, on signature."}, {programme.user_id, key, key},
                                 [&id](const Disbursement& made) {
                                   id = made.id;
                                   return StoredResponse{201, to_json(made).dump()};
                                 }),
         "requesting a disbursement");
    return id;
  };
  const auto paid = request(kh_award, "seed-demo-kh-1");
  must(s.disbursements.approve(Actor::of(finance, "seed-demo"), paid), "approving a disbursement");
  must(s.disbursements.pay(Actor::of(finance, "seed-demo"), paid, {d.today, "DEMO-TT-0001"}), "paying a disbursement");
  request(vn_award, "seed-demo-vn-1");
  must(s.decisions.decide(Actor::of(programme, "seed-demo"), kh_second,
                          {Decision::reject, "Outside the call's results this round.", std::nullopt, {}, {}}),
       "rejecting");
  must(s.decisions.decide(Actor::of(programme, "seed-demo"), mm_app,
                          {Decision::request_changes, "Please add a safety plan for outreach workers.", std::nullopt, {}, {}}),
       "requesting changes");
  return d.logins;
}

}  // namespace mswa::api
