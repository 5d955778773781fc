#pragma once
// Who may see which entity: one policy per kind, pure (the caller reads what
// a policy needs, such as a reviewer's assignment). A service answers an
// entity the caller may not see exactly as a missing one (visible_read.hpp).
#include "domain/application.hpp"
#include "domain/award.hpp"
#include "domain/disbursement.hpp"
#include "domain/edition.hpp"
#include "domain/funding.hpp"
#include "domain/principal.hpp"
#include "domain/progress_report.hpp"

namespace mswa::domain {

// Staff see every application; a member its own organisation's; a reviewer
// those assigned to them (`assigned`: the caller holds an assignment for it).
bool can_see(const Principal& who, const Application& application, bool assigned);
// Staff see every award, report and disbursement; a member its own organisation's.
bool can_see(const Principal& who, const Award& award);
bool can_see(const Principal& who, const ProgressReport& report);
bool can_see(const Principal& who, const Disbursement& disbursement);
// Staff see every funding source; a donor its own organisation's.
bool can_see(const Principal& who, const FundingSource& source);
// Staff see every edition file; otherwise only the source's donor organisation.
bool can_see(const Principal& who, const EditionFile& file);

}  // namespace mswa::domain
