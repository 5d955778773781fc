#pragma once
#include <string>
#include <vector>

#include "persistence/database.hpp"

namespace mswa::persistence {

struct EmbeddedMigration {
  const char* dialect;  // "sqlite" or "postgresql"
  int version;
  const char* name;
  const char* sql;
};
const std::vector<EmbeddedMigration>& embedded_migrations();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;
};

// Applies every migration newer than the database's schema version, each in
// its own transaction. Refuses (throws std::runtime_error) a database whose
// schema is newer than this binary knows. Safe to run from several processes.
MigrationReport migrate(Database& db);
// The newest version this binary knows for the database's dialect.
int latest_schema_version(Dialect dialect);
// The version recorded in the database (0 when none).
int current_schema_version(Database& db);

}  // namespace mswa::persistence
