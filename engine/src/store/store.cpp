#include "rolefit/store/store.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "rolefit/model/profile_json.hpp"
#include "rolefit/store/migrations.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"

namespace fs = std::filesystem;

namespace rolefit {
namespace {

constexpr int kBookkeepingColumns = 4;  // id, revision, created_at, updated_at

std::string describe(const SQLite::Exception& e) {
  switch (e.getErrorCode() & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is busy: another RoleFit is writing to it; try again";
    case SQLITE_FULL:
      return "the disk is full (nothing was written)";
    case SQLITE_READONLY:
      return "the database cannot be written (read-only file or folder)";
    case SQLITE_CANTOPEN:
      return "the database file cannot be opened (missing folder or no permission)";
    case SQLITE_NOTADB:
      return "not a RoleFit database (not an SQLite file)";
    case SQLITE_CORRUPT:
      return "the database file is damaged";
    case SQLITE_IOERR:
      return fmt::format("a disk error stopped the write ({}); nothing was written", e.what());
    default:
      return e.what();
  }
}

std::string columnList() {
  std::string cols = "id, revision, created_at, updated_at";
  for (const auto& f : profileFields()) cols += fmt::format(", {}", f.key);
  return cols;
}

const std::string& selectSql() {
  static const std::string sql = fmt::format("SELECT {} FROM profiles", columnList());
  return sql;
}

const std::string& insertSql() {
  static const std::string sql = [] {
    std::string placeholders = "?, ?, ?, ?";
    for (std::size_t i = 0; i < profileFields().size(); ++i) placeholders += ", ?";
    return fmt::format("INSERT INTO profiles ({}) VALUES ({})", columnList(), placeholders);
  }();
  return sql;
}

const std::string& upsertSql() {
  static const std::string sql = [] {
    std::string placeholders = "?, ?, ?, ?";
    std::string updates = "revision = excluded.revision, updated_at = excluded.updated_at, deleted_at = NULL";
    for (const auto& f : profileFields()) {
      placeholders += ", ?";
      updates += fmt::format(", {0} = excluded.{0}", f.key);
    }
    return fmt::format("INSERT INTO profiles ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}", columnList(),
                       placeholders, updates);
  }();
  return sql;
}

Profile readRow(SQLite::Statement& q) {
  Profile p;
  p.id = q.getColumn(0).getString();
  p.revision = q.getColumn(1).getInt64();
  p.created_at = q.getColumn(2).getString();
  p.updated_at = q.getColumn(3).getString();
  int column = kBookkeepingColumns;
  for (const auto& f : profileFields()) {
    const auto value = q.getColumn(column++);
    switch (f.kind) {
      case FieldKind::Text:
      case FieldKind::Choice:
        if (auto problem = setFieldText(p, f, value.getString()))
          throw StoreError(fmt::format("stored profile {} has a bad {}: {}", p.id, f.key, *problem));
        break;
      case FieldKind::Integer: setFieldNumber(p, f, static_cast<double>(value.getInt64())); break;
      case FieldKind::Number:
        if (value.isNull()) setFieldText(p, f, "");
        else setFieldNumber(p, f, value.getDouble());
        break;
    }
  }
  return p;
}

// Binds without copying: `p` outlives the statement's execution, and choice
// names are static literals.
void bindRow(SQLite::Statement& q, const Profile& p) {
  q.bindNoCopy(1, p.id);
  q.bind(2, static_cast<int64_t>(p.revision));
  q.bindNoCopy(3, p.created_at);
  q.bindNoCopy(4, p.updated_at);
  int index = kBookkeepingColumns + 1;
  for (const auto& f : profileFields()) {
    switch (f.kind) {
      case FieldKind::Text: q.bindNoCopy(index, f.key == "name" ? p.name : p.notes); break;
      case FieldKind::Choice: q.bindNoCopy(index, f.choices[static_cast<std::size_t>(fieldNumber(p, f))].data()); break;
      case FieldKind::Integer: q.bind(index, static_cast<int64_t>(fieldNumber(p, f))); break;
      case FieldKind::Number:
        if (f.key == "revenue_musd" && !p.revenue_musd) q.bind(index);
        else q.bind(index, fieldNumber(p, f));
        break;
    }
    ++index;
  }
}

void throwIfInvalid(const Profile& p) {
  auto problems = validate(p);
  if (!p.id.empty() && !isUuid(p.id)) problems.insert(problems.begin(), {"id", "is not a UUID"});
  if (problems.empty()) return;
  const auto& first = problems.front();
  throw ValidationError(fmt::format("{}: {}", first.field, first.message), std::move(problems));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Prepared once per write transaction; saveAll runs thousands of rows through it.
struct ProfileWriter {
  explicit ProfileWriter(SQLite::Database& db)
      : existing(db, selectSql() + " WHERE id = ?"),
        insert(db, insertSql()),
        upsert(db, upsertSql()),
        keepRevision(db, "INSERT OR REPLACE INTO profile_revisions (profile_id, revision, saved_at, content) "
                         "VALUES (?, ?, ?, ?)") {}

  // Stores `p` and fills in its bookkeeping (id, revision, times) in place.
  void save(Profile& p, const std::string& now) {
    std::optional<Profile> previous;
    if (p.id.empty()) {
      p.id = newUuid();
    } else {
      p.id = lower(p.id);
      existing.reset();
      existing.bind(1, p.id);
      if (existing.executeStep()) previous = readRow(existing);
    }
    if (previous) {
      if (previous->sameContent(p)) {  // nothing changed: no new revision
        p = std::move(*previous);
        return;
      }
      keepRevision.reset();
      keepRevision.bind(1, previous->id);
      keepRevision.bind(2, static_cast<int64_t>(previous->revision));
      keepRevision.bind(3, previous->updated_at);
      keepRevision.bind(4, profileToJson(*previous, Bookkeeping::Without));
      keepRevision.exec();
      p.revision = previous->revision + 1;
      p.created_at = previous->created_at;
    } else {
      p.revision = std::max<std::int64_t>(p.revision, 1);
      if (p.created_at.empty()) p.created_at = now;
    }
    p.updated_at = now;
    // A new id takes the plain INSERT: the upsert's conflict handling costs
    // a fifth of a bulk import's time in SQLite.
    SQLite::Statement& write = previous ? upsert : insert;
    write.reset();
    bindRow(write, p);
    write.exec();
  }

  SQLite::Statement existing;
  SQLite::Statement insert;
  SQLite::Statement upsert;
  SQLite::Statement keepRevision;
};

std::string backupPrefix(const fs::path& db) { return db.filename().string() + ".backup-v"; }

void backupBeforeMigration(SQLite::Database& db, const fs::path& path, int fromVersion, int keep) {
  std::string stamp = utcNowIso8601();
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  const fs::path target = path.parent_path() / fmt::format("{}{}-{}", backupPrefix(path), fromVersion, stamp);
  {
    SQLite::Database copy(target.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(copy, db);
    backup.executeStep(-1);
  }
  const auto all = Store::backupsOf(path);
  for (std::size_t i = static_cast<std::size_t>(std::max(keep, 1)); i < all.size(); ++i) {
    std::error_code ignored;
    fs::remove(all[i], ignored);
  }
}

}  // namespace

Store::Store(const fs::path& path, StoreOptions options) : path_(path), options_(options) {
  const std::string where = path.string();
  try {
    if (options.readOnly && !fs::exists(path)) throw StoreError(fmt::format("{}: no such database", where));
    if (!options.readOnly && path.has_parent_path()) {
      std::error_code ec;
      fs::create_directories(path.parent_path(), ec);
      if (ec) throw StoreError(fmt::format("{}: cannot create its folder: {}", where, ec.message()));
    }
    // One thread uses a Store: SQLite's per-call connection mutex is pure cost.
    const int flags = SQLite::OPEN_NOMUTEX |
                      (options.readOnly ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE));
    db_ = std::make_unique<SQLite::Database>(where, flags, options.busyTimeoutMs);

    // Setting up a new file (WAL switch, first migration) can meet a second
    // copy doing the same; SQLite then may answer "busy" without waiting. The
    // setup is idempotent, so it is retried until the busy timeout runs out.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busyTimeoutMs);
    while (true) {
      try {
        initialise();
        break;
      } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xFF;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= deadline) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
      }
    }
  } catch (const SQLite::Exception& e) {
    throw StoreError(fmt::format("{}: {}", where, describe(e)));
  }
}

void Store::initialise() {
  // One statement, one snapshot: a copy migrating in between must not make
  // the file look half RoleFit's.
  SQLite::Statement identity(*db_,
                             "SELECT (SELECT application_id FROM pragma_application_id), "
                             "(SELECT count(*) FROM sqlite_master), (SELECT user_version FROM pragma_user_version)");
  identity.executeStep();
  const int appId = identity.getColumn(0).getInt();
  const int tables = identity.getColumn(1).getInt();
  const int version = identity.getColumn(2).getInt();
  identity.reset();
  if (appId != kApplicationId && (appId != 0 || tables > 0))
    throw StoreError(fmt::format("{}: an SQLite database of another application, not RoleFit's", path_.string()));

  if (version > latestSchemaVersion())
    throw StoreError(fmt::format(
        "{}: the database has schema version {}, newer than this RoleFit understands (up to {}); "
        "update RoleFit to open it",
        path_.string(), version, latestSchemaVersion()));

  if (tables > 0 && options_.checkIntegrity) checkIntegrity();

  if (!options_.readOnly) {
    // Set before the first write: larger pages mean a quarter of the write
    // calls for a bulk import (a new database only; it is fixed after).
    if (tables == 0) db_->exec("PRAGMA page_size = 16384");
    db_->exec("PRAGMA journal_mode = WAL");
    db_->exec("PRAGMA synchronous = FULL");
  }
  db_->exec("PRAGMA foreign_keys = ON");
  // 32 MiB of page cache by default: a 10,000-profile import then stays in
  // memory instead of spilling half-done pages to the WAL mid-transaction.
  // A reader that scans once asks for less: the cache would only hold pages
  // it never reads again.
  db_->exec(fmt::format("PRAGMA cache_size = -{}", options_.cacheKib));

  if (version < latestSchemaVersion()) {
    if (options_.readOnly)
      throw StoreError(fmt::format("{}: the database needs an upgrade (schema {} to {}); open it writable once",
                                   path_.string(), version, latestSchemaVersion()));
    if (version > 0) backupBeforeMigration(*db_, path_, version, options_.backupsToKeep);
    migrate(*db_, builtinMigrations());
  }
}

Store::~Store() = default;

template <typename F>
auto Store::write(F&& body) {
  if (options_.readOnly) throw StoreError(fmt::format("{}: the database is open read-only", path_.string()));
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      tx.commit();
    } else {
      auto result = body();
      tx.commit();
      return result;
    }
  } catch (const SQLite::Exception& e) {
    throw StoreError(fmt::format("{}: {}", path_.string(), describe(e)));
  }
}

int Store::schemaVersion() const { return userVersion(*db_); }

std::vector<Profile> Store::profiles() const {
  std::vector<Profile> out;
  forEachProfile([&](Profile&& p) { out.push_back(std::move(p)); });
  return out;
}

void Store::forEachProfile(const std::function<void(Profile&&)>& take) const {
  SQLite::Statement q(*db_, selectSql() + " WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id");
  while (q.executeStep()) take(readRow(q));
}

Store::Cursor::Cursor(std::unique_ptr<SQLite::Statement> statement) : statement_(std::move(statement)) {}
Store::Cursor::Cursor(Cursor&&) noexcept = default;
Store::Cursor::~Cursor() = default;

std::optional<Profile> Store::Cursor::next() {
  try {
    if (!statement_->executeStep()) return std::nullopt;
    return readRow(*statement_);
  } catch (const SQLite::Exception& e) {
    throw StoreError(describe(e));
  }
}

bool Store::Cursor::skip() {
  try {
    return statement_->executeStep();
  } catch (const SQLite::Exception& e) {
    throw StoreError(describe(e));
  }
}

Store::Cursor Store::profilesInStorageOrder() const {
  return Cursor(std::make_unique<SQLite::Statement>(*db_, selectSql() + " WHERE deleted_at IS NULL ORDER BY rowid"));
}

void Store::checkIntegrity() const {
  const std::string check = db_->execAndGet("PRAGMA quick_check").getString();
  if (check == "ok") return;
  auto backups = backupsOf(path_);
  // The message first: argument order is unspecified, and the list is moved.
  std::string message =
      fmt::format("{}: the database failed its integrity check ({}){}", path_.string(), check,
                  backups.empty() ? std::string("; no backup is kept beside it")
                                  : fmt::format("; the newest backup is {}", backups.front().string()));
  throw CorruptDatabaseError(message, std::move(backups));
}

void Store::interrupt() { sqlite3_interrupt(db_->getHandle()); }

bool Store::inBin(std::string_view id) const {
  SQLite::Statement q(*db_, "SELECT deleted_at IS NOT NULL FROM profiles WHERE id = ?");
  q.bind(1, std::string(id));
  return q.executeStep() && q.getColumn(0).getInt() != 0;
}

std::size_t Store::profileCount() const {
  return static_cast<std::size_t>(
      db_->execAndGet("SELECT count(*) FROM profiles WHERE deleted_at IS NULL").getInt64());
}

std::optional<Profile> Store::profile(std::string_view id) const {
  SQLite::Statement q(*db_, selectSql() + " WHERE id = ?");
  q.bind(1, std::string(id));
  if (!q.executeStep()) return std::nullopt;
  return readRow(q);
}

std::vector<Profile> Store::findByIdOrName(std::string_view key) const {
  if (isUuid(key))
    if (auto p = profile(lower(key))) return {*p};
  SQLite::Statement q(*db_, selectSql() + " WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE ORDER BY id");
  q.bind(1, std::string(key));
  std::vector<Profile> out;
  while (q.executeStep()) out.push_back(readRow(q));
  return out;
}

Profile Store::save(const Profile& profile) {
  throwIfInvalid(profile);
  return write([&] {
    ProfileWriter writer(*db_);
    Profile saved = profile;
    writer.save(saved, utcNowIso8601());
    return saved;
  });
}

std::vector<std::string> Store::saveAll(std::span<const Profile> profiles, const Progress& progress) {
  for (const auto& p : profiles) throwIfInvalid(p);
  return write([&] {
    ProfileWriter writer(*db_);
    const std::string now = utcNowIso8601();
    std::vector<std::string> ids;
    ids.reserve(profiles.size());
    // One profile's worth of memory, reused: a bulk import would otherwise
    // hold a second copy of everything it stores.
    Profile saved;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      saved = profiles[i];
      writer.save(saved, now);
      ids.push_back(std::move(saved.id));
      if (progress && (i % 256 == 0 || i + 1 == profiles.size())) progress(i + 1, profiles.size());
    }
    return ids;
  });
}

std::vector<RevisionInfo> Store::revisions(std::string_view id) const {
  const auto current = profile(id);
  if (!current) throw StoreError(fmt::format("no profile with id {}", id));
  std::vector<RevisionInfo> out{{current->revision, current->updated_at, true}};
  SQLite::Statement q(*db_,
                      "SELECT revision, saved_at FROM profile_revisions WHERE profile_id = ? ORDER BY revision DESC");
  q.bind(1, std::string(id));
  while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), false});
  return out;
}

Profile Store::revision(std::string_view id, std::int64_t revision) const {
  const auto current = profile(id);
  if (!current) throw StoreError(fmt::format("no profile with id {}", id));
  if (revision == current->revision) return *current;
  SQLite::Statement q(*db_,
                      "SELECT saved_at, content FROM profile_revisions WHERE profile_id = ? AND revision = ?");
  q.bind(1, std::string(id));
  q.bind(2, static_cast<int64_t>(revision));
  if (!q.executeStep()) throw StoreError(fmt::format("profile {} has no revision {}", id, revision));
  rapidjson::Document doc;
  const std::string content = q.getColumn(1).getString();
  doc.Parse(content.c_str(), content.size());
  Profile p;
  std::vector<FieldProblem> problems;
  if (!doc.HasParseError()) readProfileFields(doc, p, problems);
  if (doc.HasParseError() || !problems.empty())
    throw StoreError(fmt::format("revision {} of profile {} is damaged", revision, id));
  p.id = current->id;
  p.revision = revision;
  p.created_at = current->created_at;
  p.updated_at = q.getColumn(0).getString();
  return p;
}

Profile Store::restoreRevision(std::string_view id, std::int64_t revision) {
  return save(this->revision(id, revision));
}

void Store::moveToBin(std::string_view id) {
  write([&] {
    SQLite::Statement q(*db_, "UPDATE profiles SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL");
    q.bind(1, utcNowIso8601());
    q.bind(2, std::string(id));
    if (q.exec() == 0) throw StoreError(fmt::format("no profile with id {} outside the bin", id));
  });
}

void Store::restoreFromBin(std::string_view id) {
  write([&] {
    SQLite::Statement q(*db_, "UPDATE profiles SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL");
    q.bind(1, std::string(id));
    if (q.exec() == 0) throw StoreError(fmt::format("no profile with id {} in the bin", id));
  });
}

std::vector<Profile> Store::bin() const {
  SQLite::Statement q(*db_, selectSql() + " WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id");
  std::vector<Profile> out;
  while (q.executeStep()) out.push_back(readRow(q));
  return out;
}

std::size_t Store::emptyBin() {
  return write([&] {
    db_->exec(
        "DELETE FROM profile_revisions WHERE profile_id IN (SELECT id FROM profiles WHERE deleted_at IS NOT NULL)");
    db_->exec(
        "DELETE FROM session_profiles WHERE profile_id IN (SELECT id FROM profiles WHERE deleted_at IS NOT NULL)");
    return static_cast<std::size_t>(db_->exec("DELETE FROM profiles WHERE deleted_at IS NOT NULL"));
  });
}

std::vector<RoleModelCopy> Store::roleModelCopies() const {
  SQLite::Statement q(*db_, "SELECT id, content, active, created_at, updated_at FROM role_model_copies ORDER BY role, created_at, id");
  std::vector<RoleModelCopy> out;
  while (q.executeStep()) {
    RoleModelCopy copy;
    copy.id = q.getColumn(0).getString();
    copy.model = roleModelFromJson(q.getColumn(1).getString(), builtinRoleModels());
    copy.active = q.getColumn(2).getInt() != 0;
    copy.createdAt = q.getColumn(3).getString();
    copy.updatedAt = q.getColumn(4).getString();
    out.push_back(std::move(copy));
  }
  return out;
}

RoleModelCopy Store::saveRoleModelCopy(RoleModelCopy copy) {
  // Through JSON and back: the same checks as the built-in file gets.
  const std::string content = roleModelToJson(copy.model);
  copy.model = roleModelFromJson(content, builtinRoleModels());
  if (copy.id.empty()) copy.id = newUuid();
  if (!isUuid(copy.id)) throw StoreError(fmt::format("role-model copy id {} is not a UUID", copy.id));
  const std::string now = utcNowIso8601();
  return write([&] {
    if (copy.active) {
      SQLite::Statement off(*db_, "UPDATE role_model_copies SET active = 0 WHERE role = ? AND id <> ?");
      off.bind(1, copy.model.id);
      off.bind(2, copy.id);
      off.exec();
    }
    SQLite::Statement q(*db_,
                        "INSERT INTO role_model_copies (id, role, content, active, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET role = excluded.role, "
                        "content = excluded.content, active = excluded.active, updated_at = excluded.updated_at");
    q.bind(1, copy.id);
    q.bind(2, copy.model.id);
    q.bind(3, content);
    q.bind(4, copy.active ? 1 : 0);
    q.bind(5, copy.createdAt.empty() ? now : copy.createdAt);
    q.bind(6, now);
    q.exec();
    if (copy.createdAt.empty()) copy.createdAt = now;
    copy.updatedAt = now;
    return copy;
  });
}

void Store::deleteRoleModelCopy(std::string_view id) {
  write([&] {
    SQLite::Statement q(*db_, "DELETE FROM role_model_copies WHERE id = ?");
    q.bind(1, std::string(id));
    if (q.exec() == 0) throw StoreError(fmt::format("no role-model copy with id {}", id));
  });
}

RoleModelSet Store::activeRoleModels() const {
  std::vector<RoleModel> active;
  for (auto& copy : roleModelCopies())
    if (copy.active) active.push_back(std::move(copy.model));
  return withCopies(builtinRoleModels(), active);
}

// ---------------------------------------------------------------- sessions

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

std::size_t Store::applySessionImports(std::span<const SessionImport> imports, const Progress& progress) {
  std::size_t total = 0;
  for (const auto& import : imports) {
    checkSessionName(import.session.name);
    checkSessionNotes(import.session.notes);
    for (const auto& p : import.saves) throwIfInvalid(p);
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
    std::size_t saved = 0;
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
    }
    return saved;
  });
}

std::int64_t Store::dataVersion() const { return db_->execAndGet("PRAGMA data_version").getInt64(); }

fs::path Store::restoreBackup(const fs::path& path, const fs::path& backup) {
  std::string stamp = utcNowIso8601();
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  const fs::path damaged = path.string() + ".damaged-" + stamp;
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec)) throw StoreError(fmt::format("{}: no such backup", backup.string()));
  fs::rename(path, damaged, ec);
  if (ec) throw StoreError(fmt::format("{}: cannot set the damaged file aside: {}", path.string(), ec.message()));
  for (const char* suffix : {"-wal", "-shm"}) {
    const fs::path side = path.string() + suffix;
    if (fs::exists(side, ec)) fs::rename(side, damaged.string() + suffix, ec);
  }
  fs::copy_file(backup, path, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    std::error_code ignored;
    fs::rename(damaged, path, ignored);  // put things back as they were
    throw StoreError(fmt::format("{}: cannot copy the backup: {}", backup.string(), ec.message()));
  }
  return damaged;
}

std::vector<fs::path> Store::backupsOf(const fs::path& path) {
  std::vector<fs::path> out;
  std::error_code ec;
  const auto folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const auto prefix = backupPrefix(path);
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().filename().string().starts_with(prefix)) out.push_back(entry.path());
  // Names end in a sortable UTC time stamp of fixed width (2026-11-23T08-52-28Z).
  constexpr std::size_t kStampWidth = 20;
  auto stamp = [](const fs::path& p) {
    const auto name = p.filename().string();
    return name.substr(name.size() > kStampWidth ? name.size() - kStampWidth : 0);
  };
  std::sort(out.begin(), out.end(), [&](const fs::path& a, const fs::path& b) { return stamp(a) > stamp(b); });
  return out;
}

}  // namespace rolefit
