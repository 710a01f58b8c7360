#include "ui/frame.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "rolefit/store/migrations.hpp"
#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/profiles_view.hpp"
#include "ui/views/session_view.hpp"
#include "ui/views/views.hpp"

namespace rolefit::ui {
namespace {

// The view's way to hand over what it asks for: it reads the app as const.
EmitIntent emitter(AppState& state) {
  return [&state](Intent intent) { state.emit(std::move(intent)); };
}

constexpr const char* kAboutPopup = "About RoleFit";
constexpr const char* kErrorPopup = "Something went wrong";

constexpr const char* kUnsavedPopup = "Unsaved changes";
constexpr const char* kPathPopup = "Choose a file";

void drawMenuBar(AppState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  const bool open = state.store != nullptr;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New profile", "Ctrl+N", false, open)) state.emit(intent::NewProfile{});
    if (ImGui::MenuItem("Save profile", "Ctrl+S", false, state.editor.dirty())) state.emit(intent::SaveEditor{});
    ImGui::Separator();
    if (ImGui::MenuItem("Import session...", "Ctrl+O", false, open)) state.emit(intent::ChooseImportFile{});
    if (ImGui::MenuItem("Export selected profiles...", nullptr, false, open)) state.emit(intent::ChooseExportFile{});
    if (ImGui::BeginMenu("Recent files", open && !state.recentFiles.empty())) {
      for (const auto& path : state.recentFiles)
        if (ImGui::MenuItem(safeLabel(path, path).c_str())) {
          state.emit(intent::PreviewImport{{path}});
          break;
        }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.emit(intent::Quit{});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    const auto undo = state.undoStack.canUndo() ? fmt::format("Undo {}", state.undoStack.undoLabel()) : std::string("Undo");
    const auto redo = state.undoStack.canRedo() ? fmt::format("Redo {}", state.undoStack.redoLabel()) : std::string("Redo");
    if (ImGui::MenuItem(safeLabel(undo, "undo").c_str(), "Ctrl+Z", false, state.undoStack.canUndo()))
      state.emit(intent::Undo{});
    if (ImGui::MenuItem(safeLabel(redo, "redo").c_str(), "Ctrl+Shift+Z", false, state.undoStack.canRedo()))
      state.emit(intent::Redo{});
    ImGui::Separator();
    if (ImGui::MenuItem("Find profile", "Ctrl+F", false, open)) {
      state.emit(intent::OpenView{ViewId::Profiles});
      state.profilesView().focusFilter();
    }
    if (ImGui::MenuItem("Duplicate", nullptr, false, state.selection().size() == 1))
      state.emit(intent::DuplicateProfile{state.selection().front()});
    if (ImGui::MenuItem("Delete selected", "Del", false, !state.selection().empty()))
      state.emit(intent::DeleteProfiles{state.selection()});
    ImGui::Separator();
    if (ImGui::MenuItem("Reload from the database", nullptr, false, open)) {
      state.emit(intent::ReloadProfiles{});
      if (state.loadProgress().reading) state.toast("Reading the profiles again");
      else state.toast(fmt::format("{} profiles loaded", groupedThousands(static_cast<std::int64_t>(state.profileCount()))));
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (const auto name : viewNames()) {
      const ViewId id = *viewFromName(name);
      const std::string title(viewTitle(id));
      if (ImGui::MenuItem(title.c_str(), nullptr, state.view == id)) state.emit(intent::OpenView{id});
    }
    ImGui::Separator();
    if (ImGui::BeginMenu("Theme")) {
      if (ImGui::MenuItem("Dark", nullptr, state.theme == Theme::Dark)) state.emit(intent::SetTheme{Theme::Dark});
      if (ImGui::MenuItem("Light", nullptr, state.theme == Theme::Light)) state.emit(intent::SetTheme{Theme::Light});
      ImGui::EndMenu();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Getting started")) state.emit(intent::OpenView{ViewId::Welcome});
    if (ImGui::MenuItem("About RoleFit")) state.emit(intent::ShowAbout{});
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

// The views as tabs under the menu bar; on a phone-sized window they are the
// main navigation, so they grow to finger size.
void drawViewTabs(AppState& state) {
  static constexpr ViewId kTabs[] = {ViewId::Profiles, ViewId::Editor, ViewId::Compare, ViewId::Roles, ViewId::Session};
  const bool narrow = isNarrow();
  if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em(0.5f), em(0.6f)));
  if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
    for (const ViewId id : kTabs) {
      const std::string title(viewTitle(id));
      // Only a view changed from code selects its tab; otherwise the user's click wins.
      const ImGuiTabItemFlags flags = state.view == id && state.tabShown != id ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(title.c_str(), nullptr, flags)) {
        // A tab that shows up unasked, after one that was shown: the user clicked it.
        if (flags == 0 && state.tabShown != id && state.tabShown != ViewId::Welcome) state.emit(intent::OpenView{id});
        state.tabShown = id;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  if (narrow) ImGui::PopStyleVar();
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
      const auto progress = state.loadProgress();
      const auto count = progress.reading && !progress.linesReady
                             ? std::string("Reading profiles")
                             : fmt::format("{} profiles", groupedThousands(static_cast<std::int64_t>(state.profileCount())));
      const auto line = fmt::format("{}  |  {}{}", count, state.dbPath.string(),
                                    state.store->readOnly() ? "  |  read-only" : "");
      ImGui::TextUnformatted(line.c_str());
    } else {
      ImGui::TextColored(palette().danger, "No database open");
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
        if (ImGui::Button("Restore the newest backup")) state.emit(intent::RestoreNewestBackup{});
      }
      ImGui::PopTextWrapPos();
    } else if (state.view == ViewId::Welcome) {
      drawWelcomeView(state);
    } else {
      drawViewTabs(state);
      // Evaluated once: the push and the pop must match whatever a view does.
      const bool narrow = isNarrow();
      if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em(0.6f), em(0.45f)));
      switch (state.view) {
        case ViewId::Welcome: break;
        case ViewId::Profiles: state.profilesView().draw(state, emitter(state)); break;
        case ViewId::Editor: drawEditorView(state); break;
        case ViewId::Compare: drawCompareView(state); break;
        case ViewId::Roles: drawRolesView(state); break;
        case ViewId::Session: state.sessionView().draw(state, emitter(state)); break;
      }
      if (narrow) ImGui::PopStyleVar();
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
  if (state.aboutOpen) {
    ImGui::OpenPopup(kAboutPopup);
    state.aboutOpen = false;
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
      state.emit(intent::DismissError{});
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void drawUnsavedModal(AppState& state) {
  if (state.askUnsaved && !ImGui::IsPopupOpen(kUnsavedPopup)) ImGui::OpenPopup(kUnsavedPopup);
  centreNextPopup();
  if (ImGui::BeginPopupModal(kUnsavedPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    using Kind = AppState::AfterUnsaved::Kind;
    const char* before = state.afterUnsaved.kind == Kind::Quit ? "before quitting" : "first";
    const auto question = fmt::format("Save the changes to \"{}\" {}?", state.editor.draft.name, before);
    ImGui::PushTextWrapPos(em(26));
    ImGui::TextUnformatted(question.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // Each answer closes the question; what was asked for then happens.
    if (ImGui::Button("Save", ImVec2(em(6), 0))) {
      ImGui::CloseCurrentPopup();
      state.emit(intent::SaveThenContinue{});
    } else {
      ImGui::SameLine();
      if (ImGui::Button("Don't save", ImVec2(em(7), 0))) {
        ImGui::CloseCurrentPopup();
        state.emit(intent::DiscardThenContinue{});
      } else {
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
          ImGui::CloseCurrentPopup();
          state.emit(intent::CancelUnsaved{});
        }
      }
    }
    ImGui::EndPopup();
  }
}

// Asks for a path inside the app when the desktop has no file dialog.
void drawPathPrompt(AppState& state) {
  auto& prompt = state.pathPrompt;
  if (prompt.open && !ImGui::IsPopupOpen(kPathPopup)) ImGui::OpenPopup(kPathPopup);
  centreNextPopup();
  if (ImGui::BeginPopupModal(kPathPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(prompt.choice == FileChoice::ImportSession ? "Session file to import:"
                                                                      : "Export the session to:");
    ImGui::SetNextItemWidth(std::min(em(30), ImGui::GetMainViewport()->WorkSize.x - em(4)));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##path", &prompt.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    const bool ok = ImGui::Button(prompt.choice == FileChoice::ImportSession ? "Preview" : "Export", ImVec2(em(6), 0));
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    if ((ok || entered) && !prompt.path.empty()) {
      prompt.open = false;
      ImGui::CloseCurrentPopup();
      const std::string path = prompt.path;
      state.emit(intent::PathChosen{prompt.choice, path});
    } else if (cancel) {
      prompt.open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void handleShortcuts(AppState& state) {
  if (shortcutPressed('Q')) state.emit(intent::Quit{});
  if (!state.store) return;
  // Text fields keep their own Ctrl+Z; the app's undo acts outside them.
  const bool typing = ImGui::GetIO().WantTextInput;
  if (shortcutPressed('Z') && !typing) state.emit(intent::Undo{});
  if ((shortcutPressed('Z', true) || shortcutPressed('Y')) && !typing) state.emit(intent::Redo{});
  if (shortcutPressed('S')) state.emit(intent::SaveEditor{});
  if (shortcutPressed('N')) state.emit(intent::NewProfile{});
  if (shortcutPressed('O')) state.emit(intent::ChooseImportFile{});
  if (shortcutPressed('F')) {
    state.emit(intent::OpenView{ViewId::Profiles});
    state.profilesView().focusFilter();
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

// Closes what a view that threw left open, so that the frame ends as Dear
// ImGui expects. Its own recovery ends tables before popping the ids pushed
// inside them, which EndTable asserts against: those ids go first.
void recoverFromThrow() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  while (ImGuiTable* table = g.CurrentTable) {
    if (g.CurrentWindow == table->InnerWindow && !g.CurrentWindowStack.empty()) {
      // What was pushed inside the table: ending it ends its child window,
      // which checks that the stacks are as at its Begin.
      const ImGuiStackSizes& begun = g.CurrentWindowStack.back().StackSizesOnBegin;
      while (g.ColorStack.Size > begun.SizeOfColorStack) ImGui::PopStyleColor();
      while (g.StyleVarStack.Size > begun.SizeOfStyleVarStack) ImGui::PopStyleVar();
      while (g.FontStack.Size > begun.SizeOfFontStack) ImGui::PopFont();
      while (g.DisabledStackSize > begun.SizeOfDisabledStack) ImGui::EndDisabled();
      while (g.ItemFlagsStack.Size > begun.SizeOfItemFlagsStack) ImGui::PopItemFlag();
      while (g.GroupStack.Size > begun.SizeOfGroupStack) ImGui::EndGroup();
      const ImGuiID tableId = table->ID + static_cast<ImGuiID>(table->InstanceCurrent);
      while (g.CurrentWindow->IDStack.Size > 1 && g.CurrentWindow->IDStack.back() != tableId) ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::ErrorCheckEndFrameRecover(nullptr);
}

void drawFrame(AppState& state) {
  state.beginViews();
  try {
    handleShortcuts(state);
    if (state.quitRequested && !state.quitConfirmed) {
      if (!state.requestQuit()) state.quitRequested = false;  // the question is asked first
    }
    drawMenuBar(state);
    drawMainArea(state);
    drawStatusBar(state);
    drawAbout(state);
    drawUnsavedModal(state);
    drawPathPrompt(state);
    drawErrorModal(state);
    drawToasts(state);
  } catch (const std::exception& e) {
    // A failed read in a view costs this frame, not the window: what the
    // views left open is closed (Dear ImGui would otherwise assert and
    // abort), and the error modal says what happened from the next frame.
    recoverFromThrow();
    state.showError(fmt::format("Something could not be shown: {}", e.what()));
  }
  try {
    state.runQueuedIntents();
  } catch (const std::exception& e) {
    state.showError(e.what());
  }
}

}  // namespace rolefit::ui
