#include "reports/privacy.hpp"


namespace mswa::reports {

std::string pseudonym(const std::string& country, int number) {
  return "Member organisation " + country + "-" + std::to_string(number);
}

Recipient recipient_of(const domain::SummaryAward& a) {
  Recipient r;
  r.country = a.country;
  switch (a.publication) {
    case domain::Publication::public_:
      r.listed = r.named = true;
      r.label = a.organisation_name;
      r.label_en = a.organisation_name_en.value_or(a.organisation_name);
      r.iati_ref = a.organisation_iati_ref.value_or("");
      break;
    case domain::Publication::pseudonymous:
      r.listed = true;
      r.label = r.label_en = pseudonym(a.country, a.pseudonym_number);
      break;
    case domain::Publication::confidential:
      break;
  }
  return r;
}

}  // namespace mswa::reports
