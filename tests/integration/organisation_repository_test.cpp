#include <set>

#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

using domain::Failure;
using domain::OrgKind;

class OrganisationRepository : public StoreTest {};

TEST_P(OrganisationRepository, NamesInEveryMekongScriptRoundTripByteForByte) {
  const std::vector<std::string> names = {
      "มูลนิธิเพื่อนพนักงานบริการ",       // Thai
      "ស្ថាប័នឧទាហរណ៍",                   // Khmer
      "ສະມາຄົມຜູ້ໃຫ້ບໍລິການ",              // Lao
      "လိင်လုပ်သားများ ကွန်ရက်",            // Burmese
      "Mạng lưới Người bán dâm Việt Nam",  // Vietnamese
  };
  for (const auto& name : names) {
    const auto created = add_org(name);
    auto uow = read();
    const auto found = uow->organisations().find(created.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->fields.name, name);
    EXPECT_EQ(found->fields.name.size(), name.size());
  }
}

TEST_P(OrganisationRepository, StoresEveryField) {
  auto uow = write();
  const domain::OrganisationFields f{"N", std::string("N en"), OrgKind::donor, "GB", false,
                                     domain::Publication::confidential, std::string("GB-CHC-1234567")};
  const auto created = uow->organisations().insert(f, kStartMs);
  uow->commit();
  const auto found = read()->organisations().find(created.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->fields.name_en, "N en");
  EXPECT_EQ(found->fields.kind, OrgKind::donor);
  EXPECT_EQ(found->fields.country, "GB");
  EXPECT_FALSE(found->fields.sex_worker_led);
  EXPECT_EQ(found->fields.publication, domain::Publication::confidential);
  EXPECT_EQ(found->fields.iati_ref, "GB-CHC-1234567");
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->created_at, kStartMs);
  EXPECT_FALSE(read()->organisations().find("no-such-id"));
}

TEST_P(OrganisationRepository, ListsInPagesWithoutGapsOrRepeats) {
  for (int i = 0; i < 5; ++i) add_org("org " + std::to_string(i), "KH", OrgKind::member, kStartMs + (i % 2));
  std::set<std::string> seen;
  domain::PageRequest page{2, std::nullopt};
  int pages = 0;
  for (;;) {
    auto result = read()->organisations().list(page, std::nullopt);
    ++pages;
    for (const auto& o : result.items) EXPECT_TRUE(seen.insert(o.id).second) << "repeated " << o.id;
    if (!result.next_after) break;
    page.after = result.next_after;
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);
}

TEST_P(OrganisationRepository, ListCanBeLimitedToOneOrganisation) {
  const auto a = add_org("a");
  add_org("b");
  const auto only = read()->organisations().list({50, std::nullopt}, a.id);
  ASSERT_EQ(only.items.size(), 1u);
  EXPECT_EQ(only.items[0].id, a.id);
}

TEST_P(OrganisationRepository, UpdateChecksTheVersion) {
  auto org = add_org("before");
  org.fields.name = "after";
  org.version = 2;
  {
    auto uow = write();
    EXPECT_TRUE(uow->organisations().update(org, 1));
    uow->commit();
  }
  {
    auto uow = write();
    org.version = 3;
    EXPECT_FALSE(uow->organisations().update(org, 1));  // stale
  }
  EXPECT_EQ(read()->organisations().find(org.id)->fields.name, "after");
}

TEST_P(OrganisationRepository, DuplicateIatiReferenceIsAConflict) {
  domain::OrganisationFields f{"A", std::nullopt, OrgKind::donor, "GB", false, domain::Publication::public_,
                               std::string("XM-DAC-41114")};
  {
    auto uow = write();
    uow->organisations().insert(f, kStartMs);
    uow->commit();
  }
  auto uow = write();
  try {
    uow->organisations().insert(f, kStartMs);
    FAIL() << "a second organisation took the same IATI reference";
  } catch (const Failure& e) {
    EXPECT_EQ(e.error().code, domain::ErrorCode::conflict);
  }
}

TEST_P(OrganisationRepository, NothingStaysWithoutCommit) {
  std::string id;
  {
    auto uow = write();
    id = uow->organisations().insert({"ghost", std::nullopt, OrgKind::member, "KH", true,
                                      domain::Publication::public_, std::nullopt}, kStartMs).id;
  }
  EXPECT_FALSE(read()->organisations().find(id));
}

MSWA_ON_EVERY_BACKEND(OrganisationRepository);

}  // namespace mswa::test
