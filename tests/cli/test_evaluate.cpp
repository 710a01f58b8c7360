// evaluate and report through the real binary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

#include <rapidjson/document.h>

#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;
namespace fs = std::filesystem;

namespace {
// Twelve generated profiles.
struct EvaluateDb : CliDatabase {
  EvaluateDb() {
    writeFile(dir / "in.csv", generatedCsv(12, 5));
    REQUIRE(run({"import-csv", (dir / "in.csv").string()}).exitCode == 0);
  }
  // `list --json`, parsed.
  rapidjson::Document listed() const {
    rapidjson::Document doc;
    doc.Parse(run({"list", "--json"}).out.c_str());
    REQUIRE(doc.IsArray());
    return doc;
  }
};

bool isOneOf(const rapidjson::Value& v, std::initializer_list<const char*> values) {
  if (!v.IsString()) return false;
  for (const char* s : values)
    if (std::string(v.GetString()) == s) return true;
  return false;
}
}  // namespace

TEST_CASE("evaluate --json follows the contract field by field") {
  EvaluateDb db;
  const auto result = db.run({"evaluate", "--json"});
  REQUIRE(result.exitCode == 0);
  rapidjson::Document doc;
  doc.Parse(result.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsArray());
  REQUIRE(doc.Size() == 12);
  const auto structures = {"cio_led", "cto_led", "cio_and_cto", "hybrid", "cio_and_product_ctos"};
  for (const auto& e : doc.GetArray()) {
    CHECK(e["id"].IsString());
    CHECK(e["name"].IsString());
    CHECK(isOneOf(e["recommendation"], structures));
    CHECK(isOneOf(e["runner_up"], structures));
    CHECK(e["recommendation"] != e["runner_up"]);
    REQUIRE(e["confidence"].IsString());
    const std::string confidence = e["confidence"].GetString();
    CHECK(isOneOf(e["confidence"], {"clear", "likely", "close_call"}));
    CHECK(confidence == (e["margin"].GetDouble() >= 10 ? "clear" : e["margin"].GetDouble() >= 4 ? "likely" : "close_call"));
    REQUIRE(e["uncertain_inputs"].IsArray());
    if (confidence != "close_call") CHECK(e["uncertain_inputs"].Empty());
    REQUIRE(e["fit"].IsObject());
    for (const char* role : {"cio", "cto", "hybrid"}) {
      REQUIRE(e["fit"].HasMember(role));
      CHECK(e["fit"][role].GetDouble() >= 0);
      CHECK(e["fit"][role].GetDouble() <= 100);
    }
    REQUIRE(e["needs"].IsObject());
    CHECK(e["needs"].MemberCount() == 8);
    for (const char* d : {"operations", "security", "budget_vendors", "information", "product", "architecture",
                          "innovation", "customer_tech"})
      CHECK(e["needs"][d].IsNumber());
    REQUIRE(e["reasons"].IsArray());
    for (const auto& r : e["reasons"].GetArray()) {
      CHECK(r["factor"].IsString());
      CHECK(r["rule"].IsString());
      CHECK(r["source"].IsString());
      CHECK(r["source"].GetStringLength() >= 3);
    }
    CHECK((e["what_if"].IsNull() || (e["what_if"].IsObject() && e["what_if"]["text"].IsString())));
    REQUIRE(e["responsibilities"].IsArray());
    CHECK(e["responsibilities"].Size() >= 20);
    for (const auto& r : e["responsibilities"].GetArray()) {
      CHECK(r["responsibility"].IsString());
      CHECK(isOneOf(r["owner"], {"cio", "cto", "shared"}));
      CHECK(r["covered"].IsBool());
    }
    REQUIRE(e["nearest_references"].IsArray());
    CHECK(e["nearest_references"].Size() == 3);
    bool anyReal = false;
    for (const auto& n : e["nearest_references"].GetArray()) {
      CHECK(isOneOf(n["structure"], structures));
      REQUIRE(isOneOf(n["kind"], {"archetype", "real"}));
      const bool real = std::string(n["kind"].GetString()) == "real";
      anyReal |= real;
      CHECK((real ? n["year"].IsInt() : n["year"].IsNull()));
      REQUIRE(n["source"].IsString());
      if (real) CHECK(std::string(n["source"].GetString()).starts_with("http"));
    }
    CHECK(anyReal);  // every result lists at least one real company
    const auto& difference = e["difference"];
    if (!difference.IsNull()) {
      REQUIRE(difference.IsObject());
      CHECK(isOneOf(difference["today"], {"none", "cio", "cto", "both", "hybrid"}));
      CHECK(difference["text"].IsString());
      CHECK(difference["source"].IsString());
      CHECK(difference["responsibilities"].IsArray());
    }
    CHECK(e["role_model_version"].IsString());
  }
}

TEST_CASE("evaluate --json of a damaged database prints nothing and names the check") {
  // The integrity check runs beside the evaluation here; nothing may be
  // printed before it has passed.
  TempDir dir;
  const auto db = dir / "r.db";
  writeFile(dir / "in.csv", generatedCsv(2000, 9));
  REQUIRE(runRolefit({"import-csv", (dir / "in.csv").string(), "--db", db.string()}).exitCode == 0);
  scribbleOverMiddlePage(db);
  const auto before = readFile(db);
  const auto result = runRolefit({"evaluate", "--json", "--db", db.string()});
  CHECK(result.exitCode == 1);
  CHECK(result.out.empty());
  const bool named = result.err.find("integrity check") != std::string::npos ||
                     result.err.find("damaged") != std::string::npos;
  CHECK(named);
  CHECK(readFile(db) == before);
}

TEST_CASE("evaluate names profiles by id or name and refuses unknown ones") {
  EvaluateDb db;
  const auto doc = db.listed();
  const std::string id = doc[0]["id"].GetString();
  const std::string name = doc[1]["name"].GetString();
  auto both = db.run({"evaluate", id, name, "--json"});
  REQUIRE(both.exitCode == 0);
  rapidjson::Document result;
  result.Parse(both.out.c_str());
  REQUIRE(result.Size() == 2);
  CHECK(std::string(result[0]["id"].GetString()) == id);
  CHECK(std::string(result[1]["name"].GetString()) == name);

  auto unknown = db.run({"evaluate", "Nobody Ltd"});
  CHECK(unknown.exitCode == 1);
  CHECK(unknown.err.find("Nobody Ltd") != std::string::npos);
  CHECK(unknown.out.empty());

  auto table = db.run({"evaluate"});
  CHECK(table.exitCode == 0);
  CHECK(table.out.find("RECOMMENDATION") != std::string::npos);
}

TEST_CASE("report writes md, html and csv, to stdout or a file") {
  EvaluateDb db;
  const std::string id = db.listed()[0]["id"].GetString();

  auto md = db.run({"report", id, "--format", "md"});
  CHECK(md.exitCode == 0);
  CHECK(md.out.rfind("# Technology leadership for", 0) == 0);
  // Key facts in words, not the contract's names: "Public sector" for public_sector.
  const auto listed = db.listed();
  std::string industry = listed[0]["industry"].GetString();
  const std::string contractName = industry;
  industry[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(industry[0])));
  std::replace(industry.begin(), industry.end(), '_', ' ');
  CHECK(md.out.find(industry + " · ") != std::string::npos);
  if (contractName != industry) CHECK(md.out.find(contractName + " · ") == std::string::npos);

  const auto file = db.dir / "board.html";
  auto html = db.run({"report", id, "--format", "html", "-o", file.string()});
  CHECK(html.exitCode == 0);
  CHECK(readFile(file).find("<svg") != std::string::npos);
  CHECK(readFile(file).find("<p class=\"confidence ") != std::string::npos);
  CHECK(md.out.find(" ahead of the runner-up") != std::string::npos);

  auto csv = db.run({"report", id, "--format", "csv"});
  CHECK(csv.exitCode == 0);
  CHECK(csv.out.rfind("section,item,value,detail,source", 0) == 0);
  CHECK(csv.out.find("\"recommendation\",\"confidence\",") != std::string::npos);

  CHECK(db.run({"report", id, "--format", "pdf"}).exitCode == 2);
  CHECK(db.run({"report", "--format", "md"}).exitCode == 2);
  auto missingFolder = db.run({"report", id, "--format", "md", "-o", (db.dir / "no" / "r.md").string()});
  CHECK(missingFolder.exitCode == 1);
  CHECK(missingFolder.err.find("r.md") != std::string::npos);
}

#ifndef _WIN32  // Debian's chromium, on the Linux side
TEST_CASE("the HTML report renders in a real browser") {
  if (run({"sh", "-c", "command -v chromium"}).exitCode != 0) {
    WARN("chromium is not installed; skipping the browser check");
    return;
  }
  EvaluateDb db;
  const auto html = db.dir / "r.html";
  REQUIRE(db.run({"report", db.listed()[0]["id"].GetString(), "--format", "html", "-o", html.string()}).exitCode == 0);
  const auto png = db.dir / "r.png";
  const auto result = run({"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--user-data-dir=" + (db.dir / "chromium").string(), "--window-size=1000,1400",
                           "--screenshot=" + png.string(), "file://" + html.string()});
  CAPTURE(result.err.substr(0, 2000));
  CHECK(fs::exists(png));
  CHECK(fs::file_size(png) > 20000);  // a page of text and a chart, not a blank
}
#endif
