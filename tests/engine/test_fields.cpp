#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile_json.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"

using namespace rolefit;

namespace {
Profile validProfile() {
  Profile p;
  p.name = "Acme";
  p.industry = Industry::retail;
  p.employees = 120;
  return p;
}

bool names(const std::vector<FieldProblem>& problems, const std::string& field) {
  for (const auto& p : problems)
    if (p.field == field) return true;
  return false;
}
}  // namespace

TEST_CASE("the field table covers the contract exactly once, in order") {
  const char* expected[] = {"name", "industry", "business_model", "stage", "employees", "revenue_musd",
                            "product_lines", "tech_revenue_pct", "regulatory_burden", "it_complexity",
                            "leadership_budget", "goal_efficiency", "goal_cost", "goal_innovation", "goal_growth",
                            "goal_customer", "goal_security", "goal_transformation", "goal_information",
                            "cap_infrastructure", "cap_security", "cap_information", "cap_enterprise_systems",
                            "cap_vendor", "cap_engineering", "cap_innovation", "cap_architecture", "leaders", "notes"};
  const auto fields = profileFields();
  REQUIRE(fields.size() == std::size(expected));
  for (std::size_t i = 0; i < fields.size(); ++i) {
    CHECK(fields[i].key == expected[i]);
    CHECK_FALSE(fields[i].help.empty());
  }
  CHECK(findField("industry")->choices.size() == 18);
  CHECK(findField("leaders")->choices.size() == 5);
  CHECK(findField("nope") == nullptr);
}

TEST_CASE("a default profile with a name is valid") { CHECK(validate(validProfile()).empty()); }

TEST_CASE("every out-of-range value is refused and names its field") {
  struct Case {
    const char* field;
    const char* text;
  };
  const Case cases[] = {{"employees", "0"},          {"revenue_musd", "-1"},      {"product_lines", "-1"},
                        {"tech_revenue_pct", "100.5"}, {"regulatory_burden", "0"}, {"it_complexity", "6"},
                        {"goal_efficiency", "6"},      {"goal_information", "-1"}, {"cap_infrastructure", "0"},
                        {"cap_architecture", "6"},     {"employees", "10000001"}};
  for (const auto& c : cases) {
    CAPTURE(c.field, c.text);
    Profile p = validProfile();
    REQUIRE_FALSE(setFieldText(p, *findField(c.field), c.text));
    const auto problems = validate(p);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == c.field);
    CHECK(problems[0].message.find("out of range") != std::string::npos);
  }
}

TEST_CASE("values of the wrong form are refused when parsed, never clamped") {
  Profile p = validProfile();
  CHECK(setFieldText(p, *findField("employees"), "12.5"));
  CHECK(setFieldText(p, *findField("employees"), "abc"));
  CHECK(setFieldText(p, *findField("tech_revenue_pct"), "nan"));
  CHECK(setFieldText(p, *findField("tech_revenue_pct"), "inf"));
  CHECK(setFieldText(p, *findField("tech_revenue_pct"), "1e999"));
  CHECK(setFieldText(p, *findField("industry"), "Banking"));
  CHECK(setFieldText(p, *findField("stage"), ""));
  CHECK(p.employees == 120);  // untouched by refused input
  CHECK_FALSE(setFieldText(p, *findField("revenue_musd"), ""));
  CHECK_FALSE(p.revenue_musd);
  CHECK_FALSE(setFieldText(p, *findField("industry"), " banking "));
  CHECK(p.industry == Industry::banking);
}

TEST_CASE("names: 1 to 200 characters of valid UTF-8 without control characters") {
  Profile p = validProfile();
  p.name = std::string(200, 'x');
  CHECK(validate(p).empty());
  p.name = std::string(201, 'x');
  CHECK(names(validate(p), "name"));
  p.name = "";
  CHECK(names(validate(p), "name"));
  p.name = "   ";
  CHECK(names(validate(p), "name"));
  p.name = "Caf\xC3\xA9 M\xC3\xBCller";  // 200 counts characters, not bytes
  CHECK(validate(p).empty());
  p.name = "bad \xC3";
  CHECK(names(validate(p), "name"));
  p.name = "two\nlines";
  CHECK(names(validate(p), "name"));
  p.notes = "notes may\nhave lines";
  p.name = "ok";
  CHECK(validate(p).empty());
}

TEST_CASE("an enum value from a corrupt source is refused by name") {
  Profile p = validProfile();
  p.leaders = static_cast<Leaders>(99);
  const auto problems = validate(p);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].field == "leaders");
}

TEST_CASE("NaN and infinity in numbers are refused") {
  Profile p = validProfile();
  p.tech_revenue_pct = std::numeric_limits<double>::quiet_NaN();
  p.revenue_musd = std::numeric_limits<double>::infinity();
  const auto problems = validate(p);
  CHECK(names(problems, "tech_revenue_pct"));
  CHECK(names(problems, "revenue_musd"));
}

TEST_CASE("UTF-8 checking rejects overlongs, surrogates and truncation") {
  CHECK(isValidUtf8("plain"));
  CHECK(isValidUtf8("\xE2\x82\xAC"));       // euro sign
  CHECK(isValidUtf8("\xF0\x9F\x98\x80"));   // emoji
  CHECK_FALSE(isValidUtf8("\xC0\xAF"));     // overlong '/'
  CHECK_FALSE(isValidUtf8("\xED\xA0\x80")); // surrogate
  CHECK_FALSE(isValidUtf8("\xE2\x82"));     // truncated
  CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK(utf8Length("\xE2\x82\xAC" "a") == 2);
}

TEST_CASE("messages quote hostile text on one line") {
  CHECK(quoteForMessage("a\nb") == "\"a\\x0ab\"");
  CHECK(quoteForMessage(std::string(100, 'z')).size() < 50);
}

TEST_CASE("profile JSON round-trips every field") {
  Profile p = validProfile();
  for (const auto& f : profileFields())
    if (f.kind == FieldKind::Integer) setFieldNumber(p, f, f.max);
  p.revenue_musd = 12.25;
  p.tech_revenue_pct = 33.3;
  p.notes = "multi\nline \"quoted\"";
  p.business_model = BusinessModel::platform;
  const auto json = profileToJson(p, Bookkeeping::Without);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  Profile back;
  std::vector<FieldProblem> problems;
  readProfileFields(doc, back, problems);
  CHECK(problems.empty());
  CHECK(back.sameContent(p));
}

TEST_CASE("profile JSON of the wrong type is refused by field") {
  rapidjson::Document doc;
  doc.Parse(R"({"name": 5, "industry": "banking", "employees": "many", "tech_revenue_pct": true})");
  Profile p;
  std::vector<FieldProblem> problems;
  std::vector<std::string> unknown;
  readProfileFields(doc, p, problems, &unknown);
  CHECK(names(problems, "name"));
  CHECK(names(problems, "employees"));
  CHECK(names(problems, "tech_revenue_pct"));
  CHECK(names(problems, "stage"));  // missing
  CHECK_FALSE(names(problems, "notes"));  // optional
}

TEST_CASE("text is shortened at character boundaries, never inside one") {
  CHECK(firstCharacters("Zürich AG", 2) == "Zü");
  CHECK(firstCharacters("Zürich AG", 3) == "Zür");
  CHECK(firstCharacters("日本語", 2) == "日本");
  CHECK(firstCharacters("short", 10) == "short");
  CHECK(firstCharacters("abc", 0).empty());
  const std::string name(190, 'a');
  CHECK(isValidUtf8(firstCharacters(name + "ü€𝄞", 192)));
  CHECK(utf8Length(firstCharacters(name + "ü€𝄞", 192)) == 192);
}

TEST_CASE("every choice has a label for people, in the contract's order, files keep the contract's names") {
  for (const auto& f : profileFields()) {
    const auto labels = choiceLabels(f);
    if (f.kind != FieldKind::Choice) {
      CHECK(labels.empty());
      continue;
    }
    REQUIRE(labels.size() == f.choices.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      CHECK_FALSE(labels[i].empty());
      CHECK(choiceLabel(f, f.choices[i]) == labels[i]);
      for (std::size_t j = 0; j < i; ++j) CHECK(labels[i] != labels[j]);
    }
    CHECK(choiceLabel(f, "not a choice") == "not a choice");
  }
  Profile p = validProfile();
  p.industry = Industry::public_sector;
  p.stage = Stage::scaleup;
  CHECK(label(p.industry) == "Public sector");
  CHECK(label(p.stage) == "Scale-up");
  CHECK(displayText(p, *findField("industry")) == "Public sector");
  CHECK(fieldText(p, *findField("industry")) == "public_sector");
  CHECK(displayText(p, *findField("employees")) == "120");
}

TEST_CASE("whole numbers for people are grouped by thousands") {
  CHECK(groupedThousands(0) == "0");
  CHECK(groupedThousands(999) == "999");
  CHECK(groupedThousands(1000) == "1,000");
  CHECK(groupedThousands(28000) == "28,000");
  CHECK(groupedThousands(1234567) == "1,234,567");
  CHECK(groupedThousands(-1234) == "-1,234");
  CHECK(groupedThousands(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
}

TEST_CASE("new ids are distinct version 4 UUIDs in lower case") {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = newUuid();
    REQUIRE(isUuid(id));
    CHECK(id.find_first_of("ABCDEF") == std::string::npos);
    CHECK(id[14] == '4');                                        // version
    CHECK(std::string_view("89ab").find(id[19]) != std::string::npos);  // RFC 4122 variant
    seen.insert(id);
  }
  CHECK(seen.size() == 2000);
  // Every hex digit position varies: a digit written to the wrong place would
  // leave one fixed (or a dash) across all ids.
  for (std::size_t at = 0; at < 36; ++at) {
    if (at == 8 || at == 13 || at == 18 || at == 23 || at == 14) continue;
    std::set<char> digits;
    for (const auto& id : seen) digits.insert(id[at]);
    CHECK(digits.size() > (at == 19 ? 3u : 12u));
  }
}

