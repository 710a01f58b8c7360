// The CSV layer every CSV reader shares: strict RFC 4180 quoting through
// libcsv, a UTF-8 byte order mark skipped, a size limit, rows handed over as
// they complete (memory stays a block and a row deep). Private to the CSV
// readers (profiles, ratings).
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rolefit::csv_detail {

class RowReader {
 public:
  // Row 1 is the header. Return false to stop reading (no later row is
  // handed over). An exception it throws ends the reading and comes out of
  // finish().
  using OnRow = std::function<bool(std::size_t row, std::span<const std::string> cells)>;
  explicit RowReader(OnRow onRow);
  ~RowReader();
  RowReader(const RowReader&) = delete;
  RowReader& operator=(const RowReader&) = delete;

  void feed(std::string_view bytes);  // pieces may split anywhere

  struct End {
    std::optional<std::string> fileProblem;  // about the file as a whole: unreadable, too large, empty
    std::optional<std::string> quoting;      // bad quoting, at row rowsSeen + 1
    std::size_t rowsSeen = 0;
  };
  End finish();  // once, after the last piece

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rolefit::csv_detail
