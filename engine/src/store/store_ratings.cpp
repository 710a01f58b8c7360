// Ratings: raters' values of a profile's judgement fields, with history.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "rolefit/store/store.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"
#include "store/store_detail.hpp"

namespace rolefit {

using namespace store_detail;

namespace {

// The judgement fields' columns, in judgementFields() order.
const std::string& valueColumns() {
  static const std::string columns = [] {
    std::string out;
    for (const FieldInfo* f : judgementFields()) out += fmt::format("{}{}", out.empty() ? "" : ", ", f->key);
    return out;
  }();
  return columns;
}

Rating readRating(SQLite::Statement& q, const std::string& profileId) {
  Rating r;
  r.profileId = profileId;
  r.rater = q.getColumn(0).getString();
  r.ratedAt = q.getColumn(1).getString();
  for (std::size_t i = 0; i < kJudgementCount; ++i) r.values[i] = q.getColumn(static_cast<int>(2 + i)).getInt64();
  return r;
}

}  // namespace

std::vector<Rating> Store::ratings(std::string_view profileId) const {
  const std::string id = lower(profileId);
  SQLite::Statement q(*db_, fmt::format("SELECT rater, rated_at, {} FROM ratings WHERE profile_id = ? AND "
                                        "replaced_at IS NULL ORDER BY rater",
                                        valueColumns()));
  q.bind(1, id);
  std::vector<Rating> out;
  while (q.executeStep()) out.push_back(readRating(q, id));
  return out;
}

std::vector<Rating> Store::ratingHistory(std::string_view profileId, std::string_view rater) const {
  const std::string id = lower(profileId);
  SQLite::Statement q(*db_, fmt::format("SELECT rater, rated_at, {} FROM ratings WHERE profile_id = ? AND "
                                        "rater = ? ORDER BY seq DESC",
                                        valueColumns()));
  q.bind(1, id);
  q.bind(2, std::string(rater));
  std::vector<Rating> out;
  while (q.executeStep()) out.push_back(readRating(q, id));
  return out;
}

namespace store_detail {

RatingsWritten writeRatings(SQLite::Database& db, std::span<const Rating> ratings, const std::string& now,
                            bool skipUnrateable) {
  auto refuse = [](std::size_t index, std::string field, std::string message) {
    const std::string what = fmt::format("rating {}: {}: {}", index + 1, field, message);
    throw ValidationError(what, {{std::move(field), std::move(message)}});
  };
  SQLite::Statement profile(db, "SELECT deleted_at IS NULL FROM profiles WHERE id = ?");
  SQLite::Statement raters(db, "SELECT rater FROM ratings WHERE profile_id = ? AND replaced_at IS NULL");
  SQLite::Statement current(db, fmt::format("SELECT {} FROM ratings WHERE profile_id = ? AND rater = ? AND "
                                            "replaced_at IS NULL",
                                            valueColumns()));
  SQLite::Statement replace(db,
                            "UPDATE ratings SET replaced_at = ? WHERE profile_id = ? AND rater = ? AND "
                            "replaced_at IS NULL");
  SQLite::Statement next(db, "SELECT coalesce(max(seq), 0) + 1 FROM ratings WHERE profile_id = ? AND rater = ?");
  std::string placeholders;
  for (std::size_t i = 0; i < kJudgementCount; ++i) placeholders += ", ?";
  SQLite::Statement insert(db, fmt::format("INSERT INTO ratings (profile_id, rater, seq, rated_at, replaced_at, "
                                           "{}) VALUES (?, ?, ?, ?, NULL{})",
                                           valueColumns(), placeholders));
  RatingsWritten out;
  // Checked in the order given (problems name the first rating at fault),
  // written in key order: a B-tree filled in order, not at random places.
  // The raters each profile has, as the ratings so far leave them (none
  // recorded for a profile that cannot be rated).
  std::map<std::string, std::optional<std::set<std::string>>, std::less<>> ratersOf;
  std::vector<std::string> ids(ratings.size());
  std::vector<char> first(ratings.size());  // the rater's first rating of the profile
  std::vector<char> skip(ratings.size());
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    const Rating& r = ratings[i];
    ids[i] = lower(r.profileId);
    auto known = ratersOf.find(ids[i]);
    if (known == ratersOf.end()) {
      profile.reset();
      profile.bind(1, ids[i]);
      std::optional<std::string> problem;
      if (!profile.executeStep()) problem = fmt::format("no profile with id {}", quoteForMessage(ids[i]));
      else if (profile.getColumn(0).getInt() == 0) problem = "the profile is in the bin";
      if (problem && !skipUnrateable) refuse(i, "profile", *problem);
      std::optional<std::set<std::string>> present;
      if (!problem) {
        present.emplace();
        raters.reset();
        raters.bind(1, ids[i]);
        while (raters.executeStep()) present->insert(raters.getColumn(0).getString());
      }
      known = ratersOf.emplace(ids[i], std::move(present)).first;
    }
    if (!known->second) {
      skip[i] = 1;
      ++out.skipped;
      continue;
    }
    first[i] = known->second->insert(r.rater).second;
    if (first[i] && known->second->size() > kMaxRatersPerProfile)
      refuse(i, "rater", fmt::format("the profile would have more than {} raters", kMaxRatersPerProfile));
  }
  std::vector<std::size_t> order;
  order.reserve(ratings.size());
  for (std::size_t i = 0; i < ratings.size(); ++i)
    if (!skip[i]) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (ids[a] != ids[b]) return ids[a] < ids[b];
    return ratings[a].rater < ratings[b].rater;
  });
  for (const std::size_t i : order) {
    const Rating& r = ratings[i];
    // Ratings go only with their profile: a rater with no current rating
    // has none at all, and this one is their first.
    std::int64_t seq = 1;
    if (!first[i]) {
      current.reset();
      current.bind(1, ids[i]);
      current.bind(2, r.rater);
      if (current.executeStep()) {
        bool same = true;
        for (std::size_t v = 0; v < kJudgementCount; ++v)
          same &= current.getColumn(static_cast<int>(v)).getInt64() == r.values[v];
        if (same) {  // the same values again: nothing new to keep
          ++out.unchanged;
          continue;
        }
      }
      replace.reset();
      replace.bind(1, now);
      replace.bind(2, ids[i]);
      replace.bind(3, r.rater);
      replace.exec();
      next.reset();
      next.bind(1, ids[i]);
      next.bind(2, r.rater);
      next.executeStep();
      seq = next.getColumn(0).getInt64();
    }
    insert.reset();
    insert.bind(1, ids[i]);
    insert.bind(2, r.rater);
    insert.bind(3, seq);
    // A colleague's rating from a session keeps the time it was made.
    insert.bind(4, isUtcTimestamp(r.ratedAt) ? r.ratedAt : now);
    for (std::size_t v = 0; v < kJudgementCount; ++v) insert.bind(static_cast<int>(5 + v), r.values[v]);
    insert.exec();
    ++out.written;
  }
  return out;
}

}  // namespace store_detail

std::size_t Store::saveRatings(std::span<const Rating> ratings) {
  // Everything that needs no database first.
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    std::optional<FieldProblem> problem;
    if (auto name = raterNameProblem(ratings[i].rater)) problem = FieldProblem{"rater", *name};
    else if (auto values = validateJudgements(ratings[i].values); !values.empty()) problem = values.front();
    if (problem) {
      const std::string what = fmt::format("rating {}: {}: {}", i + 1, problem->field, problem->message);
      throw ValidationError(what, {*problem});
    }
  }
  return write([&] { return writeRatings(*db_, ratings, utcNowIso8601(), false).written; });
}

}  // namespace rolefit
