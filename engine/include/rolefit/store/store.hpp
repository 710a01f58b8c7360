// The profile store: one SQLite file, opened through SQLiteCpp.
//
// Every write is one BEGIN IMMEDIATE transaction, so a second writer waits
// (busy timeout) instead of failing half-way, and a crash leaves either the
// whole change or none of it (WAL, synchronous=FULL). Every save of an existing
// profile first keeps the previous version as a revision.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile.hpp"
#include "rolefit/rolemodels/rolemodels.hpp"
#include "rolefit/team/team.hpp"

namespace SQLite {
class Database;
}

namespace rolefit {
namespace store_detail {
class RawStatement;
}

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database failed its integrity check; backups() lists what can be restored.
class CorruptDatabaseError : public StoreError {
 public:
  CorruptDatabaseError(const std::string& message, std::vector<std::filesystem::path> backups)
      : StoreError(message), backups_(std::move(backups)) {}
  const std::vector<std::filesystem::path>& backups() const { return backups_; }

 private:
  std::vector<std::filesystem::path> backups_;
};

// A profile that is not valid; problems() names each field.
class ValidationError : public StoreError {
 public:
  ValidationError(const std::string& what, std::vector<FieldProblem> problems)
      : StoreError(what), problems_(std::move(problems)) {}
  const std::vector<FieldProblem>& problems() const { return problems_; }

 private:
  std::vector<FieldProblem> problems_;
};

struct StoreOptions {
  bool readOnly = false;
  int busyTimeoutMs = 10'000;
  int backupsToKeep = 3;
  // PRAGMA quick_check reads the whole file: a window with 100,000 profiles
  // leaves it to its background reader instead of waiting for it. A file
  // that needs an upgrade is checked before it all the same.
  bool checkIntegrity = true;
  int cacheKib = 32 * 1024;
  // Set when the file is a new one that this connection alone writes, to
  // become the database `privateFor` once complete (Store::publish): a
  // bulk import into a database that does not exist yet. It keeps a rollback
  // journal instead of WAL meanwhile (for a new file the journal holds next to
  // nothing, and every page is written once, not to the WAL and then again at
  // the checkpoint); messages name `privateFor`.
  std::filesystem::path privateFor{};
};

struct RevisionInfo {
  std::int64_t revision = 0;
  std::string savedAt;
  bool current = false;
};

struct RoleModelCopy {
  std::string id;  // UUID of the copy; assigned when empty
  RoleModel model; // model.id names the role it replaces: cio, cto or hybrid
  bool active = false;
  std::string createdAt;
  std::string updatedAt;
};

struct SessionInfo {
  std::string id;  // UUID; assigned when empty
  std::string name;
  std::string notes;
  std::string origin;  // "Imported from <file>, exported by <who> on <when>"; empty for one's own
  std::string roleModelVersion;  // the sender's, for an imported session
  std::string createdAt;
  std::string updatedAt;
  std::size_t profileCount = 0;  // members not in the bin
};

// What applying a session file writes, all in one transaction.
struct SessionImport {
  SessionInfo session;     // created, or updated when its id is already here
  std::string roleModels;  // the sender's role models (JSON array)
  std::vector<Profile> saves;  // new, taken or kept-both profiles; overwrites keep a revision
  struct Member {
    std::string profileId;
    std::string seen;  // the sender's result for it (JSON)
  };
  std::vector<Member> members;
  // The file's ratings: a rater's rating of a profile replaces theirs here
  // (kept as history); one of a profile in the bin is left out.
  std::vector<Rating> ratings;
};

struct SessionImportWritten {
  std::size_t profiles = 0;        // saved
  std::size_t ratings = 0;         // added or replaced
  std::size_t ratingsSkipped = 0;  // of profiles in the bin
};

using Progress = std::function<void(std::size_t done, std::size_t total)>;

inline constexpr std::int32_t kApplicationId = 0x52464954;  // "RFIT"

class CheckedProfile;

class Store {
 public:
  explicit Store(const std::filesystem::path& path, StoreOptions options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Opened read-only: asked to, or the system does not let us write the file
  // or its folder (then every write fails with a "read-only" StoreError).
  bool readOnly() const { return readOnly_; }
  int schemaVersion() const;

  std::vector<Profile> profiles() const;  // not in the bin, by name
  // The same profiles, in the same order, handed over one at a time as they
  // are read: a caller can start working before the last row arrives.
  void forEachProfile(const std::function<void(Profile&&)>& take) const;
  std::size_t profileCount() const;

  // The same profiles in storage order (rowid), a few at a time: for a
  // reader that works in steps and keeps its read snapshot (an open
  // transaction) between them.
  class Cursor {
   public:
    Cursor(Cursor&&) noexcept;
    ~Cursor();
    std::optional<Profile> next();
    bool skip();  // past the next one without reading it; false at the end

   private:
    friend class Store;
    explicit Cursor(std::unique_ptr<store_detail::RawStatement> statement);
    std::unique_ptr<store_detail::RawStatement> statement_;
  };
  Cursor profilesInStorageOrder() const;
  // Makes the statement running on another thread stop with an error.
  void interrupt();
  // PRAGMA quick_check; throws CorruptDatabaseError with the backups kept
  // beside the file. Opening runs it unless StoreOptions says not to.
  void checkIntegrity() const;
  std::optional<Profile> profile(std::string_view id) const;
  // An exact id, else the profiles whose name matches (case-insensitive).
  std::vector<Profile> findByIdOrName(std::string_view key) const;
  // The same with statements prepared once, for an import naming hundreds
  // of profiles (preparing was most of a lookup's cost).
  class Finder {
   public:
    Finder(Finder&&) noexcept;
    ~Finder();
    std::vector<Profile> find(std::string_view key);

   private:
    friend class Store;
    struct Impl;
    explicit Finder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
  };
  Finder finder() const;

  // Validates, assigns id and timestamps, bumps the revision. Throws
  // ValidationError (nothing written) or StoreError.
  Profile save(const Profile& profile);
  // All or nothing, in one transaction. Returns the stored ids, in order.
  std::vector<std::string> saveAll(std::span<const Profile> profiles, const Progress& progress = {});

  // One write transaction that profiles are saved through one at a time, so
  // that a bulk import never holds a list of them. Nothing is stored until
  // commit(); destroyed before that, it rolls everything back. Throws as
  // save() does; after a throw, only destroying it is left.
  class Batch {
   public:
    Batch(Batch&&) noexcept;
    ~Batch();
    // Checks `profile`, stores it and fills in its id, revision and times.
    void save(Profile& profile);
    // The same for a profile checked already (on another thread, say).
    void save(CheckedProfile& profile);
    void commit();
    std::size_t saved() const;

   private:
    friend class Store;
    struct Impl;
    explicit Batch(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
  };
  Batch beginBatch();

  std::vector<RevisionInfo> revisions(std::string_view id) const;  // newest first
  Profile revision(std::string_view id, std::int64_t revision) const;
  // Saves the old content as a new revision: restoring is itself undoable.
  Profile restoreRevision(std::string_view id, std::int64_t revision);

  void moveToBin(std::string_view id);
  bool inBin(std::string_view id) const;
  void restoreFromBin(std::string_view id);
  std::vector<Profile> bin() const;
  std::size_t emptyBin();

  // Role-model copies. Saving an active copy deactivates the role's other
  // copies in the same transaction. Throws RoleModelError for a bad copy.
  std::vector<RoleModelCopy> roleModelCopies() const;
  RoleModelCopy saveRoleModelCopy(RoleModelCopy copy);
  void deleteRoleModelCopy(std::string_view id);
  // The built-in role models with this database's active copies applied.
  RoleModelSet activeRoleModels() const;

  // Sessions: named sets of profiles. A profile may be in several.
  std::vector<SessionInfo> sessions() const;  // by name
  std::optional<SessionInfo> session(std::string_view id) const;
  // An exact id, else the sessions with that name (case-insensitive).
  std::vector<SessionInfo> findSessions(std::string_view key) const;
  // `id` empty: a new one. Given: recreates a deleted session (undo).
  SessionInfo createSession(std::string_view name, std::string_view notes = {}, std::string_view id = {});
  void renameSession(std::string_view id, std::string_view name);
  void deleteSession(std::string_view id);  // its profiles stay
  void addToSession(std::string_view id, std::span<const std::string> profileIds);
  void removeFromSession(std::string_view id, std::span<const std::string> profileIds);
  std::vector<std::string> sessionProfileIds(std::string_view id) const;  // members not in the bin, by name
  // profile id -> the result its sender saw (JSON); empty for one's own sessions.
  std::vector<std::pair<std::string, std::string>> sessionSeen(std::string_view id) const;
  // Every import's saves, session row and members in one BEGIN IMMEDIATE
  // transaction: all files apply or none.
  SessionImportWritten applySessionImports(std::span<const SessionImport> imports, const Progress& progress = {});

  // Ratings: raters' values of a profile's judgement fields (team/team.hpp).
  // Current ratings of a profile, by rater.
  std::vector<Rating> ratings(std::string_view profileId) const;
  // Every rating a rater gave a profile, the current one first.
  std::vector<Rating> ratingHistory(std::string_view profileId, std::string_view rater) const;
  // All in one transaction, in order: each replaces its rater's current
  // rating of the profile, which is kept as history. Throws ValidationError
  // naming the rating (by its place in `ratings`) and field, nothing written:
  // an unknown profile or one in the bin, a bad rater name, a value out of
  // range, more than kMaxRatersPerProfile raters on one profile.
  std::size_t saveRatings(std::span<const Rating> ratings);
  // Ratings stored one at a time as a file is read, in one transaction that
  // is kept only if committed (an import that finds a bad row later drops
  // the batch, and nothing was written).
  class RatingBatch {
   public:
    RatingBatch(RatingBatch&&) noexcept;
    ~RatingBatch();
    // Checks the rating against the database and stores it; its problem
    // (field and message) when it cannot be stored.
    std::optional<FieldProblem> save(const Rating& rating);
    void commit();
    std::size_t saved() const;

   private:
    friend class Store;
    struct Impl;
    explicit RatingBatch(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
  };
  RatingBatch beginRatings();

  // Changes whenever another connection commits: lets a window refresh.
  std::int64_t dataVersion() const;

  SQLite::Database& database() { return *db_; }

  // Backups kept beside a database, newest first.
  static std::vector<std::filesystem::path> backupsOf(const std::filesystem::path& path);
  // Replaces a damaged database with a backup. The damaged file (and its WAL)
  // is kept beside it as <name>.damaged-<time>, never deleted. Returns that path.
  static std::filesystem::path restoreBackup(const std::filesystem::path& path, const std::filesystem::path& backup);
  // A database that does not exist yet, written whole before anyone sees it:
  // a private file beside it (StoreOptions::privateFor), then publish().
  static std::filesystem::path privateFileFor(const std::filesystem::path& database);
  // Makes the complete private file the database, with no moment in which
  // another process sees a part of it. When a database appeared under that
  // name meanwhile (another RoleFit made one), the private file's profiles
  // are added to it instead, in one transaction, and the private file goes.
  // Throws StoreError; the private file is then left for the caller to remove.
  static void publish(const std::filesystem::path& privateFile, const std::filesystem::path& database);
  // Deletes a private file that will not be published (and its journal or WAL).
  static void discardPrivateFile(const std::filesystem::path& privateFile);
  // The private files beside `database` that an import stopped before its
  // end left behind (killed, the machine off): unchanged for `minimumAge`
  // and locked by nobody (a live import holds its write lock from its first
  // row to its commit). Deletes them and returns their names.
  static std::vector<std::filesystem::path> discardAbandonedPrivateFiles(const std::filesystem::path& database,
                                                                          std::chrono::seconds minimumAge);

 private:
  void open(const std::filesystem::path& file);  // as options_ say; then initialise()
  void initialise();  // identity check, pragmas, migrations: idempotent
  template <typename F>
  auto write(F&& body);
  // Inside a write transaction: refuses to write into a file that was
  // deleted or replaced since it was opened (the write would be lost).
  void throwIfMoved() const;
  void throwIfReadOnly() const;  // before a write, with why
  void insertOrUpdate(const Profile& p, bool exists, const std::optional<Profile>& previous);

  std::filesystem::path path_;
  StoreOptions options_;  // as asked
  bool readOnly_;  // asked to, or the system does not let us write
  std::unique_ptr<SQLite::Database> db_;
};

// A profile that passed the store's checks (validate(), and an id, when it
// has one, that is a UUID). Made only by checking one, on whatever thread: a
// bulk import checks each row on the thread that reads it, and the thread
// that stores the rows does not check them again.
class CheckedProfile {
 public:
  explicit CheckedProfile(Profile profile);  // throws ValidationError naming each problem
  const Profile& profile() const { return profile_; }

 private:
  friend class Store::Batch;  // fills in the bookkeeping as it stores it
  Profile profile_;
};

}  // namespace rolefit
