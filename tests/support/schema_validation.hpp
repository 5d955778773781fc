#pragma once
// Checks the export files against the standards they claim, with the real
// validators: xmllint for the IATI 2.03 XSD, Python jsonschema for the
// 360Giving 1.4.3 package schema (tests/standards holds local copies, so
// nothing is fetched). A missing validator is an error, never a pass.
#include <string>

namespace mswa::test {

// "" when `xml` validates against iati-activities-schema.xsd, else xmllint's messages.
std::string iati_schema_errors(const std::string& xml);

// "" when `json` validates against 360-giving-package-schema.json, else the errors.
std::string giving360_schema_errors(const std::string& json);

}  // namespace mswa::test
