#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "rolefit/assets.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/report/report.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/scoring/evaluation_json.hpp"
#include "scoring/scoring_detail.hpp"

using namespace rolefit;

namespace {

const RoleModelSet& set() { return builtinRoleModels(); }

// A middling company: every input away from the values that trigger rules.
Profile baseline() {
  Profile p;
  p.name = "Baseline";
  p.industry = Industry::other;
  p.business_model = BusinessModel::mixed;
  p.stage = Stage::established;
  p.employees = 500;
  p.product_lines = 1;
  p.tech_revenue_pct = 30;
  p.leadership_budget = LeadershipBudget::two;
  p.goals = {2, 2, 2, 2, 2, 2, 2, 2};
  return p;
}

double need(const Profile& p, Dimension d) { return score(p, set()).needs[static_cast<std::size_t>(d)]; }
double structureScore(const Profile& p, Structure s) { return score(p, set()).structure[static_cast<std::size_t>(s)]; }

bool applied(const Profile& p, std::string_view rule, Dimension d) {
  std::vector<Contribution> contributions;
  score(p, set(), &contributions);
  for (const auto& c : contributions)
    if (c.rule == rule && c.dimension == d && c.points > 0) return true;
  return false;
}

Profile randomProfile(std::mt19937& random) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  Profile p;
  p.name = "Generated";
  p.industry = static_cast<Industry>(pick(0, 17));
  p.business_model = static_cast<BusinessModel>(pick(0, 3));
  p.stage = static_cast<Stage>(pick(0, 3));
  p.employees = static_cast<std::int64_t>(std::pow(10.0, pick(0, 60) / 10.0));
  p.product_lines = pick(0, 9);
  p.tech_revenue_pct = pick(0, 100);
  p.regulatory_burden = pick(1, 5);
  p.it_complexity = pick(1, 5);
  p.leadership_budget = static_cast<LeadershipBudget>(pick(0, 2));
  for (auto& g : p.goals) g = pick(0, 5);
  for (auto& c : p.capabilities) c = pick(1, 5);
  p.leaders = static_cast<Leaders>(pick(0, 4));
  REQUIRE(validate(p).empty());
  return p;
}

std::string json(const Profile& p) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writeEvaluationJson(writer, p, evaluate(p, set()), set());
  return buffer.GetString();
}

}  // namespace

TEST_CASE("each needs rule shows its effect in isolation") {
  struct Case {
    const char* field;
    const char* from;
    const char* to;
    const char* rule;
    Dimension dimension;
  };
  const Case cases[] = {
      {"goal_efficiency", "0", "5", "goal_efficiency", Dimension::operations},
      {"goal_transformation", "0", "5", "goal_transformation", Dimension::operations},
      {"goal_cost", "0", "5", "goal_cost", Dimension::budget_vendors},
      {"goal_security", "0", "5", "goal_security", Dimension::security},
      {"goal_information", "0", "5", "goal_information", Dimension::information},
      {"goal_innovation", "0", "5", "goal_innovation", Dimension::innovation},
      {"goal_growth", "0", "5", "goal_growth", Dimension::innovation},
      {"goal_customer", "0", "5", "goal_customer", Dimension::customer_tech},
      {"regulatory_burden", "1", "5", "regulation", Dimension::security},
      {"it_complexity", "1", "5", "it_complexity", Dimension::operations},
      {"business_model", "product", "service", "service_model", Dimension::operations},
      {"business_model", "service", "product", "product_model", Dimension::product},
      {"industry", "other", "banking", "operations_industry", Dimension::operations},
      {"industry", "other", "insurance", "regulated_industry", Dimension::security},
      {"industry", "other", "software", "tech_industry", Dimension::product},
      {"tech_revenue_pct", "0", "90", "tech_revenue", Dimension::product},
      {"product_lines", "0", "4", "product_lines", Dimension::architecture},
      {"cap_infrastructure", "5", "1", "gap_inward", Dimension::operations},
      {"cap_security", "5", "1", "gap_inward", Dimension::security},
      {"cap_information", "5", "1", "gap_inward", Dimension::information},
      {"cap_engineering", "5", "1", "gap_outward", Dimension::product},
      {"cap_innovation", "5", "1", "gap_outward", Dimension::innovation},
      {"cap_architecture", "5", "1", "gap_outward", Dimension::architecture},
      {"employees", "10", "50000", "organisation_size", Dimension::budget_vendors},
  };
  for (const auto& c : cases) {
    CAPTURE(c.field, c.rule);
    const FieldInfo& field = *findField(c.field);
    Profile before = baseline();
    REQUIRE_FALSE(setFieldText(before, field, c.from));
    Profile after = before;
    REQUIRE_FALSE(setFieldText(after, field, c.to));
    CHECK(need(after, c.dimension) > need(before, c.dimension));
    CHECK(applied(after, c.rule, c.dimension));
    // Only this input changed: every other dimension the rule does not touch stays put.
    CHECK(set().rule(c.rule).sources.size() >= 1);
  }
}

TEST_CASE("structure rules show their effect in isolation") {
  SECTION("budget_one: a budget for one executive never gets two") {
    Profile p = baseline();
    p.stage = Stage::enterprise;
    p.employees = 20000;
    p.goals = {5, 5, 5, 5, 5, 5, 5, 5};
    p.tech_revenue_pct = 60;
    REQUIRE(score(p, set()).recommendation == Structure::cio_and_cto);
    p.leadership_budget = LeadershipBudget::one;
    const auto s = score(p, set());
    CHECK_FALSE(s.eligible[static_cast<std::size_t>(Structure::cio_and_cto)]);
    CHECK(s.recommendation != Structure::cio_and_cto);
    const auto e = evaluate(p, set());
    CHECK(std::any_of(e.reasons.begin(), e.reasons.end(), [](const Reason& r) { return r.ruleId == "budget_one"; }));
  }
  SECTION("small_company_hybrid: startups raise the hybrid's fit") {
    Profile p = baseline();
    p.stage = Stage::established;
    const double established = score(p, set()).fit[2];
    p.stage = Stage::startup;
    CHECK(score(p, set()).fit[2] > established);
  }
  SECTION("specialist_needs: the further apart the CIO and CTO fits, the lower the hybrid's") {
    Profile p = baseline();
    const auto gapAndHybrid = [&](const Profile& q) {
      const Scores s = score(q, set());
      return std::pair{std::fabs(s.fit[0] - s.fit[1]), s.fit[2]};
    };
    const auto [gapBefore, hybridBefore] = gapAndHybrid(p);
    p.business_model = BusinessModel::service;
    p.regulatory_burden = 5;
    p.goals[static_cast<std::size_t>(Goal::efficiency)] = 5;
    const auto [gapAfter, hybridAfter] = gapAndHybrid(p);
    REQUIRE(gapAfter > gapBefore);
    CHECK(hybridAfter < hybridBefore);
    const Evaluation e = evaluate(p, set());
    CHECK(e.scores.recommendation == Structure::cio_led);
  }
  SECTION("hybrid_workload: beyond a thousand people the hybrid loses ten points") {
    Profile p = baseline();
    p.employees = 1000;
    const double small = structureScore(p, Structure::hybrid);
    p.employees = 1001;
    CHECK(structureScore(p, Structure::hybrid) == Approx(small - 10).margin(0.05));
  }
  SECTION("both_roles: the larger the company, the stronger the case for both") {
    Profile p = baseline();
    p.stage = Stage::startup;
    const double startup = structureScore(p, Structure::cio_and_cto);
    p.stage = Stage::enterprise;
    CHECK(structureScore(p, Structure::cio_and_cto) > startup);
  }
  SECTION("cto_per_product_line: several product lines and room in the budget") {
    Profile p = baseline();
    p.product_lines = 4;
    p.leadership_budget = LeadershipBudget::two;
    CHECK_FALSE(score(p, set()).eligible[static_cast<std::size_t>(Structure::cio_and_product_ctos)]);
    p.leadership_budget = LeadershipBudget::more;
    CHECK(score(p, set()).eligible[static_cast<std::size_t>(Structure::cio_and_product_ctos)]);
    const double four = structureScore(p, Structure::cio_and_product_ctos);
    p.product_lines = 1;
    CHECK_FALSE(score(p, set()).eligible[static_cast<std::size_t>(Structure::cio_and_product_ctos)]);
    p.product_lines = 2;
    CHECK(structureScore(p, Structure::cio_and_product_ctos) < four);
  }
}

TEST_CASE("properties hold over many generated profiles") {
  std::mt19937 random(20261123);
  for (int i = 0; i < 1500; ++i) {
    const Profile p = randomProfile(random);
    CAPTURE(i, json(p).substr(0, 300));
    const Scores s = score(p, set());

    Profile moreTech = p;
    moreTech.tech_revenue_pct = std::min(100.0, p.tech_revenue_pct + 1 + (i % 30));
    CHECK(score(moreTech, set()).fit[1] >= s.fit[1] - 1e-9);

    Profile moreEfficiency = p;
    moreEfficiency.goals[static_cast<std::size_t>(Goal::efficiency)] = 5;
    CHECK(score(moreEfficiency, set()).fit[0] >= s.fit[0] - 1e-9);
    Profile moreCompliance = p;
    moreCompliance.goals[static_cast<std::size_t>(Goal::security)] = 5;
    moreCompliance.regulatory_burden = 5;
    CHECK(score(moreCompliance, set()).fit[0] >= s.fit[0] - 1e-9);

    if (p.leadership_budget == LeadershipBudget::one) {
      CHECK(s.recommendation != Structure::cio_and_cto);
      CHECK(s.recommendation != Structure::cio_and_product_ctos);
    }

    const Evaluation e = evaluate(p, set());
    for (const auto& r : e.reasons) {
      CHECK_FALSE(r.source.empty());
      CHECK_FALSE(set().sourceTitle(r.source.substr(0, 3)).empty());
      CHECK(r.weight > 0);
    }
    for (double f : s.fit) CHECK((f >= 0 && f <= 100));
    for (double n : s.needs) CHECK((n >= 0 && n <= 100));
    CHECK(e.responsibilities.size() == set().responsibilities.size());
    if (e.whatIf) {
      Profile changed = p;
      REQUIRE_FALSE(setFieldText(changed, *findField(e.whatIf->field), e.whatIf->to));
      CHECK(score(changed, set()).recommendation == e.whatIf->result);
      CHECK(e.whatIf->result != s.recommendation);
    }
    if (i % 10 == 0) CHECK(json(p) == json(p));  // identical across runs
  }
}

TEST_CASE("the what-if's bound never clears a value that would change the advice") {
  // The what-if search skips a monotone field's values (a rating, revenue
  // from technology, head count, product lines) when a bound says none of
  // them can change the advice; every value it would skip, and the values
  // between them, are scored here.
  using scoring_detail::OneChangeScorer;
  using scoring_detail::StructureInputs;
  std::mt19937 random(20261202);
  std::map<std::string, std::pair<int, int>> clearedKept;
  for (int i = 0; i < 600; ++i) {
    const Profile p = randomProfile(random);
    CAPTURE(i, json(p).substr(0, 300));
    const Structure current = score(p, set()).recommendation;
    OneChangeScorer scorer(p, set());
    for (const FieldInfo& f : profileFields()) {
      // Each field's values, ascending: what the search tries and more.
      std::vector<double> values;
      if (isJudgement(f)) {
        for (double v = f.min; v <= f.max; v += 1) values.push_back(v);
      } else if (f.key == "tech_revenue_pct") {
        for (double v = 0; v <= 100; v += 1) values.push_back(v);
      } else if (f.key == "product_lines") {
        for (double v = 0; v <= 14; v += 1) values.push_back(v);
      } else if (f.key == "employees") {
        for (double v = 1; v <= 1e7; v *= 1.25) values.push_back(std::round(v));
        values.insert(values.end(), {999, 1000, 1001});
        std::sort(values.begin(), values.end());
      } else {
        continue;
      }
      const double now = fieldNumber(p, f);
      // The whole range, and each side of the profile's value.
      for (const auto& [from, to] : {std::pair{values.front(), values.back()}, std::pair{values.front(), now},
                                     std::pair{now, values.back()}}) {
        const DimensionValues a = scorer.needsWith(f, from), b = scorer.needsWith(f, to);
        DimensionValues low{}, high{};
        for (std::size_t d = 0; d < kDimensionCount; ++d) {
          low[d] = std::min(a[d], b[d]);
          high[d] = std::max(a[d], b[d]);
        }
        StructureInputs inputs = StructureInputs::of(p);
        const double lo = std::min(from, to), hi = std::max(from, to);
        if (f.key == "tech_revenue_pct") inputs.techRevenueLow = lo, inputs.techRevenueHigh = hi;
        if (f.key == "employees") inputs.employeesLow = std::llround(lo), inputs.employeesHigh = std::llround(hi);
        if (f.key == "product_lines") inputs.productLinesLow = std::llround(lo), inputs.productLinesHigh = std::llround(hi);
        auto& [cleared, kept] = clearedKept[std::string(f.key)];
        if (scoring_detail::mayChangeRecommendation(low, high, p, set(), current, inputs)) {
          ++kept;
          continue;
        }
        ++cleared;
        for (const double v : values) {
          if (v < lo || v > hi) continue;
          Profile changed = p;
          setFieldNumber(changed, f, v);
          CAPTURE(f.key, v);
          CHECK(score(changed, set()).recommendation == current);
        }
      }
    }
  }
  // Both answers occur for every kind of field: the bound does clear values,
  // and is not blind.
  for (const char* key : {"goal_growth", "cap_security", "regulatory_burden", "tech_revenue_pct", "employees",
                          "product_lines"}) {
    CAPTURE(key);
    CHECK(clearedKept[key].first > 50);
    CHECK(clearedKept[key].second > 10);
  }
}

TEST_CASE("the what-if's bounds change nothing: every profile's what-if is the one scoring each candidate finds") {
  std::mt19937 random(20261203);
  int found = 0;
  for (int i = 0; i < 3000; ++i) {
    const Profile p = randomProfile(random);
    CAPTURE(i, json(p).substr(0, 300));
    const auto bounded = scoring_detail::whatIfOf(p, set(), true);
    const auto scored = scoring_detail::whatIfOf(p, set(), false);
    REQUIRE(bounded.has_value() == scored.has_value());
    if (!bounded) continue;
    ++found;
    CHECK(bounded->field == scored->field);
    CHECK(bounded->to == scored->to);
    CHECK(bounded->result == scored->result);
  }
  CHECK(found > 2500);
}

TEST_CASE("responsibilities follow the structure and today's leaders") {
  Profile p = baseline();
  p.leaders = Leaders::cio;
  p.stage = Stage::enterprise;
  p.employees = 20000;
  p.goals = {5, 5, 5, 5, 5, 5, 5, 5};
  p.tech_revenue_pct = 60;
  const Evaluation e = evaluate(p, set());
  REQUIRE(e.scores.recommendation == Structure::cio_and_cto);
  CHECK_FALSE(e.tension.empty());
  for (const auto& r : e.responsibilities) {
    CAPTURE(r.item->id);
    if (r.owner == Owner::cto) CHECK_FALSE(r.covered);  // no CTO today
    if (r.owner == Owner::cio) CHECK(r.covered);
  }
  p.leaders = Leaders::both;
  for (const auto& r : evaluate(p, set()).responsibilities) CHECK(r.covered);
  p.leaders = Leaders::none;
  for (const auto& r : evaluate(p, set()).responsibilities) CHECK_FALSE(r.covered);
}

TEST_CASE("the built-in role models cite every seed article and cover the spec's responsibilities") {
  const auto& s = set();
  CHECK(s.sources.size() == 5);
  CHECK(s.roleModels.size() == 3);
  CHECK(s.cio().focus == "inward");
  CHECK(s.cto().focus == "outward");
  CHECK(s.responsibilities.size() >= 20);
  for (auto id : engineRuleIds()) CHECK_NOTHROW(s.rule(id));
  CHECK_FALSE(s.version.empty());
}

TEST_CASE("a bad role-model file is refused with the item named") {
  const std::string good(assets::rolemodels);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK_THROWS_WITH(loadRoleModels("{"), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(loadRoleModels("[]"), Catch::Contains("not a JSON object"));
  CHECK_THROWS_WITH(loadRoleModels(replaced("\"id\": \"goal_cost\"", "\"id\": \"goal_costs\"")),
                    Catch::Contains("goal_cost"));
  CHECK_THROWS_WITH(loadRoleModels(replaced("\"sources\": [\"000\", \"004\"]}", "\"sources\": [\"999\"]}")),
                    Catch::Contains("unknown source \"999\""));
  CHECK_THROWS_WITH(loadRoleModels(replaced("\"operations\": 1.0", "\"operations\": 1.5")),
                    Catch::Contains("role model cio"));
  CHECK_THROWS_WITH(loadRoleModels(replaced("\"employees\": 5000", "\"employees\": 0")),
                    Catch::Contains("reference retail_bank"));
  CHECK_THROWS_WITH(loadRoleModels(replaced("\"structure\": \"cio_led\"", "\"structure\": \"ceo_led\"")),
                    Catch::Contains("unknown structure"));
}

TEST_CASE("reports carry the recommendation, reasons, what-if, responsibilities, version and sources") {
  Profile p = baseline();
  p.name = "Acme <script>alert(1)</script> | Co";
  p.id = "0d6f3c1e-5b7a-4c61-9d2e-1f0a2b3c4d5e";
  const Evaluation e = evaluate(p, set());
  const std::string md = renderReport(p, e, set(), ReportFormat::Markdown, "2026-11-23T10:00:00Z");
  CHECK(md.find(std::string(describe(e.scores.recommendation))) != std::string::npos);
  CHECK(md.find("## Why") != std::string::npos);
  CHECK(md.find(e.reasons.at(0).rule) != std::string::npos);
  CHECK(md.find("## Responsibilities") != std::string::npos);
  CHECK(md.find("Role models " + set().version) != std::string::npos);
  CHECK(md.find("000: CIO vs CTO") != std::string::npos);
  CHECK(md.find("Acme \\<script\\>alert(1)\\</script\\> \\| Co") != std::string::npos);

  const std::string html = renderReport(p, e, set(), ReportFormat::Html, "2026-11-23T10:00:00Z");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);  // user text escaped
  CHECK(html.find("Acme &lt;script&gt;") != std::string::npos);
  CHECK(html.find("src=") == std::string::npos);  // self-contained: nothing fetched
  CHECK(html.find("@media print") != std::string::npos);

  const std::string csv = renderReport(p, e, set(), ReportFormat::Csv, "2026-11-23T10:00:00Z");
  CHECK(csv.rfind("section,item,value,detail,source\r\n", 0) == 0);
  CHECK(csv.find("\"responsibility\",\"it_strategy\"") != std::string::npos);

  Profile formula = p;
  formula.name = "=HYPERLINK(\"x\")";
  CHECK(renderReport(formula, e, set(), ReportFormat::Csv, "t").find("\"'=HYPERLINK") != std::string::npos);
}

TEST_CASE("the ready-made JSON parts give byte-identical evaluations") {
  const EvaluationJsonParts parts(set());
  std::mt19937 random(99);
  for (int i = 0; i < 300; ++i) {
    Profile p = randomProfile(random);
    // Names with something to escape, and beyond ASCII, go the stock way.
    if (i % 3 == 1) p.name = "Caf\xC3\xA9 \"Quoted\" \\ Co";
    if (i % 3 == 2) p.name = "Tab\there, line\nbreak \x01";
    const Evaluation e = evaluate(p, set());
    rapidjson::StringBuffer plain, fast;
    rapidjson::Writer<rapidjson::StringBuffer> plainWriter(plain);
    CompactJsonWriter<rapidjson::StringBuffer> fastWriter(fast);
    writeEvaluationJson(plainWriter, p, e, set());
    writeEvaluationJson(fastWriter, p, e, set(), &parts);
    REQUIRE(std::string(plain.GetString()) == std::string(fast.GetString()));
  }
}

TEST_CASE("the compact writer writes every string and key as RapidJSON's own writer does") {
  // Every byte value at every place of strings up to 19 bytes long: the
  // eight-byte check and the byte-at-a-time tail both see each one.
  for (std::size_t length = 1; length < 20; ++length)
    for (std::size_t at = 0; at < length; ++at)
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(byte);
        rapidjson::StringBuffer plain, fast;
        rapidjson::Writer<rapidjson::StringBuffer> plainWriter(plain);
        CompactJsonWriter<rapidjson::StringBuffer> fastWriter(fast);
        plainWriter.StartObject();
        fastWriter.StartObject();
        const auto size = static_cast<rapidjson::SizeType>(text.size());
        plainWriter.Key(text.data(), size);
        fastWriter.Key(text.data(), size);
        plainWriter.String(text.data(), size);
        fastWriter.String(text.data(), size);
        plainWriter.EndObject();
        fastWriter.EndObject();
        CAPTURE(length, at, byte);
        REQUIRE(std::string(plain.GetString(), plain.GetSize()) == std::string(fast.GetString(), fast.GetSize()));
      }
}

TEST_CASE("a score is written to one decimal: the nearest tenth, halves away from zero") {
  // The tenths written, read back from the text ("-12.3" is -123).
  const auto writtenTenths = [](double v) {
    rapidjson::StringBuffer out;
    CompactJsonWriter<rapidjson::StringBuffer> w(out);
    writeScore(w, v);
    std::string text(out.GetString(), out.GetSize());
    REQUIRE(text.size() >= 3);
    REQUIRE(text[text.size() - 2] == '.');
    text.erase(text.size() - 2, 1);
    return static_cast<double>(std::stoll(text));
  };
  // Checked by what rounding means, not against a library's llround: the
  // C runtime under Windows rounds 0.49999999999999994 up.
  std::vector<double> values{0.0, -0.0, 0.05, -0.05, 0.04999999999999999, 0.15, -0.15, 2.25, -2.25, 12.75,
                             99.95, 100.0, -100.0, 1e15, -1e15, 4.5e15, 1e17, std::nextafter(0.05, 1.0),
                             std::nextafter(0.05, 0.0), 4.4e14, 4.4e14 + 0.05, -4.4e14 - 0.05, 4.5035996e14};
  std::mt19937 random(5);
  std::uniform_real_distribution<double> any(-150.0, 150.0);
  for (int i = 0; i < 20000; ++i) values.push_back(any(random));
  for (int tenth = -2000; tenth <= 2000; ++tenth) values.push_back(tenth / 20.0);  // every half-tenth
  for (const double v : values) {
    const double scaled = v * 10.0, tenths = writtenTenths(v);
    CAPTURE(v, scaled, tenths);
    const double off = std::fabs(scaled - tenths);  // exact: both are near each other
    CHECK(off <= 0.5);
    if (off == 0.5) CHECK(std::fabs(tenths) > std::fabs(scaled));  // a half goes away from zero
  }
}

TEST_CASE("the compact writer nests, separates and writes literals as RapidJSON's own writer does") {
  const auto both = [](auto&& write) {
    rapidjson::StringBuffer plain, fast;
    rapidjson::Writer<rapidjson::StringBuffer> plainWriter(plain);
    CompactJsonWriter<rapidjson::StringBuffer> fastWriter(fast);
    write(plainWriter);
    write(fastWriter);
    return std::pair{std::string(plain.GetString(), plain.GetSize()), std::string(fast.GetString(), fast.GetSize())};
  };
  const auto [plain, fast] = both([](auto& w) {
    w.StartObject();
    w.Key("empty object");
    w.StartObject();
    w.EndObject();
    w.Key("empty array");
    w.StartArray();
    w.EndArray();
    w.Key("values");
    w.StartArray();
    w.Null();
    w.Bool(true);
    w.Bool(false);
    for (const int i : {0, 7, -1, 42, -2147483647 - 1, 2147483647}) w.Int(i);
    w.StartArray();
    w.StartObject();
    w.Key("deep");
    w.StartArray();
    w.String("x", 1);
    w.String("", 0);
    w.EndArray();
    w.EndObject();
    w.StartObject();
    w.EndObject();
    w.EndArray();
    w.String("last", 4);
    w.EndArray();
    w.Key("after");
    w.Null();
    w.EndObject();
  });
  CHECK(plain == fast);
  CHECK(fast.find("[null,true,false,0,7,-1,42,-2147483648,2147483647,[{\"deep\":[\"x\",\"\"]},{}],\"last\"]") !=
        std::string::npos);

  // An empty view may point nowhere: written as "" all the same.
  const auto [plainEmpty, fastEmpty] = both([](auto& w) {
    w.StartArray();
    const std::string_view nothing;
    w.String(nothing.data(), 0);
    w.EndArray();
  });
  CHECK(plainEmpty == fastEmpty);
  CHECK(fastEmpty == "[\"\"]");

  // A reset starts a new top-level value with no separator, as the pipeline
  // joins evaluations with its own commas.
  rapidjson::StringBuffer out;
  CompactJsonWriter<rapidjson::StringBuffer> w(out);
  w.StartArray();
  w.EndArray();
  out.Put(',');
  w.Reset(out);
  w.StartObject();
  w.Key("a");
  w.Int(1);
  w.EndObject();
  CHECK(std::string(out.GetString(), out.GetSize()) == "[],{\"a\":1}");
}

TEST_CASE("confidence follows the margin, and a close call names the ratings that would flip it") {
  CHECK(confidenceFor(0) == Confidence::close_call);
  CHECK(confidenceFor(kLikelyMargin - 0.01) == Confidence::close_call);
  CHECK(confidenceFor(kLikelyMargin) == Confidence::likely);
  CHECK(confidenceFor(kClearMargin - 0.01) == Confidence::likely);
  CHECK(confidenceFor(kClearMargin) == Confidence::clear);
  // Never less sure for a larger margin.
  for (double m = 0; m < 40; m += 0.25) CHECK(confidenceFor(m + 0.25) <= confidenceFor(m));

  std::mt19937 random(20261202);
  int closeCalls = 0, named = 0, clear = 0;
  for (int i = 0; i < 1500; ++i) {
    const Profile p = randomProfile(random);
    const Evaluation e = evaluate(p, set());
    CAPTURE(i, e.margin);
    CHECK(e.confidence == confidenceFor(e.margin));
    CHECK_FALSE(confidenceText(e).empty());
    if (e.confidence != Confidence::close_call) {
      CHECK(e.uncertainInputs.empty());
      clear += e.confidence == Confidence::clear;
      continue;
    }
    ++closeCalls;
    named += !e.uncertainInputs.empty();
    // Each named rating, one step up or down, changes the advice...
    for (const auto& key : e.uncertainInputs) {
      const FieldInfo& f = *findField(key);
      CHECK((f.group == FieldGroup::Goals || f.group == FieldGroup::Capabilities || key == "regulatory_burden" ||
             key == "it_complexity"));
      bool flips = false;
      for (const double step : {-1.0, 1.0}) {
        const double v = fieldNumber(p, f) + step;
        if (v < f.min || v > f.max) continue;
        Profile changed = p;
        setFieldNumber(changed, f, v);
        flips = flips || score(changed, set()).recommendation != e.scores.recommendation;
      }
      CHECK(flips);
      CHECK_THAT(confidenceText(e), Catch::Contains(std::string(f.label)));
    }
  }
  // The generated companies include all three kinds, and close calls that name what to be sure of.
  CHECK(closeCalls > 20);
  CHECK(named > 10);
  CHECK(clear > 20);
  const std::string out = json(randomProfile(random));
  CHECK_THAT(out, Catch::Matches(R"re(.*"confidence":"(clear|likely|close_call)","uncertain_inputs":\[.*)re"));
}

namespace {

// A large company whose few technology product lines bring `techPct` of its
// revenue, with a budget for more than two executives.
Profile largeWithProductLines(double techPct, std::int64_t lines) {
  Profile p = baseline();
  p.industry = Industry::healthcare;
  p.business_model = BusinessModel::service;
  p.stage = Stage::enterprise;
  p.employees = 40000;
  p.product_lines = lines;
  p.tech_revenue_pct = techPct;
  p.leadership_budget = LeadershipBudget::more;
  p.regulatory_burden = 4;
  p.it_complexity = 5;
  p.goals = {5, 4, 3, 3, 3, 4, 3, 4};
  p.capabilities = {3, 3, 3, 3, 3, 3, 3, 3};
  return p;
}

double effectOf(const Profile& p, std::string_view rule) {
  std::vector<StructureEffect> effects;
  score(p, set(), nullptr, &effects);
  double points = 0;
  for (const auto& e : effects)
    if (e.rule == rule) points += e.points;
  return points;
}

}  // namespace

TEST_CASE("a CTO per product line grows with the revenue those lines bring, not with their count alone (004)") {
  // Three product lines bringing 2% of revenue: a sliver, no CTO each.
  const Profile sliver = largeWithProductLines(2, 3);
  CHECK(effectOf(sliver, "cto_per_product_line") < 0.5);
  CHECK(score(sliver, set()).recommendation != Structure::cio_and_product_ctos);
  // The same lines as the business itself (Cisco): the full 4 points a line beyond the first.
  CHECK(effectOf(largeWithProductLines(80, 3), "cto_per_product_line") == Approx(8.0));
  double previous = -1;
  for (double pct = 0; pct <= 100; pct += 5) {
    const double points = effectOf(largeWithProductLines(pct, 4), "cto_per_product_line");
    CHECK(points >= previous);
    previous = points;
  }
}

TEST_CASE("the case for a CIO and a CTO rests on technology sold to customers, not on size alone (003, 004)") {
  // A large manufacturer with 9% of revenue from technology: the pair's size
  // bonus is cut, and the CIO leads.
  Profile manufacturer = largeWithProductLines(9, 1);
  manufacturer.industry = Industry::manufacturing;
  manufacturer.business_model = BusinessModel::product;
  const Scores s = score(manufacturer, set());
  CHECK(effectOf(manufacturer, "both_roles_outward") < 0);
  CHECK(s.recommendation == Structure::cio_led);
  // With nothing sold as technology the bonus is gone; from a fifth of revenue it is whole.
  Profile none = manufacturer;
  none.tech_revenue_pct = 0;
  CHECK(effectOf(none, "both_roles_outward") == Approx(-effectOf(none, "both_roles")));
  Profile fifth = manufacturer;
  fifth.tech_revenue_pct = 20;
  CHECK(effectOf(fifth, "both_roles_outward") == Approx(0.0));
}

// mingw-w64 frees a thread_local's storage before its destructor runs when
// the thread ends: scoring kept scratch vectors so, and the Windows build
// crashed as a worker ended while others went on allocating (1 run in 40 of
// evaluate under wine). Here threads end one after another while the rest
// still score; each must also agree with this thread's result.
TEST_CASE("scoring on threads that end while others still score gives this thread's results") {
  Profile p = baseline();
  p.regulatory_burden = 5;
  const Evaluation here = evaluate(p, set());
  constexpr int kRounds = 150, kThreads = 6;
  int agreed = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<int> same(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        bool all = true;
        for (int n = 0; n <= t * 4; ++n) {  // staggered: the first ends at once
          const Evaluation there = evaluate(p, set());
          all = all && there.scores.recommendation == here.scores.recommendation &&
                there.whatIf.has_value() == here.whatIf.has_value() && there.reasons.size() == here.reasons.size();
        }
        same[static_cast<std::size_t>(t)] = all;
      });
    for (auto& thread : threads) thread.join();
    agreed += static_cast<int>(std::count(same.begin(), same.end(), 1));
  }
  CHECK(agreed == kRounds * kThreads);
}
