// What store.cpp, store_profiles.cpp and store_sessions.cpp share: the
// profiles table's SQL, reading and binding a row, checks, the writer a bulk
// save runs through, and Store::write. Private to the store.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include "rolefit/model/profile_json.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/team/team.hpp"
#include "rolefit/util/ids.hpp"

namespace rolefit::store_detail {

inline constexpr int kBookkeepingColumns = 4;  // id, revision, created_at, updated_at

// SQLite's error in words a person can act on.
std::string describe(const SQLite::Exception& e);
// Why a write to a database the system does not let us write fails.
inline constexpr std::string_view kCannotBeWritten = "the database cannot be written (read-only file or folder)";

// What `body` returns; SQLite's errors thrown as StoreError in those words,
// naming the file.
template <typename F>
decltype(auto) translatingErrors(const std::filesystem::path& file, F&& body) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    throw StoreError(fmt::format("{}: {}", file.string(), describe(e)));
  }
}

const std::string& selectSql();  // every column of a profile, FROM profiles
const std::string& insertSql();
const std::string& upsertSql();
// A statement of SQLite's own, as every statement reading or writing a whole
// profile row is: SQLiteCpp's per-call checks and per-column objects (each an
// atomic count up and down) were a tenth of a bulk import or read.
class RawStatement {
 public:
  RawStatement(SQLite::Database& db, const std::string& sql);  // throws SQLite::Exception
  ~RawStatement();
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  sqlite3_stmt* get() const { return statement_; }
  void bind(int index, std::string_view text);  // a copy; throws SQLite::Exception
  bool step();   // true at a row, false at the end; throws SQLite::Exception
  void run();    // to the end, then reset for the next run; throws SQLite::Exception
  void reset();  // ready to run again from the start

 private:
  sqlite3_stmt* statement_ = nullptr;
};

// The profile in the current row of a statement selecting selectSql()'s
// columns; a profile's values bound for insertSql() or upsertSql().
Profile readRow(const RawStatement& q);
void bindRow(RawStatement& q, const Profile& p);
void throwIfInvalid(const Profile& p);  // ValidationError naming each field
std::string lower(std::string_view text);

struct RatingsWritten {
  std::size_t written = 0;
  std::size_t unchanged = 0;
  std::size_t skipped = 0;
};

// Writes ratings inside an open write transaction, each checked against the
// database as it comes (its profile there and not in the bin, at most
// kMaxRatersPerProfile raters); a rater's same values again write nothing.
// Statements are prepared once for all of them.
class RatingWriter {
 public:
  RatingWriter(SQLite::Database& db, std::string now);
  // The problem when the rating cannot be stored (nothing written for it).
  // With `skipUnrateable` a rating of a profile that is not there or is in
  // the bin is left out (counted) instead.
  std::optional<FieldProblem> write(const Rating& rating, bool skipUnrateable);
  const RatingsWritten& counts() const { return counts_; }

 private:
  SQLite::Statement profile_, raters_, current_, replace_, next_, insert_;
  std::string now_;
  // The raters each profile has as the ratings so far leave them; none for
  // a profile that cannot be rated.
  using RatersOf = std::map<std::string, std::optional<std::set<std::string, std::less<>>>, std::less<>>;
  RatersOf ratersOf_;
  RatersOf::iterator last_ = ratersOf_.end();  // the last rating's profile
  std::string lastProfileId_, lastId_;         // its id as given, and lower-case
  RatingsWritten counts_;
};

// All of `ratings` in the order given; the first problem throws
// ValidationError ("rating N: field: ..."), the caller's transaction undoes
// the rest.
RatingsWritten writeRatings(SQLite::Database& db, std::span<const Rating> ratings, const std::string& now,
                            bool skipUnrateable);

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
      if (existing.step()) previous = readRow(existing);
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
    RawStatement& store = previous ? upsert : insert;
    bindRow(store, p);
    store.run();
  }

  RawStatement existing, insert, upsert;
  SQLite::Statement keepRevision;
};

}  // namespace rolefit::store_detail

namespace rolefit {

template <typename F>
auto Store::write(F&& body) {
  throwIfReadOnly();
  return store_detail::translatingErrors(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    throwIfMoved();
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      tx.commit();
    } else {
      auto result = body();
      tx.commit();
      return result;
    }
  });
}

}  // namespace rolefit
