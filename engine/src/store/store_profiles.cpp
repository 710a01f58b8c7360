// Profiles: reading, saving (with revisions), the bin, and the user's copies
// of the role models.
#include "rolefit/store/store.hpp"

#include <algorithm>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <sqlite3.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile_json.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"
#include "store/store_detail.hpp"

namespace rolefit {

using namespace store_detail;

std::vector<Profile> Store::profiles() const {
  std::vector<Profile> out;
  forEachProfile([&](Profile&& p) { out.push_back(std::move(p)); });
  return out;
}

void Store::forEachProfile(const std::function<void(Profile&&)>& take) const {
  RawStatement q(*db_, selectSql() + " WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id");
  while (q.step()) take(readRow(q));
}

Store::Cursor::Cursor(std::unique_ptr<RawStatement> statement) : statement_(std::move(statement)) {}
Store::Cursor::Cursor(Cursor&&) noexcept = default;
Store::Cursor::~Cursor() = default;

std::optional<Profile> Store::Cursor::next() {
  try {
    if (!statement_->step()) return std::nullopt;
    return readRow(*statement_);
  } catch (const SQLite::Exception& e) {
    throw StoreError(describe(e));
  }
}

bool Store::Cursor::skip() {
  try {
    return statement_->step();
  } catch (const SQLite::Exception& e) {
    throw StoreError(describe(e));
  }
}

Store::Cursor Store::profilesInStorageOrder() const {
  return Cursor(std::make_unique<RawStatement>(*db_, selectSql() + " WHERE deleted_at IS NULL ORDER BY rowid"));
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
  RawStatement q(*db_, selectSql() + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return readRow(q);
}

std::vector<Profile> Store::findByIdOrName(std::string_view key) const { return finder().find(key); }

struct Store::Finder::Impl {
  explicit Impl(SQLite::Database& db)
      : byId(db, selectSql() + " WHERE id = ?"),
        byName(db, selectSql() + " WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE ORDER BY id") {}
  RawStatement byId, byName;
};

Store::Finder::Finder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Finder::Finder(Finder&&) noexcept = default;
Store::Finder::~Finder() = default;

std::vector<Profile> Store::Finder::find(std::string_view key) {
  std::vector<Profile> out;
  if (isUuid(key)) {
    auto& q = impl_->byId;
    q.reset();
    q.bind(1, lower(key));
    if (q.step()) {
      out.push_back(readRow(q));
      return out;
    }
  }
  auto& q = impl_->byName;
  q.reset();
  q.bind(1, key);
  while (q.step()) out.push_back(readRow(q));
  return out;
}

Store::Finder Store::finder() const { return Finder(std::make_unique<Finder::Impl>(*db_)); }

Profile Store::save(const Profile& profile) {
  throwIfInvalid(profile);
  return write([&] {
    ProfileWriter writer(*db_);
    Profile saved = profile;
    writer.save(saved, utcNowIso8601());
    return saved;
  });
}

struct Store::Batch::Impl {
  Impl(SQLite::Database& database, const std::filesystem::path& file, int usualKib)
      : db(database),
        path(file),
        usualCacheKib(usualKib),
        transaction(db, SQLite::TransactionBehavior::IMMEDIATE),
        writer(db),
        now(utcNowIso8601()) {
    sizeCache();
  }
  ~Impl() {
    try {
      db.exec(fmt::format("PRAGMA cache_size = -{}", usualCacheKib));
    } catch (const SQLite::Exception&) {  // the cache's size is only a matter of speed
    }
  }

  // A bulk insert comes back only to the indexes' leaves (ids are random,
  // names come in no order) and the trees' inner pages; the table's leaves
  // fill once, in order, and can go to the file (or WAL) as soon as they are full. A
  // cache that grows with the indexes (64 bytes a profile: 10,000 profiles
  // wrote no page twice, and 128 only cost fresh memory, measured) spares
  // the fresh memory of holding every page until the commit (a tenth of a
  // 10,000-profile import's time, in page faults).
  void sizeCache() {
    const auto kib = std::min<std::size_t>(512 + saved * 64 / 1024, static_cast<std::size_t>(usualCacheKib));
    db.exec(fmt::format("PRAGMA cache_size = -{}", kib));
  }

  // A profile that passed the checks.
  void store(Profile& profile) {
    translatingErrors(path, [&] {
      writer.save(profile, now);
      if (++saved % 1024 == 0) sizeCache();
    });
  }

  SQLite::Database& db;
  std::filesystem::path path;
  int usualCacheKib;
  SQLite::Transaction transaction;
  ProfileWriter writer;
  std::string now;  // one time stamp for the whole batch, as for saveAll
  std::size_t saved = 0;
};

Store::Batch::Batch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Batch::Batch(Batch&&) noexcept = default;
Store::Batch::~Batch() = default;  // an uncommitted SQLite::Transaction rolls back

std::vector<std::string> Store::saveAll(std::span<const Profile> profiles, const Progress& progress) {
  // All checked before the write lock is taken; each is then stored unchecked.
  for (const auto& p : profiles) throwIfInvalid(p);
  auto batch = beginBatch();
  std::vector<std::string> ids;
  ids.reserve(profiles.size());
  // One profile's worth of memory, reused: a bulk import would otherwise
  // hold a second copy of everything it stores.
  Profile saved;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    saved = profiles[i];
    batch.impl_->store(saved);
    ids.push_back(std::move(saved.id));
    if (progress && (i % 256 == 0 || i + 1 == profiles.size())) progress(i + 1, profiles.size());
  }
  batch.commit();
  return ids;
}

void Store::Batch::save(Profile& profile) {
  throwIfInvalid(profile);
  impl_->store(profile);
}

void Store::Batch::save(CheckedProfile& checked) { impl_->store(checked.profile_); }

CheckedProfile::CheckedProfile(Profile profile) : profile_(std::move(profile)) { throwIfInvalid(profile_); }

void Store::Batch::commit() {
  translatingErrors(impl_->path, [&] { impl_->transaction.commit(); });
}

std::size_t Store::Batch::saved() const { return impl_->saved; }

Store::Batch Store::beginBatch() {
  throwIfReadOnly();
  return translatingErrors(path_, [&] {
    auto impl = std::make_unique<Batch::Impl>(*db_, path_, options_.cacheKib);
    throwIfMoved();
    return Batch(std::move(impl));
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
  RawStatement q(*db_, selectSql() + " WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id");
  std::vector<Profile> out;
  while (q.step()) out.push_back(readRow(q));
  return out;
}

std::size_t Store::emptyBin() {
  return write([&] {
    db_->exec(
        "DELETE FROM profile_revisions WHERE profile_id IN (SELECT id FROM profiles WHERE deleted_at IS NOT NULL)");
    db_->exec(
        "DELETE FROM session_profiles WHERE profile_id IN (SELECT id FROM profiles WHERE deleted_at IS NOT NULL)");
    db_->exec("DELETE FROM ratings WHERE profile_id IN (SELECT id FROM profiles WHERE deleted_at IS NOT NULL)");
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

}  // namespace rolefit
