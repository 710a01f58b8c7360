// The window's views, as --view and the menus name them. No UI include: the
// command line checks --view without loading the window.
#pragma once
#include <array>
#include <string_view>

namespace rolefit::ui {

enum class ViewId { Welcome, Profiles, Editor, Compare, Team, Roles, Session };
inline constexpr std::array<std::string_view, 7> kViewNames{"welcome", "profiles", "editor", "compare",
                                                            "team",    "roles",    "session"};
inline constexpr std::array<std::string_view, 7> kViewTitles{"Welcome", "Profiles", "Editor", "Compare",
                                                             "Team",    "Roles",    "Session"};

}  // namespace rolefit::ui
