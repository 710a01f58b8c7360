#include "ui/frame.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/store/migrations.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"

namespace rolefit::ui {
namespace {

constexpr const char* kAboutPopup = "About RoleFit";
constexpr const char* kErrorPopup = "Something went wrong";

void drawMenuBar(AppState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.quitRequested = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Reload profiles", nullptr, false, state.store != nullptr)) {
      state.reloadProfiles();
      state.toast(fmt::format("{} profiles loaded", state.profiles.size()));
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Welcome", nullptr, state.view == ViewId::Welcome)) state.view = ViewId::Welcome;
    if (ImGui::MenuItem("Profiles", nullptr, state.view == ViewId::Profiles)) state.view = ViewId::Profiles;
    ImGui::Separator();
    if (ImGui::BeginMenu("Theme")) {
      if (ImGui::MenuItem("Dark", nullptr, state.theme == Theme::Dark)) state.theme = Theme::Dark;
      if (ImGui::MenuItem("Light", nullptr, state.theme == Theme::Light)) state.theme = Theme::Light;
      ImGui::EndMenu();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Getting started")) state.view = ViewId::Welcome;
    if (ImGui::MenuItem("About RoleFit")) state.showAbout = true;
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

float statusBarHeight() { return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y; }

void drawStatusBar(const AppState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float height = statusBarHeight();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(0.6f), em(0.25f)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##status", nullptr, flags)) {
    if (state.store) {
      const auto line = fmt::format("{} profiles  |  {}{}", state.profiles.size(), state.dbPath.string(),
                                    state.store->readOnly() ? "  |  read-only" : "");
      ImGui::TextUnformatted(line.c_str());
    } else {
      ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.4f, 1), "No database open");
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

void drawMainArea(AppState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, std::max(1.0f, viewport->WorkSize.y - statusBarHeight())));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##main", nullptr, flags)) {
    if (!state.store) {
      ImGui::TextUnformatted("RoleFit could not open its database:");
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(state.storeError.c_str());
      if (!state.storeBackups.empty()) {
        ImGui::Spacing();
        const auto offer = fmt::format("Restoring {} keeps the damaged file beside it, renamed.",
                                       state.storeBackups.front().filename().string());
        ImGui::TextUnformatted(offer.c_str());
        if (ImGui::Button("Restore the newest backup")) state.restoreNewestBackup();
      }
      ImGui::PopTextWrapPos();
    } else {
      switch (state.view) {
        case ViewId::Welcome: drawWelcomeView(state); break;
        case ViewId::Profiles: drawProfilesView(state); break;
      }
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

void centreNextPopup() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
}

void drawAbout(AppState& state) {
  if (state.showAbout) {
    ImGui::OpenPopup(kAboutPopup);
    state.showAbout = false;
  }
  centreNextPopup();
  if (ImGui::BeginPopupModal(kAboutPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("RoleFit " ROLEFIT_VERSION);
    ImGui::Separator();
    ImGui::PushTextWrapPos(em(28));
    ImGui::TextUnformatted(
        "Helps founders, boards and their advisers decide what technology leadership a company needs: a CIO, "
        "a CTO, both, one hybrid executive, or a CIO with a CTO per product line.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const auto versions = fmt::format("Dear ImGui {}  |  database schema {}", ImGui::GetVersion(), latestSchemaVersion());
    ImGui::TextDisabled("%s", versions.c_str());
    ImGui::TextDisabled("MIT licence");
    ImGui::Spacing();
    if (ImGui::Button("Close", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void drawErrorModal(AppState& state) {
  if (!state.errorText.empty() && !ImGui::IsPopupOpen(kErrorPopup)) ImGui::OpenPopup(kErrorPopup);
  centreNextPopup();
  if (ImGui::BeginPopupModal(kErrorPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(em(30));
    ImGui::TextUnformatted(state.errorText.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::Button("OK", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
      state.errorText.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void drawToasts(AppState& state) {
  const double now = ImGui::GetTime();
  std::erase_if(state.toasts, [now](const Toast& t) { return t.expiresAt <= now; });
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float y = viewport->WorkPos.y + viewport->WorkSize.y - statusBarHeight() - em(0.6f);
  int index = 0;
  for (auto it = state.toasts.rbegin(); it != state.toasts.rend(); ++it, ++index) {
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - em(0.8f), y), ImGuiCond_Always,
                            ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const auto id = fmt::format("##toast{}", index);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                       ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    if (ImGui::Begin(id.c_str(), nullptr, flags)) {
      ImGui::TextUnformatted(it->text.c_str());
      y -= ImGui::GetWindowHeight() + em(0.4f);
    }
    ImGui::End();
  }
}

}  // namespace

bool shortcutPressed(char letter, bool shift) {
  const ImGuiIO& io = ImGui::GetIO();
  return io.KeyCtrl && io.KeyShift == shift && !io.KeyAlt && ImGui::IsKeyPressed(letter, false);
}

void drawFrame(AppState& state) {
  if (shortcutPressed('Q')) state.quitRequested = true;
  drawMenuBar(state);
  drawMainArea(state);
  drawStatusBar(state);
  drawAbout(state);
  drawErrorModal(state);
  drawToasts(state);
}

}  // namespace rolefit::ui
