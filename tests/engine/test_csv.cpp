#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fmt/format.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/util/files.hpp"
#include "support/support.hpp"

using namespace rolefit;
using rolefit::test::contractHeader;
using rolefit::test::generatedCsv;

namespace {
const std::string kMinimalHeader = "name,industry,business_model,stage,employees,leadership_budget\n";

bool hasProblem(const CsvReadResult& r, std::size_t row, const std::string& field) {
  for (const auto& p : r.problems)
    if (p.row == row && p.field == field) return true;
  return false;
}
}  // namespace

TEST_CASE("a generated CSV with every field reads back") {
  const auto result = readProfilesCsv(generatedCsv(50));
  REQUIRE(result.problems.empty());
  REQUIRE(result.profiles.size() == 50);
  CHECK(result.profiles[0].name == "Company 0 \"1\", Ltd");
  CHECK(result.profiles[0].notes == "line one\nline two");
  CHECK_FALSE(result.profiles[0].revenue_musd);
  CHECK(result.profiles[1].revenue_musd);
}

TEST_CASE("a sink takes each profile as its row is read, until a row has a problem") {
  std::vector<std::string> taken;
  auto csv = generatedCsv(50, 5);
  const auto good = readProfilesCsv(csv, [&](Profile& p) { taken.push_back(p.name); });
  CHECK(good.problems.empty());
  CHECK(good.profiles.empty());
  CHECK(good.rows == 50);
  REQUIRE(taken.size() == 50);
  CHECK(taken.front() == readProfilesCsv(csv).profiles.front().name);

  taken.clear();
  const std::string row = "A,retail,service,startup,5,one\n";
  const std::string bad = kMinimalHeader + row + row + "B,bank,service,startup,5,one\n" + row;
  const auto refused = readProfilesCsv(bad, [&](Profile& p) { taken.push_back(p.name); });
  CHECK(hasProblem(refused, 4, "industry"));
  CHECK(taken.size() == 2);  // none after the bad row

  // What the sink throws (a full disk, say) stops the reading and comes out.
  int calls = 0;
  CHECK_THROWS_WITH(readProfilesCsv(csv,
                                    [&](Profile&) {
                                      if (++calls == 3) throw std::runtime_error("disk full");
                                    }),
                    "disk full");
  CHECK(calls == 3);
}

TEST_CASE("header order is free and missing optional columns take their defaults") {
  const auto result = readProfilesCsv(
      "employees,stage,name,leadership_budget,business_model,industry\r\n12,startup,Tiny,one,product,software\r\n");
  REQUIRE(result.problems.empty());
  const Profile& p = result.profiles.at(0);
  CHECK(p.name == "Tiny");
  CHECK(p.employees == 12);
  CHECK(p.industry == Industry::software);
  CHECK(p.regulatory_burden == 3);
  CHECK(p.goal(Goal::growth) == 0);
  CHECK(p.capability(Capability::engineering) == 3);
  CHECK(p.leaders == Leaders::none);
  CHECK_FALSE(p.revenue_musd);
}

TEST_CASE("a UTF-8 byte order mark and CRLF line ends are accepted") {
  const auto result = readProfilesCsv("\xEF\xBB\xBF" + kMinimalHeader + "Caf\xC3\xA9,retail,service,established,5,one\r\n");
  REQUIRE(result.problems.empty());
  CHECK(result.profiles.at(0).name == "Caf\xC3\xA9");
}

TEST_CASE("an id column keeps given ids and refuses bad or repeated ones") {
  auto ok = readProfilesCsv("id," + kMinimalHeader.substr(0, kMinimalHeader.size() - 1) +
                            "\n0d6f3c1e-5b7a-4c61-9d2e-1f0a2b3c4d5e,A,retail,service,startup,3,one\n");
  REQUIRE(ok.problems.empty());
  CHECK(ok.profiles[0].id == "0d6f3c1e-5b7a-4c61-9d2e-1f0a2b3c4d5e");
  auto bad = readProfilesCsv("id," + kMinimalHeader.substr(0, kMinimalHeader.size() - 1) +
                             "\nnot-a-uuid,A,retail,service,startup,3,one\n"
                             "0d6f3c1e-5b7a-4c61-9d2e-1f0a2b3c4d5e,B,retail,service,startup,3,one\n"
                             "0d6f3c1e-5b7a-4c61-9d2e-1f0a2b3c4d5e,C,retail,service,startup,3,one\n");
  CHECK(hasProblem(bad, 2, "id"));
  CHECK(hasProblem(bad, 4, "id"));
  CHECK(bad.profiles.empty());
}

TEST_CASE("bad CSV is refused with the row and field named") {
  SECTION("empty file") {
    const auto r = readProfilesCsv("");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].row == 0);
    CHECK(r.problems[0].message.find("empty") != std::string::npos);
  }
  SECTION("header only") {
    const auto r = readProfilesCsv(kMinimalHeader);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.find("no rows") != std::string::npos);
  }
  SECTION("unknown column") {
    const auto r = readProfilesCsv("name,industry,business_model,stage,employees,leadership_budget,colour\n");
    REQUIRE_FALSE(r.problems.empty());
    CHECK(r.problems[0].row == 1);
    CHECK(r.problems[0].message.find("colour") != std::string::npos);
  }
  SECTION("missing required column") {
    const auto r = readProfilesCsv("name,industry,business_model,stage,leadership_budget\nA,retail,service,startup,one\n");
    CHECK(hasProblem(r, 1, "employees"));
  }
  SECTION("duplicate column") {
    const auto r = readProfilesCsv("name,name,industry,business_model,stage,employees,leadership_budget\n");
    CHECK(hasProblem(r, 1, "name"));
  }
  SECTION("wrong types") {
    const auto r = readProfilesCsv(kMinimalHeader + "A,retail,service,startup,many,one\nB,retail,service,startup,4,lots\n");
    CHECK(hasProblem(r, 2, "employees"));
    CHECK(hasProblem(r, 3, "leadership_budget"));
    CHECK(r.profiles.empty());
  }
  SECTION("out of range") {
    const auto r = readProfilesCsv("name,industry,business_model,stage,employees,leadership_budget,goal_cost\n"
                                   "A,retail,service,startup,4,one,9\n");
    CHECK(hasProblem(r, 2, "goal_cost"));
  }
  SECTION("bad quoting") {
    const auto r = readProfilesCsv(kMinimalHeader + "\"A,retail,service,startup,4,one\n");
    REQUIRE_FALSE(r.problems.empty());
    CHECK(r.problems[0].message.find("quoting") != std::string::npos);
    const auto r2 = readProfilesCsv(kMinimalHeader + "A\"b,retail,service,startup,4,one\n");
    REQUIRE_FALSE(r2.problems.empty());
    CHECK(r2.problems[0].row == 2);
  }
  SECTION("invalid UTF-8") {
    const auto r = readProfilesCsv(kMinimalHeader + "Bad\xFF,retail,service,startup,4,one\n");
    CHECK(hasProblem(r, 2, "name"));
  }
  SECTION("a name over 200 characters") {
    const auto r = readProfilesCsv(kMinimalHeader + std::string(201, 'N') + ",retail,service,startup,4,one\n");
    CHECK(hasProblem(r, 2, "name"));
  }
  SECTION("wrong number of cells") {
    const auto r = readProfilesCsv(kMinimalHeader + "A,retail,service\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].row == 2);
    CHECK(r.problems[0].message.find("3 cells") != std::string::npos);
  }
  SECTION("required value left empty") {
    const auto r = readProfilesCsv(kMinimalHeader + "A,,service,startup,4,one\n");
    CHECK(hasProblem(r, 2, "industry"));
  }
}

TEST_CASE("problems are described on one line with file, row and field") {
  CHECK(describe("c.csv", {3, "employees", "\"x\" is not a whole number"}) ==
        "c.csv: row 3, field employees: \"x\" is not a whole number");
  CHECK(describe("c.csv", {0, "", "is empty"}) == "c.csv: is empty");
  CHECK(describe("c.csv", {1, "name", "required column is missing from the header"}) ==
        "c.csv: row 1, field name: required column is missing from the header");
}

TEST_CASE("written CSV reads back to the same profiles") {
  auto original = readProfilesCsv(generatedCsv(20, 7)).profiles;
  for (std::size_t i = 0; i < original.size(); ++i) original[i].id = fmt::format("0d6f3c1e-5b7a-4c61-9d2e-1f0a2b3c4d{:02x}", i);
  const auto again = readProfilesCsv(writeProfilesCsv(original));
  REQUIRE(again.problems.empty());
  REQUIRE(again.profiles.size() == original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    CHECK(again.profiles[i].sameContent(original[i]));
    CHECK(again.profiles[i].id == original[i].id);
  }
}

TEST_CASE("whole files are read exactly, missing, too large, folders and pipes are refused by name") {
  test::TempDir dir;
  const auto file = dir / "companies.csv";
  const std::string content = generatedCsv(20);
  test::writeFile(file, content);
  CHECK(readWholeFile(file, 1 << 20, "CSV files").view() == content);
  test::writeFile(dir / "empty.csv", "");
  CHECK(readWholeFile(dir / "empty.csv", 1 << 20, "CSV files").size == 0);

  auto refusal = [](const std::filesystem::path& path, std::size_t limit) -> std::string {
    try {
      readWholeFile(path, limit, "CSV files");
    } catch (const FileReadError& e) {
      return e.what();
    }
    return "read";
  };
  CHECK(refusal(dir / "missing.csv", 1 << 20) == "no such file");
  CHECK(refusal(dir.path(), 1 << 20) == "is not a regular file");
  CHECK(refusal(file, 1 << 20) == "read");
  test::writeFile(file, std::string(1 << 20, 'x'));
  CHECK(refusal(file, 1 << 20) == "read");  // exactly at the limit
  test::writeFile(file, std::string((1 << 20) + 1, 'x'));
  CHECK(refusal(file, 1 << 20) == fmt::format("is {} bytes; CSV files of at most 1 MiB are read", (1 << 20) + 1));
#ifndef _WIN32
  // A named pipe without a writer would block an ordinary open forever.
  const auto pipe = dir / "pipe.csv";
  REQUIRE(mkfifo(pipe.c_str(), 0600) == 0);
  CHECK(refusal(pipe, 1 << 20) == "is not a regular file");
#endif
}

TEST_CASE("temporary names sit hidden beside their target, say what they are for, and never repeat") {
  // From UTF-8, as RoleFit makes every path a person typed: a narrow string
  // alone is read in Windows' ANSI code page.
  const std::filesystem::path target = std::filesystem::path("reports") / pathFromUtf8("Zürich.db");
  const auto a = temporaryNameBeside(target, "importing"), b = temporaryNameBeside(target, "importing");
  CHECK(a != b);
  CHECK(a.parent_path() == target.parent_path());
  const std::string name = a.filename().string();
  CHECK(name.rfind(".Zürich.db.importing-", 0) == 0);
  CHECK(name.size() == std::string(".Zürich.db.importing-").size() + 8);
  CHECK(temporaryNameBeside("alone.csv", "writing").parent_path() == ".");
  CHECK(isTemporaryNameOf(name, target, "importing"));
  CHECK_FALSE(isTemporaryNameOf(name, target, "writing"));
  CHECK_FALSE(isTemporaryNameOf(name, "Bern.db", "importing"));
  CHECK_FALSE(isTemporaryNameOf(name + "-journal", target, "importing"));
  CHECK_FALSE(isTemporaryNameOf(".Zürich.db.importing-notes.tx", target, "importing"));  // same length, not hex
}

TEST_CASE("an atomic write replaces the target and leaves nothing else in its folder") {
  test::TempDir dir;
  const auto file = dir / "report.md";
  writeFileAtomically(file, "first");
  writeFileAtomically(file, "second");
  CHECK(readWholeFile(file, 1 << 20, "reports").view() == "second");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
#ifndef _WIN32
  struct stat info {};
  REQUIRE(stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0644);  // readable by others, as a file the user saved
#endif
  CHECK_THROWS_WITH(writeFileAtomically(dir / "missing" / "report.md", "x"),
                    Catch::Contains("report.md: cannot write (creating a temporary file"));
}

TEST_CASE("files read in blocks arrive whole and in order, refused as whole reads are") {
  test::TempDir dir;
  const auto file = dir / "companies.csv";
  const std::string content = generatedCsv(2500, 4);  // several 64 KiB blocks
  REQUIRE(content.size() > 3 * 64 * 1024);
  test::writeFile(file, content);
  std::string joined;
  std::size_t blocks = 0;
  const auto size = readFileInBlocks(file, 1 << 20, "CSV files", [&](std::string_view block, std::size_t fileSize) {
    CHECK(fileSize == content.size());
    joined += block;
    ++blocks;
  });
  CHECK(size == content.size());
  CHECK(joined == content);
  CHECK(blocks >= 4);
  const auto refusal = [](const std::filesystem::path& path, std::size_t limit) -> std::string {
    try {
      readFileInBlocks(path, limit, "CSV files", [](std::string_view, std::size_t) {});
    } catch (const FileReadError& e) {
      return e.what();
    }
    return "read";
  };
  CHECK(refusal(dir / "missing.csv", 1 << 20) == "no such file");
  CHECK(refusal(dir.path(), 1 << 20) == "is not a regular file");
  CHECK(refusal(file, 1000) == fmt::format("is {} bytes; CSV files of at most 0 MiB are read", content.size()));
}

TEST_CASE("a reader fed in pieces of any size reads what a whole read does") {
  const std::string content = "\xEF\xBB\xBF" + generatedCsv(40, 8);
  const auto whole = readProfilesCsv(content);
  REQUIRE(whole.problems.empty());
  for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
    CAPTURE(piece);
    std::vector<Profile> taken;
    CsvProfileReader reader([&](Profile& p) { taken.push_back(p); });
    for (std::size_t at = 0; at < content.size(); at += piece) reader.feed(std::string_view(content).substr(at, piece));
    const auto result = reader.finish();
    CHECK(result.problems.empty());
    CHECK(result.rows == 40);
    REQUIRE(taken.size() == whole.profiles.size());
    for (std::size_t i = 0; i < taken.size(); ++i) CHECK(taken[i].sameContent(whole.profiles[i]));
  }
  // Files that are empty, only a byte order mark or only white space still
  // get their own message.
  for (const std::string tiny : {"", "\xEF\xBB\xBF", " \r\n\t"}) {
    CsvProfileReader reader;
    for (char c : tiny) reader.feed(std::string_view(&c, 1));
    const auto result = reader.finish();
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems.front().message.find("is empty") == 0);
  }
  CsvProfileReader unclosed;
  unclosed.feed(kMinimalHeader + "\"A,retail,service,startup,5,one\n");
  CHECK(unclosed.finish().problems.front().message.find("bad CSV quoting") == 0);
}


TEST_CASE("CSV over the size limit is refused whole, in one piece or in many", "[csv]") {
  const std::string head = test::generatedCsv(2);
  const std::string block(1 << 20, '\n');
  CsvProfileReader reader;
  reader.feed(head);
  for (std::size_t fed = head.size(); fed <= kMaxCsvBytes; fed += block.size()) reader.feed(block);
  const auto pieces = reader.finish();
  REQUIRE(pieces.problems.size() == 1);
  CHECK(pieces.problems[0].message == "is larger than 64 MiB");
  CHECK(pieces.profiles.empty());

  std::string whole = head;
  whole.resize(kMaxCsvBytes + 1, '\n');
  const auto atOnce = readProfilesCsv(whole);
  REQUIRE(atOnce.problems.size() == 1);
  CHECK(atOnce.problems[0].message == "is larger than 64 MiB");
}
