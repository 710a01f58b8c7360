// Numbered schema migrations. Each runs in its own BEGIN IMMEDIATE transaction
// that also sets PRAGMA user_version, so a failure leaves the previous version
// whole. Never edit a released migration: add the next one.
#pragma once
#include <span>
#include <string_view>

namespace SQLite {
class Database;
}

namespace rolefit {

struct Migration {
  int version;
  std::string_view description;
  void (*apply)(SQLite::Database& db);
};

std::span<const Migration> builtinMigrations();
int latestSchemaVersion();

int userVersion(SQLite::Database& db);
// Applies every migration newer than the database's user_version, in order.
void migrate(SQLite::Database& db, std::span<const Migration> migrations);

}  // namespace rolefit
