#include "domain/visibility.hpp"

namespace mswa::domain {

namespace {
// The rule awards and everything that hangs off them share.
bool staff_or_member_of(const Principal& who, const std::string& organisation_id) {
  return is_staff(who.role) || (who.role == Role::member && who.organisation_id == organisation_id);
}
}  // namespace

bool can_see(const Principal& who, const Application& application, bool assigned) {
  return staff_or_member_of(who, application.organisation_id) || (who.role == Role::reviewer && assigned);
}

bool can_see(const Principal& who, const Award& award) { return staff_or_member_of(who, award.organisation_id); }

bool can_see(const Principal& who, const ProgressReport& report) {
  return staff_or_member_of(who, report.organisation_id);
}

bool can_see(const Principal& who, const Disbursement& disbursement) {
  return staff_or_member_of(who, disbursement.organisation_id);
}

bool can_see(const Principal& who, const FundingSource& source) {
  return is_staff(who.role) || (who.role == Role::donor && who.organisation_id == source.fields.donor_organisation_id);
}

bool can_see(const Principal& who, const EditionFile& file) {
  return is_staff(who.role) || (who.organisation_id && *who.organisation_id == file.donor_organisation_id);
}

}  // namespace mswa::domain
