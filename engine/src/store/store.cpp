// Opening a store (identity, integrity, pragmas, migrations with a backup
// first), the helpers its parts share, and restoring backups. Profiles live
// in store_profiles.cpp, sessions in store_sessions.cpp.
#include "rolefit/store/store.hpp"

#include <algorithm>
#include <array>
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
#include "rolefit/util/files.hpp"
#include "rolefit/util/text.hpp"
#include "store/store_detail.hpp"

namespace fs = std::filesystem;

namespace rolefit {
namespace store_detail {

std::string describe(const SQLite::Exception& e) {
  switch (e.getErrorCode() & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is busy: another RoleFit is writing to it; try again";
    case SQLITE_FULL:
      return "the disk is full (nothing was written)";
    case SQLITE_READONLY:
      return std::string(kCannotBeWritten);
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

// SQLite counts every allocation under one process-wide mutex, for
// statistics RoleFit never reads: every row read or written takes it several
// times, from every thread. Set before SQLite's first use; when something
// else started SQLite first, it stays as it was (only slower).
namespace {
void configureSqliteOnce() {
  [[maybe_unused]] static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
}  // namespace

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

namespace {

// The columns of a row as SQLite hands them out.
struct RawColumns {
  sqlite3_stmt* q;
  std::string_view text(int i) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(q, i));
    return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(q, i))) : std::string_view();
  }
  std::int64_t integer(int i) const { return sqlite3_column_int64(q, i); }
  double real(int i) const { return sqlite3_column_double(q, i); }
  bool isNull(int i) const { return sqlite3_column_type(q, i) == SQLITE_NULL; }
};

}  // namespace

Profile readRow(const RawStatement& q) {
  const RawColumns columns{q.get()};
  Profile p;
  p.id = columns.text(0);
  p.revision = columns.integer(1);
  p.created_at = columns.text(2);
  p.updated_at = columns.text(3);
  int column = kBookkeepingColumns;
  for (const auto& f : profileFields()) {
    const int at = column++;
    switch (f.kind) {
      case FieldKind::Text:
      case FieldKind::Choice:
        if (auto problem = setFieldText(p, f, columns.text(at)))
          throw StoreError(fmt::format("stored profile {} has a bad {}: {}", p.id, f.key, *problem));
        break;
      case FieldKind::Integer: setFieldNumber(p, f, static_cast<double>(columns.integer(at))); break;
      case FieldKind::Number:
        if (columns.isNull(at)) setFieldText(p, f, "");
        else setFieldNumber(p, f, columns.real(at));
        break;
    }
  }
  return p;
}

namespace {

// Without copying: the profile outlives the statement's run, and choice
// names are static literals.
struct RawBinder {
  sqlite3_stmt* q;
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(sqlite3_db_handle(q), rc);
  }
  void text(int i, std::string_view value) const {
    check(sqlite3_bind_text(q, i, value.data(), static_cast<int>(value.size()), SQLITE_STATIC));
  }
  void integer(int i, std::int64_t value) const { check(sqlite3_bind_int64(q, i, value)); }
  void real(int i, double value) const { check(sqlite3_bind_double(q, i, value)); }
  void null(int i) const { check(sqlite3_bind_null(q, i)); }
};

}  // namespace

void bindRow(RawStatement& q, const Profile& p) {
  const RawBinder b{q.get()};
  b.text(1, p.id);
  b.integer(2, p.revision);
  b.text(3, p.created_at);
  b.text(4, p.updated_at);
  int index = kBookkeepingColumns + 1;
  for (const auto& f : profileFields()) {
    switch (f.kind) {
      case FieldKind::Text: b.text(index, f.key == "name" ? p.name : p.notes); break;
      case FieldKind::Choice: b.text(index, f.choices[static_cast<std::size_t>(fieldNumber(p, f))]); break;
      case FieldKind::Integer: b.integer(index, static_cast<std::int64_t>(fieldNumber(p, f))); break;
      case FieldKind::Number:
        if (f.key == "revenue_musd" && !p.revenue_musd) b.null(index);
        else b.real(index, fieldNumber(p, f));
        break;
    }
    ++index;
  }
}

RawStatement::RawStatement(SQLite::Database& db, const std::string& sql) {
  if (const int rc = sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &statement_, nullptr); rc != SQLITE_OK)
    throw SQLite::Exception(db.getHandle(), rc);
}

RawStatement::~RawStatement() { sqlite3_finalize(statement_); }

bool RawStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SQLite::Exception(sqlite3_db_handle(statement_), rc);
}

void RawStatement::reset() { sqlite3_reset(statement_); }  // its answer is the last step's error, already thrown

void RawStatement::bind(int index, std::string_view text) {
  if (const int rc = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK)
    throw SQLite::Exception(sqlite3_db_handle(statement_), rc);
}

void RawStatement::run() {
  // An error is also the reset's answer: the statement is ready again either way.
  const int rc = sqlite3_step(statement_);
  sqlite3_reset(statement_);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) throw SQLite::Exception(sqlite3_db_handle(statement_), rc);
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

}  // namespace store_detail

using namespace store_detail;

namespace {
std::string backupPrefix(const fs::path& db) { return db.filename().string() + ".backup-v"; }

// What a private file's name says it was for (.NAME.importing-xxxxxxxx).
constexpr std::string_view kPrivateFilePurpose = "importing";

// The files SQLite keeps beside a database after a crash, or while it is
// open: its rollback journal, or its WAL and the WAL's index. They belong to
// that file: moved, removed or judged with it.
constexpr std::array<std::string_view, 3> kCompanionSuffixes{"-journal", "-wal", "-shm"};

fs::path companionOf(const fs::path& file, std::string_view suffix) {
  fs::path companion = file;
  companion += suffix;
  return companion;
}

void backupBeforeMigration(SQLite::Database& db, const fs::path& path, int fromVersion, int keep) {
  std::string stamp = utcNowIso8601();
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  const fs::path target = path.parent_path() / pathFromUtf8(fmt::format("{}{}-{}", backupPrefix(path), fromVersion, stamp));
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

// What SQLite answers when the system does not let it write a file or the
// companions beside it.
bool deniedWriting(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xFF;
  return code == SQLITE_READONLY || code == SQLITE_CANTOPEN;
}

// The file as an SQLite URI that opens it immutable: no locks, no journal,
// no WAL index.
std::string immutableUri(const fs::path& file) {
  std::string uri = file.has_root_name() ? "file:///" : "file:";
  for (const char c : file.generic_u8string()) {
    if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else uri += c;
  }
  return uri + "?immutable=1";
}

}  // namespace

Store::Store(const fs::path& path, StoreOptions options)
    : path_(options.privateFor.empty() ? path : options.privateFor), options_(options), readOnly_(options.readOnly) {
  const std::string where = path_.string();  // what messages name
  try {
    // SQLite would call a folder a disk error, and a write at that.
    if (std::error_code ec; fs::is_directory(path, ec))
      throw StoreError(fmt::format("{}: is a folder, not a RoleFit database", where));
    if (options.readOnly && !fs::exists(path)) throw StoreError(fmt::format("{}: no such database", where));
    if (!options.readOnly && path.has_parent_path()) {
      std::error_code ec;
      fs::create_directories(path.parent_path(), ec);
      if (ec) throw StoreError(fmt::format("{}: cannot create its folder: {}", where, ec.message()));
    }
    configureSqliteOnce();
    try {
      open(path);
    } catch (const SQLite::Exception& e) {
      // A database the system does not let us write (a read-only folder, a
      // colleague's file) is still one to read: opened read-only, as SQLite
      // itself does with a read-only file; readOnly() tells, and a write
      // fails with SQLite's "read-only".
      if (readOnly_ || !options_.privateFor.empty() || !deniedWriting(e) || !fs::exists(path)) throw;
      readOnly_ = true;
      open(path);
    }
    readOnly_ = readOnly_ || sqlite3_db_readonly(db_->getHandle(), "main") == 1;
  } catch (const SQLite::Exception& e) {
    throw StoreError(fmt::format("{}: {}", where, describe(e)));
  }
}

void Store::open(const fs::path& file) {
  // One thread uses a Store: SQLite's per-call connection mutex is pure cost.
  const int flags = SQLite::OPEN_NOMUTEX |
                    (readOnly_ ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.busyTimeoutMs);
  db_ = std::make_unique<SQLite::Database>(file.string(), flags, options_.busyTimeoutMs);
  // When opening for writing fails for any reason, SQLite opens the file
  // read-only without saying so. On Windows that happens while another
  // process holds the file for a moment: a copy renaming its import into
  // place there (seen under wine: 1 run in 8 of two imports at once), a
  // virus scanner. A file the system lets us write is opened again, as a
  // busy one is waited for.
  while (!readOnly_ && sqlite3_db_readonly(db_->getHandle(), "main") == 1 && mayWriteFile(file) &&
         std::chrono::steady_clock::now() < deadline) {
    db_.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    db_ = std::make_unique<SQLite::Database>(file.string(), flags, options_.busyTimeoutMs);
  }

  bool immutable = false;
  while (true) {
    try {
      initialise();
      return;
    } catch (const SQLite::Exception& e) {
      // A WAL database in a folder we may not write: SQLite cannot make the
      // WAL index it reads through, so it will not even read. With no WAL
      // file there, no connection has the database open, and with no
      // journal no write was cut short: all of it is in the file itself,
      // which is then read as it is, without locks.
      if (readOnly_ && !immutable && deniedWriting(e) && !fs::exists(companionOf(file, "-wal")) &&
          !fs::exists(companionOf(file, "-journal"))) {
        db_ = std::make_unique<SQLite::Database>(immutableUri(file), flags | SQLite::OPEN_URI, options_.busyTimeoutMs);
        immutable = true;
        continue;
      }
      // Setting up a new file (WAL switch, first migration) can meet a second
      // copy doing the same; SQLite then may answer "busy" without waiting.
      // The setup is idempotent, so it is retried until the busy timeout runs out.
      const int code = e.getErrorCode() & 0xFF;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
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

  // An upgrade rewrites the file: never one that has not been checked.
  if (tables > 0 && (options_.checkIntegrity || version < latestSchemaVersion())) checkIntegrity();

  if (!readOnly_) {
    // Set before the first write: larger pages mean a quarter of the write
    // calls for a bulk import (a new database only; it is fixed after).
    if (tables == 0) db_->exec("PRAGMA page_size = 16384");
    db_->exec(options_.privateFor.empty() ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
    db_->exec("PRAGMA synchronous = FULL");
  }
  db_->exec("PRAGMA foreign_keys = ON");
  // 32 MiB of page cache by default: a 10,000-profile import then stays in
  // memory instead of spilling half-done pages to the WAL mid-transaction.
  // A reader that scans once asks for less: the cache would only hold pages
  // it never reads again.
  db_->exec(fmt::format("PRAGMA cache_size = -{}", options_.cacheKib));

  if (version < latestSchemaVersion()) {
    if (readOnly_)
      throw StoreError(fmt::format("{}: the database needs an upgrade (schema {} to {}); open it writable once",
                                   path_.string(), version, latestSchemaVersion()));
    if (version > 0) backupBeforeMigration(*db_, path_, version, options_.backupsToKeep);
    migrate(*db_, builtinMigrations());
  }
}

Store::~Store() = default;

int Store::schemaVersion() const { return userVersion(*db_); }

void Store::throwIfReadOnly() const {
  if (!readOnly_) return;
  throw StoreError(fmt::format("{}: {}", path_.string(),
                               options_.readOnly ? "the database is open read-only" : kCannotBeWritten));
}

void Store::throwIfMoved() const {
  int moved = 0;
  if (sqlite3_file_control(db_->getHandle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
    throw StoreError(fmt::format("{}: the database file was deleted or replaced while RoleFit had it open; "
                                 "nothing was written (open it again)",
                                 path_.string()));
}

fs::path Store::restoreBackup(const fs::path& path, const fs::path& backup) {
  std::string stamp = utcNowIso8601();
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  fs::path damaged = path;
  damaged += ".damaged-" + stamp;
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec)) throw StoreError(fmt::format("{}: no such backup", backup.string()));
  fs::rename(path, damaged, ec);
  if (ec) throw StoreError(fmt::format("{}: cannot set the damaged file aside: {}", path.string(), ec.message()));
  // A hot journal left beside the backup's copy would be rolled back into it.
  for (const auto suffix : kCompanionSuffixes) {
    const fs::path companion = companionOf(path, suffix);
    if (fs::exists(companion, ec)) fs::rename(companion, companionOf(damaged, suffix), ec);
  }
  fs::copy_file(backup, path, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    std::error_code ignored;
    fs::rename(damaged, path, ignored);  // put things back as they were
    throw StoreError(fmt::format("{}: cannot copy the backup: {}", backup.string(), ec.message()));
  }
  return damaged;
}

fs::path Store::privateFileFor(const fs::path& database) { return temporaryNameBeside(database, kPrivateFilePurpose); }

void Store::discardPrivateFile(const fs::path& privateFile) {
  std::error_code ec;
  fs::remove(privateFile, ec);
  // Its journal; and the WAL's files, should it have been stopped while
  // being switched to WAL.
  for (const auto suffix : kCompanionSuffixes) fs::remove(companionOf(privateFile, suffix), ec);
}

namespace {

// True when no connection holds a lock on the file: taking SQLite's
// exclusive lock, without waiting, is the one test that covers every other
// process. A file that is not a database at all is not one in use either.
bool unusedByAnyone(const fs::path& file) {
  try {
    SQLite::Database db(file.string(), SQLite::OPEN_READWRITE, /*busyTimeoutMs=*/0);
    db.exec("BEGIN EXCLUSIVE");
    db.exec("ROLLBACK");
    return true;
  } catch (const SQLite::Exception& e) {
    return (e.getErrorCode() & 0xFF) == SQLITE_NOTADB;
  }
}

}  // namespace

std::vector<fs::path> Store::discardAbandonedPrivateFiles(const fs::path& database, std::chrono::seconds minimumAge) {
  const auto folder = folderOf(database);
  const auto changedBefore = fs::file_time_type::clock::now() - minimumAge;
  auto oldEnough = [&](const fs::path& file) {
    std::error_code ec;
    const auto changed = fs::last_write_time(file, ec);
    return ec ? ec == std::errc::no_such_file_or_directory : changed < changedBefore;
  };
  std::vector<fs::path> discarded;
  // A folder that cannot be listed, wholly or in part, leaves what it holds:
  // tidying up never stops the import that does it.
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& file = it->path();
    // A journal or WAL is not one: it goes with its file.
    if (!isTemporaryNameOf(file.filename().string(), database, kPrivateFilePurpose)) continue;
    auto companionOldEnough = [&](std::string_view suffix) { return oldEnough(companionOf(file, suffix)); };
    // Cheapest first: a live import's file is young, so its companions and
    // locks are never looked at.
    if (!oldEnough(file) ||
        !std::all_of(kCompanionSuffixes.begin(), kCompanionSuffixes.end(), companionOldEnough) ||
        !unusedByAnyone(file))
      continue;
    discardPrivateFile(file);
    discarded.push_back(file);
  }
  return discarded;
}

void Store::publish(const fs::path& privateFile, const fs::path& database) {
  // WAL from here on, as every RoleFit database is (the switch writes a
  // header; nobody else has the file open).
  translatingErrors(database, [&] {
    SQLite::Database(privateFile.string(), SQLite::OPEN_READWRITE).exec("PRAGMA journal_mode = WAL");
  });
  if (renameIfFree(privateFile, database)) return;
  // Taken meanwhile (or a folder that cannot link): the profiles go into
  // the database there, under its own write lock. (ATTACH and DETACH cannot
  // run inside the write's transaction.)
  Store store(database);
  SQLite::Database& db = *store.db_;
  translatingErrors(database, [&] {
    SQLite::Statement attach(db, "ATTACH DATABASE ? AS incoming");
    attach.bind(1, privateFile.string());
    attach.exec();
  });
  store.write([&] {
    db.exec(fmt::format("INSERT INTO main.profiles ({0}) SELECT {0} FROM incoming.profiles", columnList()));
  });
  translatingErrors(database, [&] { db.exec("DETACH DATABASE incoming"); });
  discardPrivateFile(privateFile);
}

std::vector<fs::path> Store::backupsOf(const fs::path& path) {
  std::vector<fs::path> out;
  std::error_code ec;
  const auto prefix = backupPrefix(path);
  for (const auto& entry : fs::directory_iterator(folderOf(path), ec))
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
