#include "rolefit/report/report.hpp"

#include <fmt/format.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {
namespace {

std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Markdown: user text must not end a table cell, open a link, emphasis or
// inline HTML, nor break the line it sits on.
std::string mdEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]|<>").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string csvCell(std::string_view text) {
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula.
  const bool formula = !text.empty() && std::string_view("=+-@").find(text.front()) != std::string_view::npos;
  const std::string cell = formula ? fmt::format("'{}", text) : std::string(text);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

constexpr std::string_view kRealReferenceNote =
    "Real companies are shown with public facts of the year named, each fact with its source; their goals and "
    "capabilities are not public, and RoleFit reads each of them as a middle 3.";

std::string referenceLabel(const ReferenceCompany& c) {
  return c.kind == ReferenceKind::real ? fmt::format("{}, {} (public facts)", c.name, c.year)
                                       : fmt::format("{} (archetype)", c.name);
}

std::string structureLabel(const ReferenceCompany& c) {
  return c.kind == ReferenceKind::real ? fmt::format("Had: {}", describe(c.structure))
                                       : fmt::format("Advised: {}", describe(c.structure));
}

std::string sourcesLine(const RoleModelSet& set) {
  std::string out;
  for (const auto& s : set.sources) out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", s.id, s.title);
  return out;
}

std::string keyFacts(const Profile& p) {
  return fmt::format("{} · {} · {} · {} employees · {} technology product line{} · {}% of revenue from technology · "
                     "budget: {} · leaders today: {}",
                     label(p.industry), label(p.business_model), label(p.stage), groupedThousands(p.employees),
                     p.product_lines,
                     p.product_lines == 1 ? "" : "s", formatNumber(p.tech_revenue_pct), label(p.leadership_budget),
                     label(p.leaders));
}

std::string markdown(const Profile& p, const Evaluation& e, const RoleModelSet& set, std::string_view at) {
  std::string out = fmt::format("# Technology leadership for {}\n\n", mdEscape(p.name));
  out += fmt::format("{}\n\n", mdEscape(keyFacts(p)));
  out += fmt::format("## Recommendation: {}\n\n", describe(e.scores.recommendation));
  out += fmt::format("Runner-up: {} ({:.1f} points behind). Fit: CIO {:.0f}, CTO {:.0f}, hybrid CIO/CTO {:.0f} (of 100).\n\n",
                     describe(e.scores.runnerUp), e.margin, e.scores.fit[0], e.scores.fit[1], e.scores.fit[2]);
  out += fmt::format("**{}.** {}\n\n", describe(e.confidence), mdEscape(confidenceText(e)));
  if (!e.tension.empty()) out += fmt::format("> {}\n\n", e.tension);
  if (e.gap) {
    out += fmt::format("## Today's leaders and the advice\n\n{} ({})\n\n", e.gap->text, e.gap->sources);
    const auto concerned = gapResponsibilities(*e.gap, e.responsibilities);
    if (!concerned.empty()) out += "The responsibilities concerned:\n\n";
    for (const Responsibility* r : concerned) out += fmt::format("- {}\n", r->text);
    if (!concerned.empty()) out += "\n";
  }
  out += "## Why\n\n| Factor | Rule | Source |\n|---|---|---|\n";
  for (const auto& r : e.reasons) out += fmt::format("| {} | {} | {} |\n", mdEscape(r.factor), r.rule, r.source);
  out += "\n## What would change the advice\n\n";
  out += e.whatIf ? mdEscape(e.whatIf->text) + "\n\n" : "No single change of one input changes the recommendation.\n\n";
  out += "## Needs\n\n| Need | Score (0-100) |\n|---|---|\n";
  for (std::size_t d = 0; d < kDimensionCount; ++d)
    out += fmt::format("| {} | {:.0f} |\n", set.dimensions[d].label, e.scores.needs[d]);
  out += "\n## Responsibilities\n\n| Responsibility | Owner | Held by | Covered today | Source |\n|---|---|---|---|---|\n";
  for (const auto& r : e.responsibilities)
    out += fmt::format("| {} | {} | {} | {} | {} |\n", r.item->text, toString(r.owner), r.holder,
                       r.covered ? "yes" : "**no**", r.item->sourceText);
  out += "\n## Companies like this one\n\n| Company | Structure | Similarity | Source |\n|---|---|---|---|\n";
  for (const auto& n : e.nearest)
    out += fmt::format("| {} | {} | {:.0f}% | {} |\n", mdEscape(referenceLabel(*n.company)),
                       structureLabel(*n.company), n.similarity, referenceSource(*n.company));
  out += "\n" + std::string(kRealReferenceNote) + "\n";
  out += fmt::format("\n---\nRole models {} · generated {} by RoleFit {}\n\nSources: {}\n", set.version, at,
                     ROLEFIT_VERSION, sourcesLine(set));
  return out;
}

// Horizontal bars for the needs, with the CIO's and the CTO's emphasis on each
// need marked, as one inline SVG (no script, no external file).
std::string needsSvg(const Evaluation& e, const RoleModelSet& set) {
  constexpr int kRow = 30, kLabel = 210, kBar = 380, kTop = 28;
  const int height = kTop + static_cast<int>(kDimensionCount) * kRow + 10;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
      "aria-label=\"Needs profile\">\n",
      kLabel + kBar + 60, height);
  svg += fmt::format("<text x=\"{}\" y=\"16\" class=\"legend\">&#9632; need  &#9650; CIO emphasis  &#9660; CTO emphasis</text>\n", kLabel);
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    const int y = kTop + static_cast<int>(d) * kRow;
    const double need = e.scores.needs[d];
    const bool inward = set.dimensions[d].side == "inward";
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLabel - 10, y + 17,
                       htmlEscape(set.dimensions[d].label));
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" class=\"track\"/>\n", kLabel, y + 4, kBar);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"18\" class=\"{}\"/>\n", kLabel, y + 4,
                       kBar * need / 100.0, inward ? "inward" : "outward");
    const double cio = kLabel + kBar * set.cio().weights[d], cto = kLabel + kBar * set.cto().weights[d];
    svg += fmt::format("<path d=\"M{0:.1f} {1} l-5 7 h10 z\" class=\"cio\"/>\n", cio, y + 22);
    svg += fmt::format("<path d=\"M{0:.1f} {1} l-5 -7 h10 z\" class=\"cto\"/>\n", cto, y + 4);
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{:.0f}</text>\n", kLabel + kBar + 8, y + 17, need);
  }
  return svg + "</svg>\n";
}

std::string html(const Profile& p, const Evaluation& e, const RoleModelSet& set, std::string_view at) {
  std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RoleFit: {0}</title>
<style>
body {{ font: 15px/1.5 "Inter", "DejaVu Sans", system-ui, sans-serif; color: #1d2330; max-width: 880px; margin: 2em auto; padding: 0 1.2em; }}
h1 {{ font-size: 1.7em; margin-bottom: .2em; }} h2 {{ font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #d6dae3; }}
.facts {{ color: #556; }} .card {{ background: #f1f5fb; border-left: 5px solid #2f6fdf; padding: .8em 1.1em; margin: 1em 0; }}
.card strong {{ font-size: 1.3em; }} .confidence {{ padding: .5em 1em; border-left: 5px solid #19a37a; background: #eefaf5; }}
.confidence.likely {{ border-color: #2f6fdf; background: #f1f5fb; }} .confidence.close_call {{ border-color: #e0a020; background: #fff7e6; }}
.tension {{ background: #fff7e6; border-left: 5px solid #e0a020; padding: .6em 1em; }}
table {{ border-collapse: collapse; width: 100%; margin: .6em 0; }} th, td {{ text-align: left; padding: .35em .5em; border-bottom: 1px solid #e3e6ee; vertical-align: top; }}
th {{ background: #f5f6f9; }} .no {{ color: #b3261e; font-weight: 600; }} .src {{ color: #667; white-space: nowrap; }}
svg text {{ font: 13px "Inter", "DejaVu Sans", sans-serif; fill: #1d2330; }} svg .legend {{ fill: #556; }}
svg .track {{ fill: #eceff4; }} svg .inward {{ fill: #2f6fdf; }} svg .outward {{ fill: #19a37a; }}
svg .cio {{ fill: #1a3f8a; }} svg .cto {{ fill: #0c6b4f; }}
.today {{ background: #f5f1fc; border-left: 5px solid #7a4fd0; padding: .4em 1em; }} .today ul {{ margin: .2em 0 .6em; }}
.link {{ word-break: break-all; font-size: .85em; }} .note {{ color: #667; font-size: .9em; }}
svg {{ max-width: 100%; height: auto; }} @media (max-width: 600px) {{ .src {{ white-space: normal; }} }}
footer {{ margin-top: 2.5em; color: #667; font-size: .85em; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }} table, svg, .card {{ break-inside: avoid; }} }}
</style></head><body>
<h1>Technology leadership for {0}</h1>
<p class="facts">{1}</p>
)",
                                htmlEscape(p.name), htmlEscape(keyFacts(p)));
  out += fmt::format(
      "<div class=\"card\">Recommendation<br><strong>{}</strong><br>Runner-up: {} ({:.1f} points behind). "
      "Fit of 100: CIO {:.0f} · CTO {:.0f} · hybrid CIO/CTO {:.0f}</div>\n",
      describe(e.scores.recommendation), describe(e.scores.runnerUp), e.margin, e.scores.fit[0], e.scores.fit[1],
      e.scores.fit[2]);
  out += fmt::format("<p class=\"confidence {}\"><strong>{}.</strong> {}</p>\n", toString(e.confidence),
                     describe(e.confidence), htmlEscape(confidenceText(e)));
  if (!e.tension.empty()) out += fmt::format("<p class=\"tension\">{}</p>\n", htmlEscape(e.tension));
  if (e.gap) {
    out += fmt::format("<h2>Today's leaders and the advice</h2>\n<div class=\"today\"><p>{} <span class=\"src\">({})</span></p>",
                       htmlEscape(e.gap->text), e.gap->sources);
    const auto concerned = gapResponsibilities(*e.gap, e.responsibilities);
    if (!concerned.empty()) {
      out += "<p>The responsibilities concerned:</p><ul>";
      for (const Responsibility* r : concerned) out += fmt::format("<li>{}</li>", htmlEscape(r->text));
      out += "</ul>";
    }
    out += "</div>\n";
  }
  out += "<h2>Why</h2>\n<table><tr><th>Factor</th><th>Rule</th><th>Source</th></tr>\n";
  for (const auto& r : e.reasons)
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"src\">{}</td></tr>\n", htmlEscape(r.factor),
                       htmlEscape(r.rule), r.source);
  out += "</table>\n<h2>What would change the advice</h2>\n";
  out += fmt::format("<p>{}</p>\n", e.whatIf ? htmlEscape(e.whatIf->text)
                                             : "No single change of one input changes the recommendation.");
  out += "<h2>Needs</h2>\n" + needsSvg(e, set);
  out += "<h2>Responsibilities</h2>\n<table><tr><th>Responsibility</th><th>Held by</th><th>Covered today</th><th>Source</th></tr>\n";
  for (const auto& r : e.responsibilities)
    out += fmt::format("<tr><td>{}</td><td>{}</td><td{}>{}</td><td class=\"src\">{}</td></tr>\n", htmlEscape(r.item->text),
                       htmlEscape(r.holder), r.covered ? "" : " class=\"no\"", r.covered ? "yes" : "no",
                       r.item->sourceText);
  out += "</table>\n<h2>Companies like this one</h2>\n<table><tr><th>Company</th><th>Structure</th><th>Similarity</th><th>Source</th></tr>\n";
  for (const auto& n : e.nearest) {
    const ReferenceCompany& c = *n.company;
    const std::string source = c.kind == ReferenceKind::real
                                   ? fmt::format("<td class=\"link\"><a href=\"{0}\">{0}</a></td>", htmlEscape(c.link))
                                   : fmt::format("<td class=\"src\">{}</td>", htmlEscape(c.sourceText));
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{:.0f}%</td>{}</tr>\n", htmlEscape(referenceLabel(c)),
                       structureLabel(c), n.similarity, source);
  }
  out += fmt::format("</table>\n<p class=\"note\">{}</p>\n", htmlEscape(kRealReferenceNote));
  out += fmt::format("<footer>Role models {} · generated {} by RoleFit {}<br>Sources: {}</footer>\n</body></html>\n",
                     htmlEscape(set.version), htmlEscape(at), ROLEFIT_VERSION, htmlEscape(sourcesLine(set)));
  return out;
}

std::string csv(const Profile& p, const Evaluation& e, const RoleModelSet& set, std::string_view at) {
  std::string out = "section,item,value,detail,source\r\n";
  auto row = [&](std::string_view section, std::string_view item, std::string_view value, std::string_view detail,
                 std::string_view source) {
    out += fmt::format("{},{},{},{},{}\r\n", csvCell(section), csvCell(item), csvCell(value), csvCell(detail),
                       csvCell(source));
  };
  row("profile", "name", p.name, p.id, "");
  row("recommendation", "structure", toString(e.scores.recommendation), describe(e.scores.recommendation), "");
  row("recommendation", "runner_up", toString(e.scores.runnerUp), fmt::format("{:.1f} points behind", e.margin), "");
  row("recommendation", "confidence", toString(e.confidence), confidenceText(e), "");
  for (std::size_t r = 0; r < 3; ++r)
    row("fit", set.roleModels[r].id, fmt::format("{:.0f}", e.scores.fit[r]), set.roleModels[r].name, "");
  for (std::size_t d = 0; d < kDimensionCount; ++d)
    row("need", set.dimensions[d].id, fmt::format("{:.0f}", e.scores.needs[d]), set.dimensions[d].label, "");
  for (const auto& r : e.reasons) row("reason", r.field, r.factor, r.rule, r.source);
  if (e.whatIf) row("what_if", e.whatIf->field, e.whatIf->to, e.whatIf->text, "");
  for (const auto& r : e.responsibilities)
    row("responsibility", r.item->id, r.covered ? "covered" : "not covered",
        fmt::format("{} ({})", r.item->text, r.holder), r.item->sourceText);
  if (e.gap) {
    std::string ids;
    for (const Responsibility* r : gapResponsibilities(*e.gap, e.responsibilities)) ids += (ids.empty() ? "" : " ") + r->id;
    row("difference", toString(p.leaders), ids, e.gap->text, e.gap->sources);
  }
  for (const auto& n : e.nearest)
    row("reference", n.company->id, fmt::format("{:.0f}", n.similarity), referenceLabel(*n.company),
        referenceSource(*n.company));
  row("about", "role_model_version", set.version, fmt::format("generated {}", at), "");
  return out;
}

// The team's view: each rater's advice, the consensus, the agreement and the
// disagreements, decisive first.
std::string valuesByRater(const TeamEvaluation& team, const TeamEvaluation::Disagreement& d) {
  std::string out;
  for (std::size_t r = 0; r < team.raters.size(); ++r)
    out += fmt::format("{}{} {}", r ? ", " : "", team.raters[r].rater, d.values[r]);
  return out;
}

std::string decisiveText(const TeamEvaluation::Disagreement& d) {
  return d.decisive ? fmt::format("yes: at {} the advice would be {}", d.flipValue, describe(d.flipsTo)) : "no";
}

std::string teamMarkdown(const TeamEvaluation& team) {
  std::string out = fmt::format("\n## The team's view\n\n{} raters. Consensus (the median of their ratings): **{}** "
                                "({}, {:.1f} points ahead of {}).\n\nAgreement: {}\n\n",
                                team.raters.size(), describe(team.consensus.scores.recommendation),
                                describe(team.consensus.confidence), team.consensus.margin,
                                describe(team.consensus.scores.runnerUp), agreementText(team));
  if (!team.disagreements.empty()) {
    out += "| Rating | Values by rater | Spread | Decisive |\n|---|---|---|---|\n";
    for (const auto& d : team.disagreements)
      out += fmt::format("| {} | {} | {} | {} |\n", d.field->label, mdEscape(valuesByRater(team, d)), d.spread,
                         decisiveText(d));
    out += "\n";
  }
  out += "| Rater | Advice | Points ahead |\n|---|---|---|\n";
  for (const auto& r : team.raters)
    out += fmt::format("| {} | {} | {:.1f} |\n", mdEscape(r.rater), describe(r.scores.recommendation), r.margin);
  return out;
}

std::string teamHtml(const TeamEvaluation& team) {
  std::string out = fmt::format("<h2>The team's view</h2>\n<p>{} raters. Consensus (the median of their ratings): "
                                "<strong>{}</strong> ({}, {:.1f} points ahead of {}).</p>\n<p>Agreement: {}</p>\n",
                                team.raters.size(), describe(team.consensus.scores.recommendation),
                                describe(team.consensus.confidence), team.consensus.margin,
                                describe(team.consensus.scores.runnerUp), htmlEscape(agreementText(team)));
  if (!team.disagreements.empty()) {
    out += "<table><tr><th>Rating</th><th>Values by rater</th><th>Spread</th><th>Decisive</th></tr>\n";
    for (const auto& d : team.disagreements)
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td></tr>\n", d.field->label,
                         htmlEscape(valuesByRater(team, d)), d.spread, d.decisive ? " class=\"no\"" : "",
                         htmlEscape(decisiveText(d)));
    out += "</table>\n";
  }
  out += "<table><tr><th>Rater</th><th>Advice</th><th>Points ahead</th></tr>\n";
  for (const auto& r : team.raters)
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{:.1f}</td></tr>\n", htmlEscape(r.rater),
                       describe(r.scores.recommendation), r.margin);
  return out + "</table>\n";
}

std::string teamCsv(const TeamEvaluation& team) {
  std::string out;
  auto row = [&](std::string_view section, std::string_view item, std::string_view value, std::string_view detail) {
    out += fmt::format("{},{},{},{},{}\r\n", csvCell(section), csvCell(item), csvCell(value), csvCell(detail), "\"\"");
  };
  row("team", "consensus", toString(team.consensus.scores.recommendation), agreementText(team));
  for (const auto& r : team.raters)
    row("team_rater", r.rater, toString(r.scores.recommendation), fmt::format("{:.1f} points ahead", r.margin));
  for (const auto& d : team.disagreements)
    row("disagreement", d.field->key, d.decisive ? "decisive" : fmt::format("spread {}", d.spread),
        valuesByRater(team, d));
  return out;
}

}  // namespace

std::optional<ReportFormat> reportFormatFromName(std::string_view name) {
  if (name == "md" || name == "markdown") return ReportFormat::Markdown;
  if (name == "html") return ReportFormat::Html;
  if (name == "csv") return ReportFormat::Csv;
  return std::nullopt;
}

std::string_view reportExtension(ReportFormat format) {
  switch (format) {
    case ReportFormat::Markdown: return ".md";
    case ReportFormat::Html: return ".html";
    case ReportFormat::Csv: return ".csv";
  }
  return ".txt";
}

std::string renderReport(const Profile& profile, const Evaluation& evaluation, const RoleModelSet& set,
                         ReportFormat format, std::string_view generatedAt, const TeamEvaluation* team) {
  switch (format) {
    case ReportFormat::Markdown: {
      std::string out = markdown(profile, evaluation, set, generatedAt);
      if (team) out.insert(out.rfind("\n---\n"), teamMarkdown(*team));
      return out;
    }
    case ReportFormat::Html: {
      std::string out = html(profile, evaluation, set, generatedAt);
      if (team) out.insert(out.rfind("<footer>"), teamHtml(*team));
      return out;
    }
    case ReportFormat::Csv: {
      std::string out = csv(profile, evaluation, set, generatedAt);
      if (team) out.insert(out.rfind("\"about\","), teamCsv(*team));
      return out;
    }
  }
  return {};
}

std::string reportFileText(const Profile& profile, const RoleModelSet& set, ReportFormat format,
                           std::span<const Rating> ratings) {
  std::optional<TeamEvaluation> team;
  if (!ratings.empty()) team = evaluateTeam(profile, ratings, set);
  return withNativeLineEnds(
      renderReport(profile, evaluate(profile, set), set, format, utcNowIso8601(), team ? &*team : nullptr));
}

}  // namespace rolefit
