#include "rolefit/csv/profiles_csv.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <set>

#include <fmt/format.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"
#include "csv/csv_rows.hpp"

namespace rolefit {
namespace {

constexpr std::array<std::string_view, 6> kRequired{"name",     "industry",          "business_model",
                                                    "stage",    "employees",         "leadership_budget"};

}  // namespace

// Named, not anonymous: CsvProfileReader::State holds one.
namespace csv_detail {

// Checks each row as the CSV layer hands it over: the header names the
// columns, every later row becomes a profile or problems named by row and
// field.
class ProfilesReader {
 public:
  ProfilesReader(CsvReadResult& result, const ProfileSink& take) : result_(result), take_(take) {}

  // False once no later row is worth reading.
  bool onRow(std::size_t rowNumber, std::span<const std::string> row) {
    rowNumber_ = rowNumber;
    if (rowNumber_ > kMaxCsvRows + 1) {
      result_.problems.push_back({0, "", fmt::format("has more than {} rows", kMaxCsvRows)});
      return false;
    }
    if (rowNumber_ == 1) {
      readHeader(row);
      return result_.problems.empty();
    }
    readRow(row);
    return result_.problems.size() < kMaxCsvProblems;
  }

  std::size_t profilesRead() const { return profilesRead_; }

 private:
  void readHeader(std::span<const std::string> header) {
    std::set<std::string, std::less<>> seen;
    for (const auto& cell : header) {
      const std::string name = trim(cell);
      if (!seen.insert(name).second) result_.problems.push_back({1, name, "column appears twice in the header"});
      if (name == "id") {
        columns_.push_back(nullptr);
        continue;
      }
      const FieldInfo* field = findField(name);
      if (!field)
        result_.problems.push_back(
            {1, "", fmt::format("unknown column {} (the header uses the contract's field names)", quoteForMessage(name))});
      columns_.push_back(field);
    }
    for (auto required : kRequired)
      if (!seen.contains(required))
        result_.problems.push_back({1, std::string(required), "required column is missing from the header"});
  }

  void readRow(std::span<const std::string> row) {
    if (row.size() == 1 && trimmed(row.front()).empty()) return;  // blank line
    if (row.size() != columns_.size()) {
      result_.problems.push_back(
          {rowNumber_, "", fmt::format("has {} cells; the header has {}", row.size(), columns_.size())});
      return;
    }
    const std::size_t problemsBefore = result_.problems.size();
    Profile profile;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& cell = row[c];
      const FieldInfo* field = columns_[c];
      const std::string_view fieldName = field ? field->key : "id";
      if (!isValidUtf8(cell)) {
        result_.problems.push_back({rowNumber_, std::string(fieldName), "is not valid UTF-8 text"});
        continue;
      }
      if (!field) {
        readId(trimmed(cell), profile);
        continue;
      }
      if (auto problem = setFieldText(profile, *field, cell))
        result_.problems.push_back({rowNumber_, std::string(fieldName), std::move(*problem)});
    }
    if (result_.problems.size() == problemsBefore)
      for (auto& problem : validate(profile))
        result_.problems.push_back({rowNumber_, std::move(problem.field), std::move(problem.message)});
    if (!result_.problems.empty()) return;
    ++profilesRead_;
    if (take_) take_(profile);
    else result_.profiles.push_back(std::move(profile));
  }

  void readId(std::string_view id, Profile& profile) {
    if (id.empty()) return;
    if (!isUuid(id))
      result_.problems.push_back({rowNumber_, "id", fmt::format("{} is not a UUID", quoteForMessage(id))});
    else if (!ids_.emplace(id).second)
      result_.problems.push_back({rowNumber_, "id", "appears on an earlier row too"});
    else
      profile.id = id;
  }

  CsvReadResult& result_;
  const ProfileSink& take_;
  std::size_t rowNumber_ = 0;
  std::size_t profilesRead_ = 0;
  std::vector<const FieldInfo*> columns_;
  std::set<std::string, std::less<>> ids_;
};

}  // namespace csv_detail

namespace {

std::string csvQuote(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos && cell == trimmed(cell)) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

using csv_detail::ProfilesReader;

std::span<const std::string_view> requiredCsvColumns() { return kRequired; }

struct CsvProfileReader::State {
  explicit State(ProfileSink sink)
      : take(std::move(sink)), reader(result, take),
        rows([this](std::size_t row, std::span<const std::string> cells) { return reader.onRow(row, cells); }) {}

  ProfileSink take;
  CsvReadResult result;
  ProfilesReader reader;
  csv_detail::RowReader rows;
};

CsvProfileReader::CsvProfileReader(ProfileSink take) : state_(std::make_unique<State>(std::move(take))) {}
CsvProfileReader::~CsvProfileReader() = default;

void CsvProfileReader::feed(std::string_view bytes) { state_->rows.feed(bytes); }

CsvReadResult CsvProfileReader::finish() {
  auto& s = *state_;
  const auto end = s.rows.finish();
  CsvReadResult& result = s.result;
  auto fileProblem = [&](std::string message) {
    CsvReadResult only;
    only.problems.push_back({0, "", std::move(message)});
    return only;
  };
  if (end.fileProblem) return fileProblem(*end.fileProblem);
  if (end.quoting) {
    result.problems.push_back({end.rowsSeen + 1, "", *end.quoting});
    result.profiles.clear();
    return std::move(result);
  }
  result.rows = s.reader.profilesRead();
  if (!result.problems.empty()) result.profiles.clear();
  else if (result.rows == 0) return fileProblem("has a header but no rows");
  return std::move(result);
}

CsvReadResult readProfilesCsv(std::string_view content, const ProfileSink& take) {
  CsvProfileReader reader(take);
  // One profile per line at most (a quoted cell may span lines): reserving
  // spares the copies and fresh pages of a vector growing 10,000 profiles deep.
  if (!take && content.size() <= kMaxCsvBytes) {
    const auto lines = static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
    reader.state_->result.profiles.reserve(std::min(lines + 1, kMaxCsvRows));
  }
  reader.feed(content);
  return reader.finish();
}

std::string describe(std::string_view fileName, const CsvProblem& problem) {
  std::string out(fileName);
  if (problem.row > 0) out += fmt::format(": row {}", problem.row);
  if (!problem.field.empty()) out += fmt::format("{} field {}", problem.row > 0 ? "," : ":", problem.field);
  out += ": " + problem.message;
  return out;
}

std::string writeProfilesCsv(std::span<const Profile> profiles) {
  std::string out = "id";
  for (const auto& f : profileFields()) out += fmt::format(",{}", f.key);
  out += "\r\n";
  for (const auto& p : profiles) {
    out += p.id;
    for (const auto& f : profileFields()) {
      out += ',';
      out += csvQuote(fieldText(p, f));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace rolefit
