// Ratings: raters' values of a profile's judgement fields, with history.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
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

RatingWriter::RatingWriter(SQLite::Database& db, std::string now)
    : profile_(db, "SELECT deleted_at IS NULL FROM profiles WHERE id = ?"),
      raters_(db, "SELECT rater FROM ratings WHERE profile_id = ? AND replaced_at IS NULL"),
      current_(db, fmt::format("SELECT {} FROM ratings WHERE profile_id = ? AND rater = ? AND replaced_at IS NULL",
                               valueColumns())),
      replace_(db, "UPDATE ratings SET replaced_at = ? WHERE profile_id = ? AND rater = ? AND replaced_at IS NULL"),
      next_(db, "SELECT coalesce(max(seq), 0) + 1 FROM ratings WHERE profile_id = ? AND rater = ?"),
      insert_(db, [] {
        std::string placeholders;
        for (std::size_t i = 0; i < kJudgementCount; ++i) placeholders += ", ?";
        return fmt::format("INSERT INTO ratings (profile_id, rater, seq, rated_at, replaced_at, {}) VALUES (?, ?, ?, "
                           "?, NULL{})",
                           valueColumns(), placeholders);
      }()),
      now_(std::move(now)) {}

std::optional<FieldProblem> RatingWriter::write(const Rating& r, bool skipUnrateable) {
  if (auto problem = raterNameProblem(r.rater)) return FieldProblem{"rater", *problem};
  if (auto values = validateJudgements(r.values); !values.empty()) return values.front();
  // A file's ratings come by profile: the last one's entry serves the next.
  if (r.profileId != lastProfileId_) {
    lastProfileId_ = r.profileId;
    lastId_ = lower(r.profileId);
    last_ = ratersOf_.end();
  }
  const std::string& id = lastId_;
  auto known = last_ != ratersOf_.end() ? last_ : ratersOf_.find(id);
  if (known == ratersOf_.end()) {
    // First time this profile comes up: is it there, and who rates it already.
    profile_.reset();
    profile_.bind(1, id);
    std::optional<std::string> problem;
    if (!profile_.executeStep()) problem = fmt::format("no profile with id {}", quoteForMessage(id));
    else if (profile_.getColumn(0).getInt() == 0) problem = "the profile is in the bin";
    std::optional<std::set<std::string, std::less<>>> present;
    if (!problem) {
      present.emplace();
      raters_.reset();
      raters_.bind(1, id);
      while (raters_.executeStep()) present->insert(raters_.getColumn(0).getString());
    }
    known = ratersOf_.emplace(id, std::move(present)).first;
    if (problem && !skipUnrateable) return FieldProblem{"profile", *problem};
  }
  last_ = known;
  if (!known->second) {
    if (!skipUnrateable) return FieldProblem{"profile", "the profile is not there or is in the bin"};
    ++counts_.skipped;
    return std::nullopt;
  }
  auto& raters = *known->second;
  const auto [rater, first] = raters.insert(r.rater);
  if (first && raters.size() > kMaxRatersPerProfile) {
    raters.erase(rater);
    return FieldProblem{"rater", fmt::format("the profile would have more than {} raters", kMaxRatersPerProfile)};
  }
  // Ratings go only with their profile: a rater with no current rating has
  // none at all, and this one is their first.
  std::int64_t seq = 1;
  if (!first) {
    current_.reset();
    current_.bind(1, id);
    current_.bind(2, r.rater);
    if (current_.executeStep()) {
      bool same = true;
      for (std::size_t v = 0; v < kJudgementCount; ++v) same &= current_.getColumn(static_cast<int>(v)).getInt64() == r.values[v];
      if (same) {  // the same values again: nothing new to keep
        ++counts_.unchanged;
        return std::nullopt;
      }
    }
    replace_.reset();
    replace_.bind(1, now_);
    replace_.bind(2, id);
    replace_.bind(3, r.rater);
    replace_.exec();
    next_.reset();
    next_.bind(1, id);
    next_.bind(2, r.rater);
    next_.executeStep();
    seq = next_.getColumn(0).getInt64();
  }
  insert_.reset();
  insert_.bindNoCopy(1, id);
  insert_.bindNoCopy(2, r.rater);
  insert_.bind(3, seq);
  // A colleague's rating from a session keeps the time it was made.
  insert_.bindNoCopy(4, isUtcTimestamp(r.ratedAt) ? r.ratedAt : now_);
  for (std::size_t v = 0; v < kJudgementCount; ++v) insert_.bind(static_cast<int>(5 + v), r.values[v]);
  insert_.exec();
  ++counts_.written;
  return std::nullopt;
}

RatingsWritten writeRatings(SQLite::Database& db, std::span<const Rating> ratings, const std::string& now,
                            bool skipUnrateable) {
  RatingWriter writer(db, now);
  for (std::size_t i = 0; i < ratings.size(); ++i)
    if (auto problem = writer.write(ratings[i], skipUnrateable)) {
      const std::string what = fmt::format("rating {}: {}: {}", i + 1, problem->field, problem->message);
      throw ValidationError(what, {std::move(*problem)});
    }
  return writer.counts();
}

}  // namespace store_detail

std::size_t Store::saveRatings(std::span<const Rating> ratings) {
  return write([&] { return writeRatings(*db_, ratings, utcNowIso8601(), false).written; });
}

// ---------------------------------------------------------------- a batch

struct Store::RatingBatch::Impl {
  Impl(SQLite::Database& database, const std::filesystem::path& file)
      : db(database), path(file), transaction(db, SQLite::TransactionBehavior::IMMEDIATE), writer(db, utcNowIso8601()) {}
  SQLite::Database& db;
  std::filesystem::path path;
  SQLite::Transaction transaction;
  RatingWriter writer;
};

Store::RatingBatch::RatingBatch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::RatingBatch::RatingBatch(RatingBatch&&) noexcept = default;
Store::RatingBatch::~RatingBatch() = default;  // an uncommitted SQLite::Transaction rolls back

std::optional<FieldProblem> Store::RatingBatch::save(const Rating& rating) {
  return translatingErrors(impl_->path, [&] { return impl_->writer.write(rating, false); });
}

void Store::RatingBatch::commit() {
  translatingErrors(impl_->path, [&] { impl_->transaction.commit(); });
}

std::size_t Store::RatingBatch::saved() const { return impl_->writer.counts().written; }

Store::RatingBatch Store::beginRatings() {
  throwIfReadOnly();
  return translatingErrors(path_, [&] {
    auto impl = std::make_unique<RatingBatch::Impl>(*db_, path_);
    throwIfMoved();
    return RatingBatch(std::move(impl));
  });
}

}  // namespace rolefit
