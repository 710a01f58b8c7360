// Sessions: the list, one session's members, export and import. An import
// shows its preview here (new, unchanged, conflicting, field by field) and
// waits for a choice per profile before anything is written.
#include "ui/views/session_view.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"
#include "ui/widgets.hpp"

namespace rolefit::ui {
namespace {

const char* choiceLabel(ConflictChoice c) {
  switch (c) {
    case ConflictChoice::keepMine: return "Keep mine";
    case ConflictChoice::takeTheirs: return "Take theirs";
    case ConflictChoice::keepBoth: return "Keep both";
    case ConflictChoice::pickFields: return "Pick field by field";
  }
  return "";
}

bool choiceCombo(const char* id, ConflictChoice& choice, float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, choiceLabel(choice))) {
    for (auto c : {ConflictChoice::keepMine, ConflictChoice::takeTheirs, ConflictChoice::keepBoth, ConflictChoice::pickFields}) {
      if (ImGui::Selectable(choiceLabel(c), c == choice)) {
        choice = c;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// A difference's value as people read it: choices by their label.
std::string_view shownValue(const FieldInfo* field, const std::string& value) {
  return field ? choiceLabel(*field, value) : std::string_view(value);
}

void differencesTable(const ImportItem& item) {
  if (!ImGui::BeginTable("differences", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("Field", 0, 1.0f);
  ImGui::TableSetupColumn("Yours", 0, 1.6f);
  ImGui::TableSetupColumn("Theirs", 0, 1.6f);
  ImGui::TableHeadersRow();
  for (const auto& d : item.differences) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const FieldInfo* f = findField(d.field);
    textView(f ? f->label : std::string_view(d.field));
    ImGui::PushTextWrapPos(0);
    ImGui::TableNextColumn();
    valueView(shownValue(f, d.mine));
    ImGui::TableNextColumn();
    valueView(shownValue(f, d.theirs));
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTable();
}

void fieldPicker(const ImportItem& item, std::size_t index, const EmitIntent& emit) {
  ImGui::Indent(em(1.5f));
  for (const auto& d : item.differences) {
    ImGui::PushID(d.field.c_str());
    bool take = std::find(item.takeFields.begin(), item.takeFields.end(), d.field) != item.takeFields.end();
    const FieldInfo* f = findField(d.field);
    const std::string label = f ? std::string(f->label) : d.field;
    if (ImGui::Checkbox(safeLabel(label, "take").c_str(), &take)) emit(intent::TakeField{index, d.field, take});
    ImGui::Indent(em(1.8f));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("yours:");
    ImGui::SameLine();
    valueView(shownValue(f, d.mine));
    ImGui::TextDisabled("theirs:");
    ImGui::SameLine();
    valueView(shownValue(f, d.theirs));
    ImGui::PopTextWrapPos();
    ImGui::Unindent(em(1.8f));
    ImGui::PopID();
  }
  ImGui::Unindent(em(1.5f));
}

// Each file's session, where it comes from and what it could not read.
void previewFiles(const AppState& state, const ImportPlan& plan) {
  for (std::size_t f = 0; f < plan.files.size(); ++f) {
    const auto& loaded = plan.files[f];
    const auto& s = loaded.session;
    ImGui::PushTextWrapPos(0);
    const auto line = fmt::format("{}: \"{}\", {}{}{}; role models {}", plan.labels[f], s.name,
                                  countOf(s.profiles.size(), "profile"),
                                  s.exportedBy.empty() ? "" : ", from " + s.exportedBy,
                                  s.exportedAt.empty() ? "" : " on " + s.exportedAt, s.roleModelVersion);
    ImGui::TextDisabled("%s", line.c_str());
    if (!s.ratings.empty()) textView(fmt::format("{} of these companies come with it.", countOf(s.ratings.size(), "rating")));
    if (!s.withheld.empty()) ImGui::TextColored(palette().warning, "%s", withheldNotice(s.withheld).c_str());
    for (const auto& notice : loaded.file.notices) textView(notice);
    if (s.roleModelVersion != state.roleModels.version) {
      const auto note = fmt::format("Their results used role models {}; yours are {}.", s.roleModelVersion,
                                    state.roleModels.version);
      ImGui::TextColored(palette().warning, "%s", note.c_str());
    }
    ImGui::PopTextWrapPos();
  }
}

// The counts, and one choice for every conflict at once.
void previewCounts(const ImportPlan& plan, const EmitIntent& emit, bool narrow) {
  const std::size_t conflicts = plan.count(ImportStatus::conflict);
  ImGui::TextColored(palette().positive, "%zu new", plan.count(ImportStatus::added));
  ImGui::SameLine();
  ImGui::TextColored(palette().neutral, "%zu unchanged", plan.count(ImportStatus::unchanged));
  ImGui::SameLine();
  ImGui::TextColored(palette().warning, "%zu conflicting", conflicts);
  if (conflicts == 0) return;
  if (!narrow) ImGui::SameLine();
  ConflictChoice all = ConflictChoice::keepMine;
  bool uniform = true;
  bool first = true;
  for (const auto& item : plan.items) {
    if (item.status != ImportStatus::conflict) continue;
    if (first) all = item.choice;
    else uniform &= item.choice == all;
    first = false;
  }
  ImGui::TextUnformatted("For all conflicts:");
  ImGui::SameLine();
  ConflictChoice chosen = uniform ? all : ConflictChoice::keepMine;
  if (choiceCombo("##all", chosen, em(11))) emit(intent::ChooseForAllConflicts{chosen});
}

void previewItem(const ImportPlan& plan, std::size_t index, const EmitIntent& emit, bool narrow) {
  const ImportItem& item = plan.items[index];
  const Profile& theirs = plan.incoming(item).profile;
  switch (item.status) {
    case ImportStatus::added: ImGui::TextColored(palette().positive, "new"); break;
    case ImportStatus::unchanged: ImGui::TextColored(palette().neutral, "unchanged"); break;
    case ImportStatus::conflict: ImGui::TextColored(palette().warning, "conflict"); break;
  }
  ImGui::SameLine(em(6));
  ImGui::TextUnformatted(theirs.name.c_str());
  if (item.status != ImportStatus::conflict) return;
  ImGui::SameLine();
  const std::size_t n = item.differences.size();
  const auto summary = fmt::format("({} {})", countOf(n, "field"), n == 1 ? "differs" : "differ");
  ImGui::TextDisabled("%s", summary.c_str());
  if (item.mineInBin) {
    ImGui::SameLine();
    ImGui::TextDisabled("yours is in the bin");
  }
  const float indent = narrow ? em(1) : em(6);
  ImGui::Indent(indent);
  ConflictChoice choice = item.choice;
  if (choiceCombo("##choice", choice, em(12))) emit(intent::ChooseConflict{index, choice});
  if (item.choice == ConflictChoice::pickFields) fieldPicker(item, index, emit);
  else if (ImGui::TreeNodeEx("What differs", ImGuiTreeNodeFlags_DefaultOpen)) {
    differencesTable(item);
    ImGui::TreePop();
  }
  ImGui::Unindent(indent);
}

void drawPreview(const AppState& state, const EmitIntent& emit) {
  const ImportPlan& plan = *state.importPlan;
  const bool narrow = isNarrow();
  ImGui::TextUnformatted("Import preview: nothing is written until you apply it");
  previewFiles(state, plan);
  previewCounts(plan, emit, narrow);
  beginDatabaseWrite(state.readOnly);
  const bool apply = ImGui::Button("Apply import");
  endDatabaseWrite(state.readOnly);
  if (apply) {
    emit(intent::ApplyImport{});
    return;
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    emit(intent::CancelImport{});
    return;
  }
  ImGui::Separator();
  ImGui::BeginChild("preview-items");
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    previewItem(plan, i, emit, narrow);
    ImGui::PopID();
  }
  ImGui::EndChild();
}

// What an export leaves out of the file, for the colleagues it goes to.
void withholdCombo(const AppState& state, const EmitIntent& emit) {
  static constexpr std::array<std::pair<Withheld, const char*>, kWithheldCount> kChoices{{
      {Withheld::notes, "Notes"},
      {Withheld::revenue_musd, "Revenue"},
      {Withheld::leaders, "Today's leaders"},
      {Withheld::ratings, "Ratings"},
      {Withheld::rater_names, "Raters' names (numbered instead)"},
      {Withheld::results, "Results"},
  }};
  const auto names = state.exportWithheld.names();
  const std::string preview = names.empty() ? std::string("Withhold nothing")
                                            : fmt::format("Withhold {}", countOf(names.size(), "item"));
  ImGui::SetNextItemWidth(em(11));
  if (ImGui::BeginCombo("##withhold", preview.c_str())) {
    ImGui::TextDisabled("Left out of exported files:");
    for (const auto& [field, label] : kChoices) {
      bool on = state.exportWithheld.has(field);
      if (ImGui::Checkbox(label, &on)) emit(intent::SetExportWithheld{field, on});
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("##withhold"))
    ImGui::SetTooltip("What exports leave out: absent from the file, and a colleague's import keeps their own values");
}

void filesBar(const AppState& state, const EmitIntent& emit) {
  ImGui::TextUnformatted("Format:");
  ImGui::SameLine();
  int format = state.exportFormat == SessionFormat::json ? 0 : 1;
  if (ImGui::RadioButton("JSON", &format, 0)) emit(intent::SetExportFormat{SessionFormat::json});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Readable and diffable; the default");
  ImGui::SameLine();
  if (ImGui::RadioButton("Binary", &format, 1)) emit(intent::SetExportFormat{SessionFormat::binary});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Compact, with a checksum");
  // On a phone the withholding starts a line of its own: the line has no room.
  if (!isNarrow()) ImGui::SameLine();
  withholdCombo(state, emit);
  ImGui::SameLine();
  if (ImGui::Button("Import...")) emit(intent::ChooseImportFile{});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Import session files (Ctrl+O); you can also drop them on the window");
  if (!state.recentFiles.empty()) {
    // On its own line when the rest of this one cannot hold it (a phone).
    const float recentWidth = em(12);
    const float lineEnd = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (lineEnd - ImGui::GetItemRectMax().x > recentWidth + ImGui::GetStyle().ItemSpacing.x) ImGui::SameLine();
    ImGui::SetNextItemWidth(recentWidth);
    if (ImGui::BeginCombo("##recent", "Recent files")) {
      for (const auto& path : state.recentFiles)
        if (ImGui::Selectable(safeLabel(path, path).c_str())) {
          emit(intent::PreviewImport{{path}});
          break;
        }
      ImGui::EndCombo();
    }
  }
}

}  // namespace

// Another session picked (or the one shown deleted): its rename and choices
// no longer apply. Members gone from the session are no longer chosen.
void SessionView::followSession(const AppState& state) {
  if (state.currentSessionId != sessionSeen_) {
    sessionSeen_ = state.currentSessionId;
    renaming_ = false;
    chosenMembers_.clear();
  }
  const auto& members = state.currentSessionMembers;
  std::erase_if(chosenMembers_,
                [&](const std::string& id) { return std::find(members.begin(), members.end(), id) == members.end(); });
}

void SessionView::sessionList(const AppState& state, const EmitIntent& emit, float width, float height) {
  ImGui::BeginChild("session-list", ImVec2(width, height), true);
  ImGui::TextDisabled("Sessions");
  if (state.sessions.empty()) ImGui::TextDisabled("None yet.");
  for (const auto& s : state.sessions) {
    const auto label = fmt::format("{} ({})", s.name, s.profileCount);
    if (ImGui::Selectable(safeLabel(label, s.id).c_str(), s.id == state.currentSessionId))
      emit(intent::PickSession{s.id});
  }
  ImGui::Separator();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##new-name", "New session's name", &newName_);
  ImGui::BeginDisabled(newName_.empty());
  const auto create = state.selection.ids().empty() ? std::string("Create (empty)")
                                              : fmt::format("Create with the {} selected", state.selection.ids().size());
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button(create.c_str())) {
    emit(intent::CreateSessionFromSelection{newName_});
    newName_.clear();
  }
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  ImGui::EndChild();
}

void SessionView::nameLine(const SessionInfo& s, bool readOnly, const EmitIntent& emit) {
  if (renaming_) {
    ImGui::SetNextItemWidth(em(16));
    ImGui::InputText("##rename", &rename_);
    ImGui::SameLine();
    if (ImGui::Button("OK") && !rename_.empty()) {
      emit(intent::RenameSession{s.id, rename_});
      renaming_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) renaming_ = false;
    return;
  }
  ImGui::TextUnformatted(s.name.c_str());
  ImGui::SameLine();
  beginDatabaseWrite(readOnly);
  if (ImGui::SmallButton("Rename")) {
    rename_ = s.name;
    renaming_ = true;
  }
  endDatabaseWrite(readOnly);
  ImGui::SameLine();
  beginDatabaseWrite(readOnly);
  if (ImGui::SmallButton("Delete")) emit(intent::DeleteSession{s.id});
  endDatabaseWrite(readOnly);
}

void SessionView::memberRows(const AppState& state, const EmitIntent& emit) {
  const auto& members = state.currentSessionMembers;
  ImGui::BeginChild("members", ImVec2(0, 0), true);
  if (members.empty()) ImGui::TextDisabled("No profiles in this session.");
  // A session may hold thousands: only the rows in view are drawn.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(members.size()));
  while (clipper.Step())
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::string& id = members[static_cast<std::size_t>(row)];
      ImGui::PushID(id.c_str());
      const ProfileLine* line = state.lineById(id);
      bool chosen = std::find(chosenMembers_.begin(), chosenMembers_.end(), id) != chosenMembers_.end();
      if (ImGui::Checkbox("##chosen", &chosen)) {
        std::erase(chosenMembers_, id);
        if (chosen) chosenMembers_.push_back(id);
      }
      ImGui::SameLine();
      const float nameWidth = std::clamp(ImGui::GetContentRegionAvail().x - em(6.5f), em(6), em(16));
      // A member the list has not read yet (a large database still loading).
      const std::string name = line ? std::string(line->name()) : std::string("...");
      if (ImGui::Selectable(safeLabel(name, "open").c_str(), false, 0, ImVec2(nameWidth, 0)) && line) {
        emit(intent::Select{id, false});
        emit(intent::OpenView{ViewId::Compare});
      }
      if (line && line->scored) {
        ImGui::SameLine();
        structureBadge(line->recommendation);
      }
      ImGui::PopID();
    }
  ImGui::EndChild();
}

void SessionView::sessionDetails(const AppState& state, const EmitIntent& emit) {
  const auto it = std::find_if(state.sessions.begin(), state.sessions.end(),
                               [&](const SessionInfo& s) { return s.id == state.currentSessionId; });
  if (it == state.sessions.end()) {
    ImGui::TextDisabled("Choose or create a session.");
    return;
  }
  const SessionInfo& s = *it;
  nameLine(s, state.readOnly, emit);
  ImGui::PushTextWrapPos(0);
  if (!s.origin.empty()) ImGui::TextDisabled("%s", s.origin.c_str());
  if (!s.roleModelVersion.empty()) ImGui::TextDisabled("Sender's role models: %s", s.roleModelVersion.c_str());
  ImGui::PopTextWrapPos();

  ImGui::BeginDisabled(state.selection.ids().empty());
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button("Add selected profiles")) emit(intent::AddSelectionToSession{s.id});
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(chosenMembers_.empty());
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button("Remove chosen")) emit(intent::RemoveFromSession{s.id, chosenMembers_});
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Export...")) emit(intent::ChooseExportFile{s.id});
  memberRows(state, emit);
}

void SessionView::draw(const AppState& state, const EmitIntent& emit) {
  if (state.importPlan) {
    drawPreview(state, emit);
    return;
  }
  followSession(state);
  filesBar(state, emit);
  ImGui::Separator();
  if (isNarrow()) {
    sessionList(state, emit, 0, em(14));
    sessionDetails(state, emit);
    return;
  }
  const float listWidth = std::min(em(18), ImGui::GetContentRegionAvail().x * 0.4f);
  sessionList(state, emit, listWidth, 0);
  ImGui::SameLine();
  ImGui::BeginGroup();
  sessionDetails(state, emit);
  ImGui::EndGroup();
}

}  // namespace rolefit::ui
