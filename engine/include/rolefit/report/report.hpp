// Board-ready reports of one profile's evaluation: Markdown, a self-contained
// HTML page (needs chart as inline SVG, readable when printed) and CSV.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/team/team.hpp"

namespace rolefit {

enum class ReportFormat { Markdown, Html, Csv };
std::optional<ReportFormat> reportFormatFromName(std::string_view name);
std::string_view reportExtension(ReportFormat format);  // ".md", ".html", ".csv"

// `team`: the raters' view, when the profile has ratings (a section of its own).
std::string renderReport(const Profile& profile, const Evaluation& evaluation, const RoleModelSet& set,
                         ReportFormat format, std::string_view generatedAt, const TeamEvaluation* team = nullptr);

// The report a person asks for (the command line's `report`, the window's
// File > Export a report): the profile evaluated now, stamped with the time,
// its lines ended as the system's editors expect (withNativeLineEnds).
// With the profile's ratings, the report gains the team's view.
std::string reportFileText(const Profile& profile, const RoleModelSet& set, ReportFormat format,
                           std::span<const Rating> ratings = {});

}  // namespace rolefit
