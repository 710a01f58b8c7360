// Ratings as a survey tool exports them: CSV (the contract's CSV rules) with
// `profile` (an id or a name), `rater`, and any of the judgement fields; a
// missing column or an empty cell takes the profile's own value.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/model/fields.hpp"

namespace rolefit {

struct RatingRow {
  std::size_t row = 0;  // in the file; 1 is the header
  std::string profile;  // id or name, as given
  std::string rater;
  // judgementFields() order; none: the profile's own. Every range is within 0-5.
  std::array<std::optional<std::int8_t>, kJudgementCount> values{};
};

struct RatingsCsvResult {
  std::vector<RatingRow> rows;       // empty when there are problems
  std::vector<CsvProblem> problems;  // each names its row and field
};

RatingsCsvResult readRatingsCsv(std::string_view content);

// Reads as the file's blocks arrive, handing each good row to `take` while
// the file has no problem so far (a later problem means none is kept).
using RatingSink = std::function<void(RatingRow&)>;
class CsvRatingReader {
 public:
  explicit CsvRatingReader(RatingSink take);
  ~CsvRatingReader();
  CsvRatingReader(const CsvRatingReader&) = delete;
  CsvRatingReader& operator=(const CsvRatingReader&) = delete;

  void feed(std::string_view bytes);  // pieces may split anywhere, even inside a character
  RatingsCsvResult finish();          // once, after the last piece; `rows` stays empty

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rolefit
