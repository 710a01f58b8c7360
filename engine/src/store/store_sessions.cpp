// Sessions: named sets of profiles, and applying imported session files.
#include "rolefit/store/store.hpp"

#include <algorithm>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile_json.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"
#include "store/store_detail.hpp"

namespace rolefit {

using namespace store_detail;

namespace {

constexpr const char* kSessionSelect =
    "SELECT s.id, s.name, s.notes, s.origin, s.role_model_version, s.created_at, s.updated_at, "
    "(SELECT count(*) FROM session_profiles m JOIN profiles p ON p.id = m.profile_id "
    " WHERE m.session_id = s.id AND p.deleted_at IS NULL) FROM sessions s";

SessionInfo readSession(SQLite::Statement& q) {
  SessionInfo s;
  s.id = q.getColumn(0).getString();
  s.name = q.getColumn(1).getString();
  s.notes = q.getColumn(2).getString();
  s.origin = q.getColumn(3).getString();
  s.roleModelVersion = q.getColumn(4).getString();
  s.createdAt = q.getColumn(5).getString();
  s.updatedAt = q.getColumn(6).getString();
  s.profileCount = static_cast<std::size_t>(q.getColumn(7).getInt64());
  return s;
}

void checkSessionName(std::string_view name) {
  const auto length = utf8Length(name);
  if (!isValidUtf8(name) || length == 0 || length > kMaxNameLength || hasControlCharacters(name, false))
    throw ValidationError(fmt::format("a session name must be 1-{} characters of text, without control characters",
                                      kMaxNameLength),
                          {{"name", fmt::format("must be 1-{} characters of text", kMaxNameLength)}});
}

void checkSessionNotes(std::string_view notes) {
  if (!isValidUtf8(notes) || utf8Length(notes) > 20'000)
    throw ValidationError("session notes must be text of at most 20,000 characters",
                          {{"notes", "must be text of at most 20,000 characters"}});
}

void requireSession(SQLite::Database& db, const std::string& id) {
  SQLite::Statement q(db, "SELECT 1 FROM sessions WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) throw StoreError(fmt::format("no session with id {}", id));
}

void touchSession(SQLite::Database& db, const std::string& id) {
  SQLite::Statement q(db, "UPDATE sessions SET updated_at = ? WHERE id = ?");
  q.bind(1, utcNowIso8601());
  q.bind(2, id);
  q.exec();
}

}  // namespace

std::vector<SessionInfo> Store::sessions() const {
  SQLite::Statement q(*db_, std::string(kSessionSelect) + " ORDER BY s.name COLLATE NOCASE, s.id");
  std::vector<SessionInfo> out;
  while (q.executeStep()) out.push_back(readSession(q));
  return out;
}

std::optional<SessionInfo> Store::session(std::string_view id) const {
  SQLite::Statement q(*db_, std::string(kSessionSelect) + " WHERE s.id = ?");
  q.bind(1, lower(id));
  if (!q.executeStep()) return std::nullopt;
  return readSession(q);
}

std::vector<SessionInfo> Store::findSessions(std::string_view key) const {
  if (isUuid(key))
    if (auto s = session(key)) return {*s};
  SQLite::Statement q(*db_, std::string(kSessionSelect) + " WHERE s.name = ? COLLATE NOCASE ORDER BY s.id");
  q.bind(1, std::string(key));
  std::vector<SessionInfo> out;
  while (q.executeStep()) out.push_back(readSession(q));
  return out;
}

SessionInfo Store::createSession(std::string_view name, std::string_view notes, std::string_view id) {
  checkSessionName(name);
  checkSessionNotes(notes);
  if (!id.empty() && !isUuid(id)) throw StoreError(fmt::format("{} is not a session id", id));
  SessionInfo s;
  s.id = id.empty() ? newUuid() : lower(id);
  s.name = std::string(name);
  s.notes = std::string(notes);
  s.createdAt = s.updatedAt = utcNowIso8601();
  write([&] {
    SQLite::Statement q(*db_, "INSERT INTO sessions (id, name, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, s.id);
    q.bind(2, s.name);
    q.bind(3, s.notes);
    q.bind(4, s.createdAt);
    q.bind(5, s.updatedAt);
    q.exec();
  });
  return s;
}

void Store::renameSession(std::string_view id, std::string_view name) {
  checkSessionName(name);
  write([&] {
    SQLite::Statement q(*db_, "UPDATE sessions SET name = ?, updated_at = ? WHERE id = ?");
    q.bind(1, std::string(name));
    q.bind(2, utcNowIso8601());
    q.bind(3, lower(id));
    if (q.exec() == 0) throw StoreError(fmt::format("no session with id {}", id));
  });
}

void Store::deleteSession(std::string_view id) {
  write([&] {
    SQLite::Statement q(*db_, "DELETE FROM sessions WHERE id = ?");
    q.bind(1, lower(id));
    if (q.exec() == 0) throw StoreError(fmt::format("no session with id {}", id));
  });
}

void Store::addToSession(std::string_view id, std::span<const std::string> profileIds) {
  const std::string sessionId = lower(id);
  write([&] {
    requireSession(*db_, sessionId);
    SQLite::Statement exists(*db_, "SELECT 1 FROM profiles WHERE id = ?");
    SQLite::Statement add(*db_, "INSERT OR IGNORE INTO session_profiles (session_id, profile_id) VALUES (?, ?)");
    for (const auto& profileId : profileIds) {
      exists.reset();
      exists.bind(1, lower(profileId));
      if (!exists.executeStep()) throw StoreError(fmt::format("no profile with id {}", profileId));
      add.reset();
      add.bind(1, sessionId);
      add.bind(2, lower(profileId));
      add.exec();
    }
    touchSession(*db_, sessionId);
  });
}

void Store::removeFromSession(std::string_view id, std::span<const std::string> profileIds) {
  const std::string sessionId = lower(id);
  write([&] {
    requireSession(*db_, sessionId);
    SQLite::Statement remove(*db_, "DELETE FROM session_profiles WHERE session_id = ? AND profile_id = ?");
    for (const auto& profileId : profileIds) {
      remove.reset();
      remove.bind(1, sessionId);
      remove.bind(2, lower(profileId));
      remove.exec();
    }
    touchSession(*db_, sessionId);
  });
}

std::vector<std::string> Store::sessionProfileIds(std::string_view id) const {
  SQLite::Statement q(*db_,
                      "SELECT p.id FROM session_profiles m JOIN profiles p ON p.id = m.profile_id "
                      "WHERE m.session_id = ? AND p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE, p.id");
  q.bind(1, lower(id));
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::vector<std::pair<std::string, std::string>> Store::sessionSeen(std::string_view id) const {
  SQLite::Statement q(*db_, "SELECT profile_id, seen FROM session_profiles WHERE session_id = ? AND seen <> ''");
  q.bind(1, lower(id));
  std::vector<std::pair<std::string, std::string>> out;
  while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  return out;
}

SessionImportWritten Store::applySessionImports(std::span<const SessionImport> imports, const Progress& progress) {
  std::size_t total = 0;
  for (const auto& import : imports) {
    checkSessionName(import.session.name);
    checkSessionNotes(import.session.notes);
    for (const auto& p : import.saves) throwIfInvalid(p);
    for (const auto& r : import.ratings) {
      auto problem = raterNameProblem(r.rater);
      if (!problem)
        if (const auto values = validateJudgements(r.values); !values.empty())
          problem = fmt::format("{}: {}", values.front().field, values.front().message);
      if (problem)
        throw ValidationError(fmt::format("rating by {}: {}", quoteForMessage(r.rater), *problem), {});
    }
    total += import.saves.size();
  }
  return write([&] {
    const std::string now = utcNowIso8601();
    ProfileWriter writer(*db_);
    SQLite::Statement upsert(*db_,
                             "INSERT INTO sessions (id, name, notes, origin, role_model_version, role_models, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "name = excluded.name, notes = excluded.notes, origin = excluded.origin, "
                             "role_model_version = excluded.role_model_version, role_models = excluded.role_models, "
                             "updated_at = excluded.updated_at");
    // An upsert, not INSERT OR REPLACE: with foreign keys on, REPLACE costs a
    // delete-and-check per row (three times slower on a 10,000-profile import).
    SQLite::Statement member(*db_,
                             "INSERT INTO session_profiles (session_id, profile_id, seen) VALUES (?, ?, ?) "
                             "ON CONFLICT (session_id, profile_id) DO UPDATE SET seen = excluded.seen");
    SessionImportWritten written;
    std::size_t& saved = written.profiles;
    Profile stored;
    for (const auto& import : imports) {
      for (const auto& p : import.saves) {
        stored = p;
        writer.save(stored, now);
        ++saved;
        if (progress && (saved % 256 == 0 || saved == total)) progress(saved, total);
      }
      const std::string sessionId = import.session.id.empty() ? newUuid() : lower(import.session.id);
      upsert.reset();
      upsert.bind(1, sessionId);
      upsert.bind(2, import.session.name);
      upsert.bind(3, import.session.notes);
      upsert.bind(4, import.session.origin);
      upsert.bind(5, import.session.roleModelVersion);
      upsert.bind(6, import.roleModels);
      upsert.bind(7, now);
      upsert.bind(8, now);
      upsert.exec();
      for (const auto& m : import.members) {
        member.reset();
        member.bind(1, sessionId);
        member.bind(2, lower(m.profileId));
        member.bind(3, m.seen);
        member.exec();
      }
      // After the profiles: a new profile's ratings need it there.
      const auto rated = writeRatings(*db_, import.ratings, now, true);
      written.ratings += rated.written;
      written.ratingsSkipped += rated.skipped;
    }
    return written;
  });
}

std::int64_t Store::dataVersion() const { return db_->execAndGet("PRAGMA data_version").getInt64(); }

}  // namespace rolefit
