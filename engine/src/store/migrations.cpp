#include "rolefit/store/migrations.hpp"

#include <array>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "rolefit/store/store.hpp"

namespace rolefit {
namespace {

void createProfiles(SQLite::Database& db) {
  db.exec(R"sql(
    CREATE TABLE profiles (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      industry TEXT NOT NULL,
      business_model TEXT NOT NULL,
      stage TEXT NOT NULL,
      employees INTEGER NOT NULL,
      revenue_musd REAL,
      product_lines INTEGER NOT NULL,
      tech_revenue_pct REAL NOT NULL,
      regulatory_burden INTEGER NOT NULL,
      it_complexity INTEGER NOT NULL,
      leadership_budget TEXT NOT NULL,
      goal_efficiency INTEGER NOT NULL,
      goal_cost INTEGER NOT NULL,
      goal_innovation INTEGER NOT NULL,
      goal_growth INTEGER NOT NULL,
      goal_customer INTEGER NOT NULL,
      goal_security INTEGER NOT NULL,
      goal_transformation INTEGER NOT NULL,
      goal_information INTEGER NOT NULL,
      cap_infrastructure INTEGER NOT NULL,
      cap_security INTEGER NOT NULL,
      cap_information INTEGER NOT NULL,
      cap_enterprise_systems INTEGER NOT NULL,
      cap_vendor INTEGER NOT NULL,
      cap_engineering INTEGER NOT NULL,
      cap_innovation INTEGER NOT NULL,
      cap_architecture INTEGER NOT NULL,
      leaders TEXT NOT NULL,
      notes TEXT NOT NULL DEFAULT '',
      revision INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    -- Earlier versions of each profile, as JSON of the contract's fields, so a
    -- revision stays readable whatever later migrations do to the columns.
    CREATE TABLE profile_revisions (
      profile_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      saved_at TEXT NOT NULL,
      content TEXT NOT NULL,
      PRIMARY KEY (profile_id, revision)
    ) WITHOUT ROWID;
  )sql");
}

void createRoleModelCopies(SQLite::Database& db) {
  db.exec(R"sql(
    -- A user's edited copies of the built-in role models; the built-ins are
    -- compiled in and never change. At most one active copy per role.
    CREATE TABLE role_model_copies (
      id TEXT PRIMARY KEY NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('cio', 'cto', 'hybrid')),
      content TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX role_model_copies_one_active ON role_model_copies(role) WHERE active = 1;
  )sql");
}

void createSessions(SQLite::Database& db) {
  db.exec(R"sql(
    -- Named sets of profiles. A session imported from a file keeps the role
    -- models its sender used and, per profile, the result the sender saw.
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      notes TEXT NOT NULL DEFAULT '',
      origin TEXT NOT NULL DEFAULT '',
      role_model_version TEXT NOT NULL DEFAULT '',
      role_models TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    -- profile_id has no foreign key: that would need a second index kept up
    -- on every import; Store::emptyBin removes a deleted profile's rows.
    CREATE TABLE session_profiles (
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      profile_id TEXT NOT NULL,
      seen TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (session_id, profile_id)
    ) WITHOUT ROWID;
  )sql");
}

void createRatings(SQLite::Database& db) {
  db.exec(R"sql(
    -- Raters' values of a profile's judgement fields. A rater's new rating
    -- of a profile replaces the current one, which stays as history with
    -- replaced_at set.
    CREATE TABLE ratings (
      profile_id TEXT NOT NULL,
      rater TEXT NOT NULL,
      seq INTEGER NOT NULL,
      rated_at TEXT NOT NULL,
      replaced_at TEXT,
      regulatory_burden INTEGER NOT NULL,
      it_complexity INTEGER NOT NULL,
      goal_efficiency INTEGER NOT NULL,
      goal_cost INTEGER NOT NULL,
      goal_innovation INTEGER NOT NULL,
      goal_growth INTEGER NOT NULL,
      goal_customer INTEGER NOT NULL,
      goal_security INTEGER NOT NULL,
      goal_transformation INTEGER NOT NULL,
      goal_information INTEGER NOT NULL,
      cap_infrastructure INTEGER NOT NULL,
      cap_security INTEGER NOT NULL,
      cap_information INTEGER NOT NULL,
      cap_enterprise_systems INTEGER NOT NULL,
      cap_vendor INTEGER NOT NULL,
      cap_engineering INTEGER NOT NULL,
      cap_innovation INTEGER NOT NULL,
      cap_architecture INTEGER NOT NULL,
      PRIMARY KEY (profile_id, rater, seq)
    ) WITHOUT ROWID;
  )sql");
}

void indexProfilesByName(SQLite::Database& db) {
  db.exec(R"sql(
    -- Profiles are listed, evaluated and looked up by name: walking this
    -- index hands out the first row at once, where sorting the table would
    -- read every row before the first one.
    CREATE INDEX profiles_by_name ON profiles(name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
  )sql");
}

const std::array<Migration, 5> kMigrations{{
    {1, "profiles with revisions and a bin", createProfiles},
    {2, "user copies of the role models", createRoleModelCopies},
    {3, "sessions", createSessions},
    {4, "raters' ratings of profiles", createRatings},
    {5, "profiles indexed by name", indexProfilesByName},
}};

}  // namespace

std::span<const Migration> builtinMigrations() { return kMigrations; }
int latestSchemaVersion() { return kMigrations.back().version; }

int userVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void migrate(SQLite::Database& db, std::span<const Migration> migrations) {
  // All pending steps in one transaction: a new database costs one commit,
  // and a failed step leaves the file at the version it had before.
  // The version is read inside the write lock: a second copy may have
  // migrated meanwhile.
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const int from = userVersion(db);
  bool applied = false;
  for (const auto& m : migrations) {
    if (from >= m.version) continue;
    applied = true;
    try {
      m.apply(db);
    } catch (const std::exception& e) {
      throw StoreError(fmt::format("upgrading the database to schema version {} ({}) failed: {}",
                                   m.version, m.description, e.what()));
    }
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));
  }
  if (!applied) return;  // the transaction rolls back: nothing was written
  db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  tx.commit();
}

}  // namespace rolefit
