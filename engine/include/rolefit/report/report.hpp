// Board-ready reports of one profile's evaluation: Markdown, a self-contained
// HTML page (needs chart as inline SVG, readable when printed) and CSV.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"

namespace rolefit {

enum class ReportFormat { Markdown, Html, Csv };
std::optional<ReportFormat> reportFormatFromName(std::string_view name);
std::string_view reportExtension(ReportFormat format);  // ".md", ".html", ".csv"

std::string renderReport(const Profile& profile, const Evaluation& evaluation, const RoleModelSet& set,
                         ReportFormat format, std::string_view generatedAt);

// The report a person asks for (the command line's `report`, the window's
// File > Export a report): the profile evaluated now, stamped with the time,
// its lines ended as the system's editors expect (withNativeLineEnds).
std::string reportFileText(const Profile& profile, const RoleModelSet& set, ReportFormat format);

}  // namespace rolefit
