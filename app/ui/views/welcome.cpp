#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"

namespace rolefit::ui {

void drawWelcomeView(const AppState& state, const EmitIntent& emit) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float column = std::min(width, em(40));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - column) * 0.5f));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
  ImGui::Dummy(ImVec2(0, em(0.5f)));
  ImGui::PushFont(headingFont());
  ImGui::TextUnformatted("Welcome to RoleFit");
  ImGui::PopFont();
  ImGui::TextDisabled("Which technology leadership does this company need?");
  ImGui::Spacing();
  ImGui::TextUnformatted(
      "RoleFit compares a company with the CIO and CTO role models and with reference companies, "
      "and recommends a leadership structure: a CIO, a CTO, both, one hybrid executive, or a CIO "
      "with a CTO per product line. Every recommendation shows the rules behind it and their sources.");
  ImGui::Spacing();
  ImGui::Separator();

  struct Step {
    const char* title;
    const char* text;
  };
  const Step steps[] = {
      {"1  Describe a company",
       "Its facts (industry, size, business model, budget), its strategic goals, the maturity of its "
       "technology capabilities, and who leads technology today."},
      {"2  Compare",
       "See its needs against the CIO and CTO role models, the recommended structure, the reasons with "
       "their sources, and the smallest change that would alter the advice."},
      {"3  Share",
       "Send a whole session to a colleague as a file; their changes come back as a preview you accept "
       "profile by profile."},
  };
  for (const auto& step : steps) {
    ImGui::Spacing();
    ImGui::TextUnformatted(step.title);
    ImGui::Indent(em(1.2f));
    ImGui::TextDisabled("%s", step.text);
    ImGui::Unindent(em(1.2f));
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  const auto label = state.profileCount() == 0
                         ? std::string("Open the profiles")
                         : fmt::format("Open the {} profiles", groupedThousands(static_cast<std::int64_t>(state.profileCount())));
  if (ImGui::Button(label.c_str(), ImVec2(0, em(2)))) emit(intent::OpenView{ViewId::Profiles});
  ImGui::Spacing();
  const auto where = fmt::format("Your data: {}", state.dbPath.string());
  ImGui::TextDisabled("%s", where.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace rolefit::ui
