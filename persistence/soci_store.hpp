#pragma once
#include <memory>

#include "domain/repositories.hpp"
#include "persistence/database.hpp"
#include "persistence/edition_file_cache.hpp"

namespace mswa::persistence {

class SociStore final : public domain::Store {
 public:
  explicit SociStore(Database& db) : db_(db) {}
  std::unique_ptr<domain::UnitOfWork> begin(domain::Access access) override;

 private:
  Database& db_;
  EditionFileCache edition_files_;  // shared by every unit of work of this store
};

}  // namespace mswa::persistence
