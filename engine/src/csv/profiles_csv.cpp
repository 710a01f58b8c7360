#include "rolefit/csv/profiles_csv.hpp"

#include <array>
#include <csv.h>
#include <set>

#include <fmt/format.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {
namespace {

constexpr std::array<std::string_view, 6> kRequired{"name",     "industry",          "business_model",
                                                    "stage",    "employees",         "leadership_budget"};
constexpr std::size_t kMaxProblems = 200;

struct Parse {
  std::vector<std::string> cells;
  std::vector<std::vector<std::string>> rows;
  bool tooManyRows = false;
};

void onCell(void* data, std::size_t length, void* context) {
  auto* parse = static_cast<Parse*>(context);
  parse->cells.emplace_back(data ? static_cast<const char*>(data) : "", data ? length : 0);
}

void onRowEnd(int, void* context) {
  auto* parse = static_cast<Parse*>(context);
  if (parse->rows.size() > kMaxCsvRows) {
    parse->tooManyRows = true;
    parse->cells.clear();
    return;
  }
  parse->rows.push_back(std::move(parse->cells));
  parse->cells.clear();
}

bool isBlankRow(const std::vector<std::string>& row) {
  return row.size() == 1 && trim(row.front()).empty();
}

std::string csvQuote(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos && cell == trim(cell)) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::span<const std::string_view> requiredCsvColumns() { return kRequired; }

CsvReadResult readProfilesCsv(std::string_view content) {
  CsvReadResult result;
  auto fileProblem = [&](std::string message) {
    result.problems.push_back({0, "", std::move(message)});
    return result;
  };
  if (content.size() > kMaxCsvBytes)
    return fileProblem(fmt::format("is larger than {} MiB", kMaxCsvBytes >> 20));
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);  // UTF-8 byte order mark
  if (trim(content).empty()) return fileProblem("is empty: expected a header row with the contract's field names");

  Parse parse;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return fileProblem("cannot start the CSV reader");
  const std::size_t used = csv_parse(&parser, content.data(), content.size(), onCell, onRowEnd, &parse);
  const bool parsed = used == content.size() && csv_fini(&parser, onCell, onRowEnd, &parse) == 0;
  const std::string parseError = csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!parsed) {
    result.problems.push_back({parse.rows.size() + 1, "", fmt::format("bad CSV quoting ({})", parseError)});
    return result;
  }
  if (parse.tooManyRows) return fileProblem(fmt::format("has more than {} rows", kMaxCsvRows));
  if (parse.rows.empty()) return fileProblem("is empty: expected a header row");

  // Header: every column known, none twice, the required ones present.
  const auto& header = parse.rows.front();
  std::vector<const FieldInfo*> columns;
  std::set<std::string> seen;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = trim(header[c]);
    if (!seen.insert(name).second)
      result.problems.push_back({1, name, "column appears twice in the header"});
    if (name == "id") {
      columns.push_back(nullptr);
      continue;
    }
    const FieldInfo* field = findField(name);
    if (!field)
      result.problems.push_back(
          {1, "", fmt::format("unknown column {} (the header uses the contract's field names)", quoteForMessage(name))});
    columns.push_back(field);
  }
  for (auto required : kRequired)
    if (!seen.contains(std::string(required)))
      result.problems.push_back({1, std::string(required), "required column is missing from the header"});
  if (!result.problems.empty()) return result;

  std::set<std::string> ids;
  for (std::size_t r = 1; r < parse.rows.size(); ++r) {
    if (result.problems.size() >= kMaxProblems) break;
    const auto& row = parse.rows[r];
    const std::size_t rowNumber = r + 1;
    if (isBlankRow(row)) continue;
    if (row.size() != header.size()) {
      result.problems.push_back(
          {rowNumber, "", fmt::format("has {} cells; the header has {}", row.size(), header.size())});
      continue;
    }
    Profile profile;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& cell = row[c];
      const std::string fieldName = columns[c] ? std::string(columns[c]->key) : "id";
      if (!isValidUtf8(cell)) {
        result.problems.push_back({rowNumber, fieldName, "is not valid UTF-8 text"});
        continue;
      }
      if (!columns[c]) {
        const std::string id = trim(cell);
        if (id.empty()) continue;
        if (!isUuid(id)) result.problems.push_back({rowNumber, "id", fmt::format("{} is not a UUID", quoteForMessage(id))});
        else if (!ids.insert(id).second) result.problems.push_back({rowNumber, "id", "appears on an earlier row too"});
        else profile.id = id;
        continue;
      }
      if (auto problem = setFieldText(profile, *columns[c], cell))
        result.problems.push_back({rowNumber, fieldName, *problem});
    }
    const bool cellProblems = !result.problems.empty() && result.problems.back().row == rowNumber;
    if (!cellProblems)
      for (auto& problem : validate(profile))
        result.problems.push_back({rowNumber, std::move(problem.field), std::move(problem.message)});
    result.profiles.push_back(std::move(profile));
  }
  if (!result.problems.empty()) result.profiles.clear();
  else if (result.profiles.empty()) return fileProblem("has a header but no rows");
  return result;
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
