#pragma once
#include <memory>

#include "domain/repositories.hpp"
#include "persistence/database.hpp"

namespace mswa::persistence {

class SociStore final : public domain::Store {
 public:
  explicit SociStore(Database& db) : db_(db) {}
  std::unique_ptr<domain::UnitOfWork> begin(domain::Access access) override;

 private:
  Database& db_;
};

}  // namespace mswa::persistence
