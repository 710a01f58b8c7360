#include "support/support.hpp"

#include <algorithm>
#include <chrono>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "rolefit/model/fields.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace rolefit::test {

TempDir::TempDir() {
  // A new folder of a random name (created, not found: no other test shares it).
  std::random_device entropy;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto candidate = fs::temp_directory_path() / fmt::format("rolefit-test-{:08x}{:08x}", entropy(), entropy());
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot make a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path rolefitBinary() { return ROLEFIT_BINARY; }

void scribbleOverMiddlePage(const fs::path& database) {
  std::size_t pageSize = 0;
  {
    SQLite::Database db(database.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    pageSize = static_cast<std::size_t>(db.execAndGet("PRAGMA page_size").getInt());
  }
  std::string bytes = readFile(database);
  const std::size_t pages = bytes.size() / pageSize;
  if (pages < 4) throw std::runtime_error(database.string() + ": too small to damage only its middle");
  const std::size_t start = pageSize * (pages / 2);
  for (std::size_t i = start; i < start + pageSize; ++i) bytes[i] = static_cast<char>(0xA5);
  writeFile(database, bytes);
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void writeFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string contractHeader() {
  std::string header;
  for (const auto& f : profileFields()) header += (header.empty() ? "" : ",") + std::string(f.key);
  return header;
}

std::string generatedCsv(std::size_t rows, unsigned seed) {
  std::mt19937 random(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  const auto& fields = profileFields();
  std::string csv = contractHeader() + "\n";
  for (std::size_t r = 0; r < rows; ++r) {
    std::string row;
    for (const auto& f : fields) {
      std::string cell;
      if (f.key == "name") cell = fmt::format("\"Company {} \"\"{}\"\", Ltd\"", r, seed);
      else if (f.key == "notes") cell = r % 7 == 0 ? "\"line one\nline two\"" : "";
      else if (f.key == "revenue_musd") cell = r % 5 == 0 ? "" : fmt::format("{}.5", pick(0, 5000));
      else if (f.key == "tech_revenue_pct") cell = fmt::format("{}", pick(0, 100));
      else if (f.kind == FieldKind::Choice) cell = std::string(f.choices[static_cast<std::size_t>(pick(0, static_cast<int>(f.choices.size()) - 1))]);
      else if (f.key == "employees") cell = std::to_string(pick(1, 200000));
      else if (f.key == "product_lines") cell = std::to_string(pick(0, 12));
      else cell = std::to_string(pick(static_cast<int>(f.min), static_cast<int>(f.max)));
      row += (row.empty() ? "" : ",") + cell;
    }
    csv += row + "\n";
  }
  return csv;
}

double bestSeconds(int runs, const std::function<void(int)>& body) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    body(i);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return *std::min_element(times.begin(), times.end());
}

}  // namespace rolefit::test
