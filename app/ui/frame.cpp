#include "ui/frame.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "rolefit/store/migrations.hpp"
#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"

namespace rolefit::ui {
namespace {

constexpr const char* kAboutPopup = "About RoleFit";
constexpr const char* kErrorPopup = "Something went wrong";

constexpr const char* kUnsavedPopup = "Unsaved changes";
constexpr const char* kPathPopup = "Choose a file";

// A menu's submenu. On a phone it has no room beside its menu and would open
// over it, where the finger that opened it lifts on one of its items: its
// items are listed in the menu itself, under its name, instead.
void submenu(const char* label, bool enabled, const std::function<void()>& items) {
  if (!isNarrow()) {
    if (ImGui::BeginMenu(label, enabled)) {
      items();
      ImGui::EndMenu();
    }
    return;
  }
  ImGui::Separator();
  ImGui::TextDisabled("%s", label);
  if (!enabled) return;
  ImGui::Indent();
  items();
  ImGui::Unindent();
}

}  // namespace

void Frame::drawMenuBar(const AppState& state, const EmitIntent& emit) {
  if (!ImGui::BeginMainMenuBar()) return;
  const bool open = state.storeOpen;
  const bool writable = open && !state.readOnly;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New profile", "Ctrl+N", false, writable)) emit(intent::NewProfile{});
    if (ImGui::MenuItem("Save profile", "Ctrl+S", false, !state.readOnly && state.editor.dirty()))
      emit(intent::SaveEditor{});
    ImGui::Separator();
    if (ImGui::MenuItem("Import session...", "Ctrl+O", false, open)) emit(intent::ChooseImportFile{});
    if (ImGui::MenuItem("Export selected profiles...", nullptr, false, open)) emit(intent::ChooseExportFile{});
    if (ImGui::MenuItem("Export a backup...", nullptr, false, open)) emit(intent::ExportBackup{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every profile, as a session file that RoleFit imports anywhere");
    submenu("Export a report", open && !reportSubject(state).empty(), [&] {
      if (ImGui::MenuItem("HTML page (prints well)...")) emit(intent::ChooseReportFile{ReportFormat::Html});
      if (ImGui::MenuItem("Markdown...")) emit(intent::ChooseReportFile{ReportFormat::Markdown});
      if (ImGui::MenuItem("CSV...")) emit(intent::ChooseReportFile{ReportFormat::Csv});
    });
    submenu("Recent files", open && !state.recentFiles.empty(), [&] {
      for (const auto& path : state.recentFiles)
        if (ImGui::MenuItem(safeLabel(path, path).c_str())) {
          emit(intent::PreviewImport{{path}});
          break;
        }
    });
    if (state.canQuit) {
      ImGui::Separator();
      if (ImGui::MenuItem("Quit", "Ctrl+Q")) emit(intent::Quit{});
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    const bool canUndo = !state.undoLabel.empty(), canRedo = !state.redoLabel.empty();
    const auto undo = canUndo ? fmt::format("Undo {}", state.undoLabel) : std::string("Undo");
    const auto redo = canRedo ? fmt::format("Redo {}", state.redoLabel) : std::string("Redo");
    if (ImGui::MenuItem(safeLabel(undo, "undo").c_str(), "Ctrl+Z", false, canUndo)) emit(intent::Undo{});
    if (ImGui::MenuItem(safeLabel(redo, "redo").c_str(), "Ctrl+Shift+Z", false, canRedo)) emit(intent::Redo{});
    ImGui::Separator();
    if (ImGui::MenuItem("Find profile", "Ctrl+F", false, open)) {
      emit(intent::OpenView{ViewId::Profiles});
      profiles_.focusFilter();
    }
    const auto& selected = state.selection.ids();
    if (ImGui::MenuItem("Duplicate", nullptr, false, writable && selected.size() == 1))
      emit(intent::DuplicateProfile{selected.front()});
    if (ImGui::MenuItem("Delete selected", "Del", false, writable && !selected.empty()))
      emit(intent::DeleteProfiles{selected});
    ImGui::Separator();
    if (ImGui::MenuItem("Reload from the database", nullptr, false, open)) emit(intent::ReloadProfiles{});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (const auto name : viewNames()) {
      const ViewId id = *viewFromName(name);
      const std::string title(viewTitle(id));
      if (ImGui::MenuItem(title.c_str(), nullptr, state.view == id)) emit(intent::OpenView{id});
    }
    ImGui::Separator();
    if (ImGui::BeginMenu("Theme")) {
      if (ImGui::MenuItem("Dark", nullptr, state.theme == Theme::Dark)) emit(intent::SetTheme{Theme::Dark});
      if (ImGui::MenuItem("Light", nullptr, state.theme == Theme::Light)) emit(intent::SetTheme{Theme::Light});
      ImGui::EndMenu();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Getting started")) emit(intent::OpenView{ViewId::Welcome});
    if (ImGui::MenuItem("About RoleFit")) emit(intent::ShowAbout{});
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

// The views as tabs under the menu bar; on a phone-sized window they are the
// main navigation, so they grow to finger size.
void Frame::drawViewTabs(const AppState& state, const EmitIntent& emit) {
  static constexpr ViewId kTabs[] = {ViewId::Profiles, ViewId::Editor, ViewId::Compare,
                                     ViewId::Team,     ViewId::Roles,  ViewId::Session};
  const bool narrow = isNarrow();
  // Finger-tall, but narrow at the sides: six whole names fit across a phone
  // ("Comp..." and "Sessio..." did not tell what they open).
  if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em(0.25f), em(0.6f)));
  if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
    for (const ViewId id : kTabs) {
      const std::string title(viewTitle(id));
      // Only a view changed from code selects its tab; otherwise the user's click wins.
      const ImGuiTabItemFlags flags = state.view == id && tabShown_ != id ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(title.c_str(), nullptr, flags)) {
        // A tab that shows up unasked, after one that was shown: the user clicked it.
        if (flags == 0 && tabShown_ != id && tabShown_ != ViewId::Welcome) emit(intent::OpenView{id});
        tabShown_ = id;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  if (narrow) ImGui::PopStyleVar();
}

namespace {

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
    if (state.storeOpen) {
      const auto& progress = state.loadProgress;
      const auto count = progress.reading && !progress.linesReady
                             ? std::string("Reading profiles")
                             : fmt::format("{} profiles", groupedThousands(static_cast<std::int64_t>(state.profileCount())));
      const auto line = fmt::format("{}  |  {}{}{}{}", count, state.dbPath.string(),
                                    state.readOnly ? "  |  read-only" : "", state.storageNote.empty() ? "" : "  |  ",
                                    state.storageNote);
      ImGui::TextUnformatted(line.c_str());
    } else if (state.storeOpening) {
      ImGui::TextUnformatted(fmt::format("Opening {}", state.dbPath.string()).c_str());
    } else {
      ImGui::TextColored(palette().danger, "No database open");
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

}  // namespace

void Frame::drawMainArea(const AppState& state, const EmitIntent& emit) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, std::max(1.0f, viewport->WorkSize.y - statusBarHeight())));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  // No background of its own: the frame is cleared to the same colour, and
  // a window-sized quad blended over it is the largest thing a software
  // rasteriser (llvmpipe, a phone's browser) fills each frame.
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                     ImGuiWindowFlags_NoBackground;
  if (ImGui::Begin("##main", nullptr, flags)) {
    if (!state.storeOpen && state.storeOpening) {
      ImGui::TextDisabled("Opening your profiles...");
    } else if (!state.storeOpen) {
      ImGui::TextUnformatted("RoleFit could not open its database:");
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(state.storeError.c_str());
      if (!state.storeBackups.empty()) {
        ImGui::Spacing();
        const auto offer = fmt::format("Restoring {} keeps the damaged file beside it, renamed.",
                                       state.storeBackups.front().filename().string());
        ImGui::TextUnformatted(offer.c_str());
        if (ImGui::Button("Restore the newest backup")) emit(intent::RestoreNewestBackup{});
      }
      ImGui::PopTextWrapPos();
    } else if (state.view == ViewId::Welcome) {
      drawWelcomeView(state, emit);
    } else {
      drawViewTabs(state, emit);
      // Evaluated once: the push and the pop must match whatever a view does.
      const bool narrow = isNarrow();
      if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em(0.6f), em(0.45f)));
      switch (state.view) {
        case ViewId::Welcome: break;
        case ViewId::Profiles: profiles_.draw(state, emit); break;
        case ViewId::Editor: editor_.draw(state, emit); break;
        case ViewId::Compare: drawCompareView(state, emit); break;
        case ViewId::Team: team_.draw(state, emit); break;
        case ViewId::Roles: roles_.draw(state, emit); break;
        case ViewId::Session: session_.draw(state, emit); break;
      }
      if (narrow) ImGui::PopStyleVar();
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

namespace {

// Closes the modal being drawn; its contents are not drawn.
void closePopup() {
  ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void centreNextPopup() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
}

void drawAbout(const AppState& state, const EmitIntent& emit) {
  if (state.aboutOpen && !ImGui::IsPopupOpen(kAboutPopup)) ImGui::OpenPopup(kAboutPopup);
  centreNextPopup();
  if (ImGui::BeginPopupModal(kAboutPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (!state.aboutOpen) return closePopup();  // answered elsewhere: the app's state decides
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
    if (ImGui::Button("Close", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      ImGui::CloseCurrentPopup();
      emit(intent::CloseAbout{});
    }
    ImGui::EndPopup();
  }
}

void drawErrorModal(const AppState& state, const EmitIntent& emit) {
  if (!state.errorText.empty() && !ImGui::IsPopupOpen(kErrorPopup)) ImGui::OpenPopup(kErrorPopup);
  centreNextPopup();
  if (ImGui::BeginPopupModal(kErrorPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (state.errorText.empty()) return closePopup();  // answered elsewhere: the app's state decides
    ImGui::PushTextWrapPos(em(30));
    ImGui::TextUnformatted(state.errorText.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::Button("OK", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
      emit(intent::DismissError{});
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void drawUnsavedModal(const AppState& state, const EmitIntent& emit) {
  if (state.unsavedQuestion && !ImGui::IsPopupOpen(kUnsavedPopup)) ImGui::OpenPopup(kUnsavedPopup);
  centreNextPopup();
  if (ImGui::BeginPopupModal(kUnsavedPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (!state.unsavedQuestion) return closePopup();  // answered elsewhere: the app's state decides
    const bool quitting = state.unsavedQuestion && state.unsavedQuestion->kind == UnsavedQuestion::Kind::Quit;
    const char* before = quitting ? "before quitting" : "first";
    const auto question = fmt::format("Save the changes to \"{}\" {}?", state.editor.draft.name, before);
    ImGui::PushTextWrapPos(em(26));
    ImGui::TextUnformatted(question.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // Each answer closes the question; what was asked for then happens.
    if (ImGui::Button("Save", ImVec2(em(6), 0))) {
      ImGui::CloseCurrentPopup();
      emit(intent::SaveThenContinue{});
    } else {
      ImGui::SameLine();
      if (ImGui::Button("Don't save", ImVec2(em(7), 0))) {
        ImGui::CloseCurrentPopup();
        emit(intent::DiscardThenContinue{});
      } else {
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
          ImGui::CloseCurrentPopup();
          emit(intent::CancelUnsaved{});
        }
      }
    }
    ImGui::EndPopup();
  }
}

}  // namespace

// Asks for a path inside the app when the desktop has no file dialog.
void Frame::drawPathPrompt(const AppState& state, const EmitIntent& emit) {
  const auto& prompt = state.pathPrompt;
  if (prompt.open && !ImGui::IsPopupOpen(kPathPopup)) {
    ImGui::OpenPopup(kPathPopup);
    pathTyped_ = prompt.suggestion;
  }
  centreNextPopup();
  if (ImGui::BeginPopupModal(kPathPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (!prompt.open) return closePopup();  // answered elsewhere: the app's state decides
    ImGui::TextUnformatted(prompt.choice == FileChoice::ImportSession   ? "Session file to import:"
                           : prompt.choice == FileChoice::ExportReport ? "Write the report to:"
                                                                       : "Export the session to:");
    ImGui::SetNextItemWidth(std::min(em(30), ImGui::GetMainViewport()->WorkSize.x - em(4)));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##path", &pathTyped_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    const bool ok = ImGui::Button(prompt.choice == FileChoice::ImportSession ? "Preview" : "Export", ImVec2(em(6), 0));
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel", ImVec2(em(6), 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    if ((ok || entered) && !pathTyped_.empty()) {
      ImGui::CloseCurrentPopup();
      emit(intent::PathChosen{prompt.choice, pathTyped_});
    } else if (cancel) {
      ImGui::CloseCurrentPopup();
      emit(intent::CancelPathPrompt{});
    }
    ImGui::EndPopup();
  }
}

void Frame::handleShortcuts(const AppState& state, const EmitIntent& emit) {
  if (shortcutPressed('Q') && state.canQuit) emit(intent::Quit{});
  if (!state.storeOpen) return;
  // Text fields keep their own Ctrl+Z; the app's undo acts outside them.
  const bool typing = ImGui::GetIO().WantTextInput;
  if (shortcutPressed('Z') && !typing) emit(intent::Undo{});
  if ((shortcutPressed('Z', true) || shortcutPressed('Y')) && !typing) emit(intent::Redo{});
  if (shortcutPressed('S')) emit(intent::SaveEditor{});
  if (shortcutPressed('N') && !state.readOnly) emit(intent::NewProfile{});
  if (shortcutPressed('O')) emit(intent::ChooseImportFile{});
  if (shortcutPressed('F')) {
    emit(intent::OpenView{ViewId::Profiles});
    profiles_.focusFilter();
  }
}

namespace {

void drawToasts(const AppState& state) {
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
    // A long message wraps within the screen (a phone's is narrow) rather than leave it.
    const float widest = std::max(em(8), std::min(em(30), viewport->WorkSize.x - em(3)));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(widest + em(1.5f), viewport->WorkSize.y));
    if (ImGui::Begin(id.c_str(), nullptr, flags)) {
      const float textWidth = std::min(ImGui::CalcTextSize(it->text.c_str()).x, widest);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textWidth);
      ImGui::TextUnformatted(it->text.c_str());
      ImGui::PopTextWrapPos();
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

namespace {

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

}  // namespace

std::optional<std::string> Frame::drawViews(const AppState& state, const EmitIntent& emit) {
  try {
    drawMenuBar(state, emit);
    drawMainArea(state, emit);
    // After the views: a field typed into and Ctrl+S in one frame save what was typed.
    handleShortcuts(state, emit);
    drawStatusBar(state);
    drawAbout(state, emit);
    drawUnsavedModal(state, emit);
    drawPathPrompt(state, emit);
    drawErrorModal(state, emit);
    drawToasts(state);
  } catch (const std::exception& e) {
    recoverFromThrow();
    return fmt::format("Something could not be shown: {}", e.what());
  }
  return std::nullopt;
}

void Frame::draw(Controller& app) {
  app.beginFrame(ImGui::GetTime());
  const EmitIntent emit = [&app](Intent intent) { app.emit(std::move(intent)); };
  if (auto failure = drawViews(app.state(), emit)) app.reportError(std::move(*failure));
  app.endFrame();
}

}  // namespace rolefit::ui
