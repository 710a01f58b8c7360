#include "csv/csv_rows.hpp"

#include <csv.h>

#include <algorithm>
#include <exception>
#include <vector>

#include <fmt/format.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit::csv_detail {

struct RowReader::State {
  explicit State(OnRow handler) : onRow(std::move(handler)) {
    initialised = csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0;
    // libcsv grows a cell's buffer by this much at a time: by its 128 bytes,
    // one hostile 10 MB cell means 80,000 reallocations, each a copy where
    // realloc cannot grow in place (under ASan: minutes); by 64 KiB, 160.
    // Larger steps would cost every parser a large first allocation.
    if (initialised) csv_set_blk_size(&parser, std::size_t{64} << 10);
  }
  ~State() {
    if (initialised) csv_free(&parser);
  }

  static void onCell(void* data, std::size_t length, void* context) {
    auto& s = *static_cast<State*>(context);
    if (s.cellCount == s.cells.size()) s.cells.emplace_back();
    s.cells[s.cellCount++].assign(data ? static_cast<const char*>(data) : "", data ? length : 0);
  }

  static void onRowEnd(int, void* context) {
    auto& s = *static_cast<State*>(context);
    const std::span<const std::string> row(s.cells.data(), s.cellCount);
    s.cellCount = 0;
    ++s.rowsSeen;
    if (s.stopped) return;
    // Thrown out of libcsv's C frames it would be undefined: kept, and
    // thrown again once the parse has returned.
    try {
      s.stopped = !s.onRow(s.rowsSeen, row);
    } catch (...) {
      s.failure = std::current_exception();
      s.stopped = true;
    }
  }

  void parse(std::string_view bytes) {
    if (bytes.empty() || !parsing()) return;
    if (!seenText) seenText = !trimmed(bytes).empty();
    if (csv_parse(&parser, bytes.data(), bytes.size(), onCell, onRowEnd, this) != bytes.size())
      quotingError = csv_strerror(csv_error(&parser));
  }
  bool parsing() const { return initialised && !tooLarge && quotingError.empty(); }

  OnRow onRow;
  csv_parser parser{};
  bool initialised = false;
  std::vector<std::string> cells;  // reused from row to row
  std::size_t cellCount = 0;
  std::size_t rowsSeen = 0;
  bool stopped = false;
  std::exception_ptr failure;
  std::string head;  // the first bytes, until a byte order mark can be told
  bool headDone = false;
  std::size_t bytesSeen = 0;
  bool tooLarge = false;
  bool seenText = false;  // anything but white space
  std::string quotingError;
};

RowReader::RowReader(OnRow onRow) : state_(std::make_unique<State>(std::move(onRow))) {}
RowReader::~RowReader() = default;

void RowReader::feed(std::string_view bytes) {
  auto& s = *state_;
  s.bytesSeen += bytes.size();
  if (s.bytesSeen > kMaxCsvBytes) s.tooLarge = true;
  if (s.tooLarge) return;  // refused whole by finish(): nothing more is worth reading
  if (!s.headDone) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    const auto wanted = std::min(bytes.size(), kByteOrderMark.size() - s.head.size());
    s.head.append(bytes.substr(0, wanted));
    bytes.remove_prefix(wanted);
    if (s.head.size() < kByteOrderMark.size()) return;
    s.headDone = true;
    s.parse(s.head == kByteOrderMark ? std::string_view{} : std::string_view(s.head));
  }
  s.parse(bytes);
}

RowReader::End RowReader::finish() {
  auto& s = *state_;
  if (!s.headDone) {
    s.headDone = true;
    s.parse(s.head);
  }
  End end;
  if (!s.initialised) {
    end.fileProblem = "cannot start the CSV reader";
    return end;
  }
  if (s.tooLarge) {
    end.fileProblem = fmt::format("is larger than {} MiB", kMaxCsvBytes >> 20);
    return end;
  }
  if (s.quotingError.empty() && csv_fini(&s.parser, State::onCell, State::onRowEnd, &s) != 0)
    s.quotingError = csv_strerror(csv_error(&s.parser));
  if (s.failure) std::rethrow_exception(s.failure);
  end.rowsSeen = s.rowsSeen;
  if (!s.seenText) end.fileProblem = "is empty: expected a header row with the contract's field names";
  else if (!s.quotingError.empty()) end.quoting = fmt::format("bad CSV quoting ({})", s.quotingError);
  return end;
}

}  // namespace rolefit::csv_detail
