#include "rolefit/csv/ratings_csv.hpp"

#include <set>

#include <fmt/format.h>

#include "csv/csv_rows.hpp"
#include "rolefit/team/team.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {
// Named, not anonymous: CsvRatingReader::State holds a RatingsReader.
namespace csv_detail {

class RatingsReader {
 public:
  RatingsReader(RatingsCsvResult& result, RatingSink& take) : result_(result), take_(take) {}

  bool onRow(std::size_t rowNumber, std::span<const std::string> row) {
    row_ = rowNumber;
    if (row_ > kMaxCsvRows + 1) {
      result_.problems.push_back({0, "", fmt::format("has more than {} rows", kMaxCsvRows)});
      return false;
    }
    if (row_ == 1) {
      readHeader(row);
      return result_.problems.empty();
    }
    readRow(row);
    return result_.problems.size() < kMaxCsvProblems;
  }

 private:
  // A column: -1 profile, -2 rater, else the judgement field's index.
  static constexpr int kProfile = -1, kRater = -2;

  void readHeader(std::span<const std::string> header) {
    std::set<std::string, std::less<>> seen;
    const auto fields = judgementFields();
    for (const auto& cell : header) {
      const std::string name = trim(cell);
      if (!seen.insert(name).second) result_.problems.push_back({1, name, "column appears twice in the header"});
      if (name == "profile") {
        columns_.push_back(kProfile);
        continue;
      }
      if (name == "rater") {
        columns_.push_back(kRater);
        continue;
      }
      int index = 0;
      while (index < static_cast<int>(fields.size()) && fields[static_cast<std::size_t>(index)]->key != name) ++index;
      if (index == static_cast<int>(fields.size())) {
        const FieldInfo* fact = findField(name);
        result_.problems.push_back(
            {1, "", fact ? fmt::format("column {} is a fact of the profile, not a rating", quoteForMessage(name))
                         : fmt::format("unknown column {} (expected profile, rater and judgement fields such as "
                                       "goal_innovation)",
                                       quoteForMessage(name))});
      }
      columns_.push_back(index);
    }
    for (const char* required : {"profile", "rater"})
      if (!seen.contains(required))
        result_.problems.push_back({1, required, "required column is missing from the header"});
  }

  void readRow(std::span<const std::string> row) {
    if (row.size() == 1 && trimmed(row.front()).empty()) return;  // blank line
    if (row.size() != columns_.size()) {
      result_.problems.push_back({row_, "", fmt::format("has {} cells; the header has {}", row.size(), columns_.size())});
      return;
    }
    const auto fields = judgementFields();
    RatingRow out;
    out.row = row_;
    const std::size_t before = result_.problems.size();
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& cell = row[c];
      const int column = columns_[c];
      // A view: only a problem makes a string of it.
      const std::string_view field = column == kProfile ? "profile"
                                     : column == kRater ? "rater"
                                                        : fields[static_cast<std::size_t>(column)]->key;
      if (!isValidUtf8(cell)) {
        result_.problems.push_back({row_, std::string(field), "is not valid UTF-8 text"});
        continue;
      }
      if (column == kProfile) {
        out.profile = trim(cell);
        if (out.profile.empty()) result_.problems.push_back({row_, std::string(field), "names no profile (an id or a name)"});
        else if (utf8Length(out.profile) > kMaxNameLength)
          result_.problems.push_back({row_, std::string(field), fmt::format("is longer than any profile's name or id ({} characters)", kMaxNameLength)});
        continue;
      }
      if (column == kRater) {
        out.rater = trim(cell);
        if (auto problem = raterNameProblem(out.rater)) result_.problems.push_back({row_, std::string(field), *problem});
        continue;
      }
      const FieldInfo& f = *fields[static_cast<std::size_t>(column)];
      const std::string_view text = trimmed(cell);
      if (text.empty()) continue;  // the profile's own value
      const auto value = parseWholeNumber(text);
      if (!value) {
        result_.problems.push_back({row_, std::string(field), fmt::format("{} is not a whole number", quoteForMessage(text))});
        continue;
      }
      if (static_cast<double>(*value) < f.min || static_cast<double>(*value) > f.max) {
        result_.problems.push_back(
            {row_, std::string(field), fmt::format("{} is out of range {} to {}", *value, formatNumber(f.min), formatNumber(f.max))});
        continue;
      }
      out.values[static_cast<std::size_t>(column)] = static_cast<std::int8_t>(*value);
    }
    // Handed on while the file is good so far: after a problem nothing will be kept.
    if (result_.problems.size() == before && before == 0) take_(out);
  }

  RatingsCsvResult& result_;
  RatingSink& take_;
  std::size_t row_ = 0;
  std::vector<int> columns_;
};

}  // namespace csv_detail

using csv_detail::RatingsReader;

struct CsvRatingReader::State {
  explicit State(RatingSink sink)
      : take(std::move(sink)), reader(result, take),
        rows([this](std::size_t row, std::span<const std::string> cells) { return reader.onRow(row, cells); }) {}

  RatingSink take;
  RatingsCsvResult result;
  RatingsReader reader;
  csv_detail::RowReader rows;
  std::size_t handed = 0;
};

CsvRatingReader::CsvRatingReader(RatingSink take) : state_(std::make_unique<State>(std::move(take))) {
  auto& s = *state_;
  s.take = [&s, sink = std::move(s.take)](RatingRow& row) {
    ++s.handed;
    sink(row);
  };
}
CsvRatingReader::~CsvRatingReader() = default;

void CsvRatingReader::feed(std::string_view bytes) { state_->rows.feed(bytes); }

RatingsCsvResult CsvRatingReader::finish() {
  auto& s = *state_;
  const auto end = s.rows.finish();
  auto fileProblem = [&](std::string message) {
    RatingsCsvResult only;
    only.problems.push_back({0, "", std::move(message)});
    return only;
  };
  if (end.fileProblem) return fileProblem(*end.fileProblem);
  RatingsCsvResult& result = s.result;
  if (end.quoting) result.problems.push_back({end.rowsSeen + 1, "", *end.quoting});
  if (!result.problems.empty()) return std::move(result);
  if (s.handed == 0) return fileProblem("has a header but no rows");
  return std::move(result);
}

RatingsCsvResult readRatingsCsv(std::string_view content) {
  std::vector<RatingRow> rows;
  CsvRatingReader reader([&](RatingRow& row) { rows.push_back(std::move(row)); });
  reader.feed(content);
  RatingsCsvResult result = reader.finish();
  if (result.problems.empty()) result.rows = std::move(rows);
  return result;
}

}  // namespace rolefit
