#include "ui/app_state.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "rolefit/assets.hpp"
#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit::ui {
namespace {
constexpr std::array<std::string_view, 6> kViewNames{"welcome", "profiles", "editor", "compare", "roles", "session"};
constexpr std::array<std::string_view, 6> kViewTitles{"Welcome", "Profiles", "Editor", "Compare", "Roles", "Session"};
constexpr double kToastSeconds = 4.0;
constexpr std::size_t kRecentFiles = 8;

// "Name (copy)" within the contract's 200 characters.
std::string withSuffix(const std::string& name, std::string_view suffix) {
  return std::string(firstCharacters(name, 200 - utf8Length(suffix))) + std::string(suffix);
}

std::string countOf(std::size_t n, std::string_view one) {
  return fmt::format("{} {}{}", n, one, n == 1 ? "" : "s");
}

}  // namespace

std::span<const std::string_view> viewNames() { return kViewNames; }

std::optional<ViewId> viewFromName(std::string_view name) {
  for (std::size_t i = 0; i < kViewNames.size(); ++i)
    if (kViewNames[i] == name) return static_cast<ViewId>(i);
  return std::nullopt;
}

std::string_view viewName(ViewId view) { return kViewNames.at(static_cast<std::size_t>(view)); }
std::string_view viewTitle(ViewId view) { return kViewTitles.at(static_cast<std::size_t>(view)); }

std::string EditorState::problemOf(std::string_view field) const {
  std::string out;
  for (const auto& p : problems)
    if (p.field == field) out += (out.empty() ? "" : "; ") + p.message;
  return out;
}

// ---------------------------------------------------------------- store

void AppState::openStore(const std::filesystem::path& path, bool addSamplesIfNew) {
  dbPath = path;
  store.reset();
  storeError.clear();
  storeBackups.clear();
  undoStack.clear();
  try {
    const bool isNew = !std::filesystem::exists(path);
    store = std::make_unique<Store>(path);
    if (addSamplesIfNew && isNew && store->profileCount() == 0) {
      auto samples = readProfilesCsv(assets::sample_companies);
      if (samples.problems.empty()) {
        const auto ids = store->saveAll(samples.profiles);
        // A first session too, so that sharing has something to show.
        const auto session = store->createSession("Sample companies", "The seven companies RoleFit starts with.");
        store->addToSession(session.id, ids);
      }
    }
    reloadProfiles();
  } catch (const std::exception& e) {
    store.reset();
    storeError = e.what();
    // A damaged database comes with the backups that could replace it.
    if (const auto* corrupt = dynamic_cast<const CorruptDatabaseError*>(&e)) storeBackups = corrupt->backups();
    profiles.clear();
    scores.clear();
    profileOrder.clear();
    index_.clear();
  }
}

void AppState::restoreNewestBackup() {
  if (queueWhileDrawing([this] { restoreNewestBackup(); })) return;
  if (storeBackups.empty()) return;
  try {
    const auto damaged = Store::restoreBackup(dbPath, storeBackups.front());
    openStore(dbPath, /*addSamplesIfNew=*/false);
    if (store) toast(fmt::format("Backup restored; the damaged file is kept as {}", damaged.filename().string()));
  } catch (const std::exception& e) {
    showError(fmt::format("The backup could not be restored: {}", e.what()));
  }
}

namespace {
// Days since 1970-01-01 in UTC (the system clock counts from that epoch).
std::int64_t utcDayNow() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
}
}  // namespace

void AppState::formatChangeTimes() {
  rowTextsDay_ = utcDayNow();
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{rowTextsDay_}}};
  char today[16];
  std::snprintf(today, sizeof today, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  for (std::size_t i = 0; i < profiles.size() && i < rowTexts.size(); ++i) {
    // The time for today's changes, the day for older ones: what tells rows
    // apart at a glance (timestamps are ISO 8601, "2026-11-23T13:42:07Z").
    const std::string& at = profiles[i].updated_at;
    auto& t = rowTexts[i];
    if (at.size() >= 16 && at.compare(0, 10, today) == 0) std::snprintf(t.updated, sizeof t.updated, "%.5s", at.c_str() + 11);
    else std::snprintf(t.updated, sizeof t.updated, "%.10s", at.c_str());
    t.widthsFontSize = 0;  // every text of the row is measured again (a reload ends here too)
  }
}

void AppState::refreshChangeTimesAfterMidnight() {
  if (utcDayNow() != rowTextsDay_) formatChangeTimes();
}

void AppState::reloadProfiles() {
  if (queueWhileDrawing([this] { reloadProfiles(); })) return;
  if (!store) return;
  try {
    profiles = store->profiles();
    roleModels = store->activeRoleModels();
    roleModelCopies = store->roleModelCopies();
    // The quick scores only (no reasons or what-if): cheap enough for 10,000 rows.
    scores.clear();
    scores.reserve(profiles.size());
    for (const auto& p : profiles) scores.push_back(score(p, roleModels));
    rowTexts.resize(profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      auto& t = rowTexts[i];
      t.key = ImHashStr(profiles[i].id.c_str());
      const std::string employees = groupedThousands(profiles[i].employees);
      std::snprintf(t.employees, sizeof t.employees, "%s", employees.c_str());
      std::snprintf(t.cioFit, sizeof t.cioFit, "%.0f", scores[i].fit[0]);
      std::snprintf(t.ctoFit, sizeof t.ctoFit, "%.0f", scores[i].fit[1]);
      std::snprintf(t.fits, sizeof t.fits, "%.0f / %.0f", scores[i].fit[0], scores[i].fit[1]);
    }
    formatChangeTimes();
    profileOrder.resize(profiles.size());
    for (std::size_t i = 0; i < profileOrder.size(); ++i) profileOrder[i] = i;
    profileOrderStale = true;
    visibleRowsStale = true;
    evaluations_.clear();
    index_.clear();
    index_.reserve(profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i) index_.emplace(profiles[i].id, i);
    std::erase_if(selection, [&](const std::string& id) { return !index_.contains(id); });
    if (!currentId.empty() && !index_.contains(currentId)) currentId.clear();
    reloadSessions();
    if (editor.open && !editor.isNew) {
      if (!index_.contains(editor.saved.id)) {
        editor = EditorState{};  // deleted (or an undone add): nothing left to edit
      } else if (auto stored = store->profile(editor.saved.id)) {
        const bool wasDirty = editor.dirty();
        editor.saved = *stored;
        if (!wasDirty) editor.draft = *stored;  // keep what the user is typing
        editor.revisions = store->revisions(editor.saved.id);
        refreshEditor();
      }
    }
    dataVersion_ = store->dataVersion();
  } catch (const std::exception& e) {
    showError(fmt::format("Could not read the profiles: {}", e.what()));
  }
}

void AppState::reloadSessions() {
  sessions = store->sessions();
  if (!currentSessionId.empty() &&
      std::none_of(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == currentSessionId; }))
    currentSessionId.clear();
  if (currentSessionId.empty() && !sessions.empty()) currentSessionId = sessions.front().id;
  sessionInputs.members = sessionMembers(currentSessionId);
  std::erase_if(sessionInputs.chosenMembers, [&](const std::string& id) {
    return std::find(sessionInputs.members.begin(), sessionInputs.members.end(), id) == sessionInputs.members.end();
  });
}

bool AppState::refreshIfChangedElsewhere() {
  if (!store) return false;
  try {
    if (store->dataVersion() == dataVersion_) return false;
    reloadProfiles();
    return true;
  } catch (const std::exception&) {
    return false;  // a busy database is asked again on the next wake-up
  }
}

const Profile* AppState::profileById(std::string_view id) const {
  const auto i = indexOf(id);
  return i ? &profiles[*i] : nullptr;
}

const Evaluation& AppState::evaluationOf(const Profile& profile) {
  auto& slot = evaluations_[profile.id];
  if (slot.first != profile.revision || slot.second.roleModelVersion != roleModels.version || profile.revision == 0)
    slot = {profile.revision, evaluate(profile, roleModels)};
  return slot.second;
}

std::optional<std::size_t> AppState::indexOf(std::string_view id) const {
  if (const auto it = index_.find(std::string(id)); it != index_.end()) return it->second;
  return std::nullopt;
}

// ---------------------------------------------------------------- selection

bool AppState::isSelected(std::string_view id) const {
  return std::find(selection.begin(), selection.end(), id) != selection.end();
}

void AppState::select(const std::string& id, bool add) {
  if (queueWhileDrawing([=, this] { select(id, add); })) return;
  if (add) {
    if (auto it = std::find(selection.begin(), selection.end(), id); it != selection.end()) selection.erase(it);
    else selection.push_back(id);
  } else {
    selection = {id};
  }
  currentId = id;
}

void AppState::selectAll(std::span<const std::size_t> rows) {
  // Ids, not row numbers: a queued intent before this one may re-read the profiles.
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (std::size_t i : rows) ids.push_back(profiles[i].id);
  if (queueWhileDrawing([this, ids] { selection = ids; })) return;
  selection = std::move(ids);
}

// ---------------------------------------------------------------- commands

void AppState::runCommand(Command command) {
  try {
    undoStack.run(*this, std::move(command));
  } catch (const ValidationError& e) {
    showError(fmt::format("Not saved: {}", e.what()));
  } catch (const std::exception& e) {
    showError(e.what());
  }
  reloadProfiles();
}

void AppState::undo() {
  if (queueWhileDrawing([this] { undo(); })) return;
  if (!undoStack.canUndo()) return;
  const std::string label = undoStack.undoLabel();
  try {
    undoStack.undo(*this);
    toast(fmt::format("Undone: {}", label));
  } catch (const std::exception& e) {
    showError(fmt::format("Could not undo \"{}\": {}", label, e.what()));
  }
  reloadProfiles();
}

void AppState::redo() {
  if (queueWhileDrawing([this] { redo(); })) return;
  if (!undoStack.canRedo()) return;
  const std::string label = undoStack.redoLabel();
  try {
    undoStack.redo(*this);
    toast(fmt::format("Redone: {}", label));
  } catch (const std::exception& e) {
    showError(fmt::format("Could not redo \"{}\": {}", label, e.what()));
  }
  reloadProfiles();
}

// ---------------------------------------------------------------- profiles

void AppState::newProfile() {
  if (queueWhileDrawing([this] { newProfile(); })) return;
  if (editor.dirty()) {
    afterUnsaved = {AfterUnsaved::Kind::NewProfile, {}};
    askUnsaved = true;
    view = ViewId::Editor;
    return;
  }
  Profile blank;
  blank.name = "New company";
  editor = EditorState{};
  editor.open = true;
  editor.isNew = true;
  editor.draft = blank;
  editor.saved = blank;
  view = ViewId::Editor;
  refreshEditor();
}

void AppState::openEditor(const std::string& id) {
  if (queueWhileDrawing([=, this] { openEditor(id); })) return;
  const Profile* p = profileById(id);
  if (!p) return;
  if (editor.dirty() && (editor.isNew || editor.saved.id != id)) {
    afterUnsaved = {AfterUnsaved::Kind::OpenProfile, id};
    askUnsaved = true;
    view = ViewId::Editor;
    return;
  }
  currentId = id;
  if (!editor.open || editor.saved.id != id) {
    editor = EditorState{};
    editor.open = true;
    editor.draft = *p;
    editor.saved = *p;
    try {
      editor.revisions = store->revisions(id);
    } catch (const std::exception& e) {
      showError(e.what());
    }
    refreshEditor();
  }
  view = ViewId::Editor;
}

void AppState::refreshEditor() {
  editor.problems = validate(editor.draft);
  editor.result.reset();
  if (editor.problems.empty()) editor.result = evaluate(editor.draft, roleModels);
}

void AppState::saveEditor() {
  if (queueWhileDrawing([this] { saveEditor(); })) return;
  trySaveEditor();
}

bool AppState::trySaveEditor() {
  if (!editor.open || !store) return false;
  refreshEditor();
  if (!editor.problems.empty()) {
    toast(fmt::format("Not saved: {} field{} to correct", editor.problems.size(), editor.problems.size() == 1 ? "" : "s"));
    return false;
  }
  if (!editor.dirty()) return true;
  const Profile after = editor.draft;
  if (editor.isNew) {
    auto id = std::make_shared<std::string>();
    runCommand({fmt::format("Add {}", after.name),
                [after, id](AppState& s) {
                  if (id->empty()) *id = s.store->save(after).id;
                  else s.store->restoreFromBin(*id);
                },
                [id](AppState& s) { s.store->moveToBin(*id); }});
    if (id->empty()) return false;
    editor.isNew = false;
    editor.saved.id = *id;
    currentId = *id;
    selection = {*id};
  } else {
    const auto before = store->profile(after.id);
    if (!before) return false;
    runCommand({fmt::format("Edit {}", after.name), [after](AppState& s) { s.store->save(after); },
                [before = *before](AppState& s) { s.store->save(before); }});
  }
  if (auto stored = store->profile(editor.saved.id)) {
    editor.saved = *stored;
    editor.draft = *stored;
    editor.revisions = store->revisions(stored->id);
  }
  refreshEditor();
  toast(fmt::format("Saved {}", editor.saved.name));
  return true;
}

void AppState::revertEditor() {
  if (queueWhileDrawing([this] { revertEditor(); })) return;
  if (!editor.open) return;
  editor.draft = editor.saved;
  refreshEditor();
}

void AppState::duplicateProfile(const std::string& sourceId) {
  if (queueWhileDrawing([=, this] { duplicateProfile(sourceId); })) return;
  const Profile* source = profileById(sourceId);
  if (!source) return;
  Profile copy = *source;
  copy.id.clear();
  copy.revision = 0;
  copy.created_at.clear();
  copy.updated_at.clear();
  copy.name = withSuffix(source->name, " (copy)");
  auto id = std::make_shared<std::string>();
  runCommand({fmt::format("Duplicate {}", source->name),
              [copy, id](AppState& s) {
                if (id->empty()) *id = s.store->save(copy).id;
                else s.store->restoreFromBin(*id);
              },
              [id](AppState& s) { s.store->moveToBin(*id); }});
  if (!id->empty()) {
    selection = {*id};
    currentId = *id;
  }
}

void AppState::deleteProfiles(std::vector<std::string> ids) {
  if (queueWhileDrawing([=, this] { deleteProfiles(ids); })) return;
  std::erase_if(ids, [&](const std::string& id) { return !profileById(id); });
  if (ids.empty()) return;
  const std::string label = ids.size() == 1 ? fmt::format("Delete {}", profileById(ids[0])->name)
                                            : fmt::format("Delete {}", countOf(ids.size(), "profile"));
  if (editor.open && std::find(ids.begin(), ids.end(), editor.saved.id) != ids.end()) editor = EditorState{};
  runCommand({label,
              [ids](AppState& s) {
                for (const auto& id : ids) s.store->moveToBin(id);
              },
              [ids](AppState& s) {
                for (const auto& id : ids) s.store->restoreFromBin(id);
                s.selection = ids;  // back as they were when deleted
              }});
  selection.clear();
  toast(fmt::format("{} moved to the bin (Ctrl+Z brings {} back)", countOf(ids.size(), "profile"),
                    ids.size() == 1 ? "it" : "them"));
}

void AppState::restoreRevision(const std::string& id, std::int64_t revision) {
  if (queueWhileDrawing([=, this] { restoreRevision(id, revision); })) return;
  try {
    const Profile old = store->revision(id, revision);
    const auto before = store->profile(id);
    if (!before) return;
    Profile after = *before;
    for (const auto& f : profileFields()) setFieldText(after, f, fieldText(old, f));
    runCommand({fmt::format("Restore revision {} of {}", revision, before->name),
                [after](AppState& s) { s.store->save(after); },
                [before = *before](AppState& s) { s.store->save(before); }});
    if (editor.open && editor.saved.id == id) {
      editor.saved = *store->profile(id);
      editor.draft = editor.saved;
      editor.revisions = store->revisions(id);
      editor.shownRevision = 0;
      editor.revisionContent.reset();
      refreshEditor();
    }
    toast(fmt::format("Revision {} restored as a new revision", revision));
  } catch (const std::exception& e) {
    showError(e.what());
  }
}

void AppState::showRevision(std::int64_t revision) {
  editor.shownRevision = revision;
  editor.revisionContent.reset();
  if (revision == 0 || !store) return;
  try {
    editor.revisionContent = store->revision(editor.saved.id, revision);
  } catch (const std::exception& e) {
    showError(e.what());
  }
}

// ---------------------------------------------------------------- role models

void AppState::copyRoleModel(std::string_view roleId) {
  if (queueWhileDrawing([this, role = std::string(roleId)] { copyRoleModel(role); })) return;
  RoleModelCopy copy;
  copy.model = roleModels.roleModel(roleId);
  copy.model.name = withSuffix(copy.model.name, " (my copy)");
  auto id = std::make_shared<std::string>();
  runCommand({fmt::format("Copy {}", copy.model.name),
              [copy, id](AppState& s) {
                RoleModelCopy c = copy;
                c.id = *id;
                *id = s.store->saveRoleModelCopy(c).id;
              },
              [id](AppState& s) { s.store->deleteRoleModelCopy(*id); }});
}

void AppState::saveRoleModelCopy(RoleModelCopy copy) {
  if (queueWhileDrawing([=, this] { saveRoleModelCopy(copy); })) return;
  const auto before = std::find_if(roleModelCopies.begin(), roleModelCopies.end(),
                                   [&](const RoleModelCopy& c) { return c.id == copy.id; });
  if (before == roleModelCopies.end()) return;
  runCommand({fmt::format("Edit {}", copy.model.name), [copy](AppState& s) { s.store->saveRoleModelCopy(copy); },
              [old = *before](AppState& s) { s.store->saveRoleModelCopy(old); }});
}

void AppState::deleteRoleModelCopy(const std::string& id) {
  if (queueWhileDrawing([=, this] { deleteRoleModelCopy(id); })) return;
  const auto before = std::find_if(roleModelCopies.begin(), roleModelCopies.end(),
                                   [&](const RoleModelCopy& c) { return c.id == id; });
  if (before == roleModelCopies.end()) return;
  runCommand({fmt::format("Delete {}", before->model.name), [id](AppState& s) { s.store->deleteRoleModelCopy(id); },
              [old = *before](AppState& s) { s.store->saveRoleModelCopy(old); }});
}

// ---------------------------------------------------------------- sessions

std::vector<std::string> AppState::sessionMembers(const std::string& id) const {
  if (!store || id.empty()) return {};
  try {
    return store->sessionProfileIds(id);
  } catch (const std::exception&) {
    return {};
  }
}

void AppState::showSession(const std::string& id) {
  if (queueWhileDrawing([=, this] { showSession(id); })) return;
  currentSessionId = id;
  sessionInputs.members = sessionMembers(id);
  sessionInputs.chosenMembers.clear();
  sessionInputs.renaming = false;
}

void AppState::createSessionFromSelection(std::string name) {
  if (queueWhileDrawing([=, this] { createSessionFromSelection(name); })) return;
  auto id = std::make_shared<std::string>();
  const std::vector<std::string> members = selection;
  runCommand({fmt::format("New session {}", name),
              [name, members, id](AppState& s) {
                *id = s.store->createSession(name, {}, *id).id;
                if (!members.empty()) s.store->addToSession(*id, members);
              },
              [id](AppState& s) { s.store->deleteSession(*id); }});
  if (!id->empty()) showSession(*id);
}

void AppState::renameSession(const std::string& id, std::string name) {
  if (queueWhileDrawing([=, this] { renameSession(id, name); })) return;
  const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == id; });
  if (it == sessions.end() || it->name == name) return;
  runCommand({fmt::format("Rename session {}", it->name), [id, name](AppState& s) { s.store->renameSession(id, name); },
              [id, old = it->name](AppState& s) { s.store->renameSession(id, old); }});
}

void AppState::deleteSession(const std::string& id) {
  if (queueWhileDrawing([=, this] { deleteSession(id); })) return;
  const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == id; });
  if (it == sessions.end()) return;
  const SessionInfo info = *it;
  const auto members = sessionMembers(id);
  runCommand({fmt::format("Delete session {}", info.name), [id](AppState& s) { s.store->deleteSession(id); },
              [info, members](AppState& s) {
                s.store->createSession(info.name, info.notes, info.id);
                if (!members.empty()) s.store->addToSession(info.id, members);
              }});
}

void AppState::addSelectionToSession(const std::string& id) {
  if (queueWhileDrawing([=, this] { addSelectionToSession(id); })) return;
  const auto existing = sessionMembers(id);
  std::vector<std::string> added;
  for (const auto& p : selection)
    if (std::find(existing.begin(), existing.end(), p) == existing.end()) added.push_back(p);
  if (added.empty()) return;
  runCommand({fmt::format("Add {} to the session", countOf(added.size(), "profile")),
              [id, added](AppState& s) { s.store->addToSession(id, added); },
              [id, added](AppState& s) { s.store->removeFromSession(id, added); }});
}

void AppState::removeFromSession(const std::string& id, std::vector<std::string> profileIds) {
  if (queueWhileDrawing([=, this] { removeFromSession(id, profileIds); })) return;
  if (profileIds.empty()) return;
  runCommand({fmt::format("Remove {} from the session", countOf(profileIds.size(), "profile")),
              [id, profileIds](AppState& s) { s.store->removeFromSession(id, profileIds); },
              [id, profileIds](AppState& s) { s.store->addToSession(id, profileIds); }});
}

void AppState::chooseExportFile() {
  if (queueWhileDrawing([this] { chooseExportFile(); })) return;
  const char* extension = exportFormat == SessionFormat::json ? ".json" : ".rfs";
  std::string name = "session";
  if (!exportSessionId.empty())
    for (const auto& s : sessions)
      if (s.id == exportSessionId) name = s.name;
  std::replace_if(name.begin(), name.end(), [](char c) { return c == '/' || c == '\\' || c == ':'; }, '-');
  choosePath(FileChoice::ExportSession, name + extension);
}

void AppState::exportTo(const std::string& path) {
  if (queueWhileDrawing([=, this] { exportTo(path); })) return;
  if (!store) return;
  try {
    std::vector<Profile> chosen;
    std::string name = "RoleFit session";
    std::string notes;
    if (!exportSessionId.empty()) {
      for (const auto& id : sessionMembers(exportSessionId))
        if (const Profile* p = profileById(id)) chosen.push_back(*p);
      if (auto info = store->session(exportSessionId)) {
        name = info->name;
        notes = info->notes;
      }
    } else {
      for (const auto& id : selection)
        if (const Profile* p = profileById(id)) chosen.push_back(*p);
      if (chosen.empty()) chosen = profiles;
    }
    Session session = makeSession(name, std::move(chosen), roleModels, platform::userName());
    session.notes = notes;
    rolefit::exportSession(path, session, exportFormat);
    rememberFile(path);
    toast(fmt::format("Exported {} to {}", countOf(session.profiles.size(), "profile"), path));
  } catch (const std::exception& e) {
    showError(fmt::format("Export failed: {}", e.what()));
  }
}

void AppState::chooseImportFile() { choosePath(FileChoice::ImportSession, recentFiles.empty() ? "" : recentFiles[0]); }

void AppState::previewImport(const std::vector<std::string>& paths) {
  if (queueWhileDrawing([=, this] { previewImport(paths); })) return;
  if (!store || paths.empty()) return;
  try {
    std::vector<LoadedSession> loaded;
    for (const auto& path : paths) loaded.push_back(readSessionFile(path));
    importPlan = planImport(store.get(), std::move(loaded), paths);
    for (const auto& path : paths) rememberFile(path);
    view = ViewId::Session;
  } catch (const std::exception& e) {
    importPlan.reset();
    showError(e.what());
  }
}

void AppState::applyImport() {
  if (queueWhileDrawing([this] { applyImport(); })) return;
  if (!store || !importPlan) return;
  try {
    const auto outcome = rolefit::applyImport(*store, *importPlan);
    importPlan.reset();
    toast(fmt::format("Imported: {} new, {} updated, {} kept both, {} kept yours, {} unchanged", outcome.added,
                      outcome.updated, outcome.keptBoth, outcome.keptMine, outcome.unchanged));
    for (const auto& notice : outcome.notices) toast(notice);
  } catch (const std::exception& e) {
    showError(fmt::format("Nothing was imported: {}", e.what()));
  }
  reloadProfiles();
}

void AppState::cancelImport() {
  if (queueWhileDrawing([this] { cancelImport(); })) return;
  importPlan.reset();
}

void AppState::showView(ViewId id) {
  view = id;
  if (profiles.empty()) return;
  if (id == ViewId::Editor && !editor.open) openEditor(currentId.empty() ? profiles.front().id : currentId);
  if (id == ViewId::Compare && currentId.empty() && selection.empty()) select(profiles.front().id, false);
  view = id;
}

// ---------------------------------------------------------------- files

void AppState::rememberFile(const std::string& path) {
  std::erase(recentFiles, path);
  recentFiles.insert(recentFiles.begin(), path);
  if (recentFiles.size() > kRecentFiles) recentFiles.resize(kRecentFiles);
}

void AppState::choosePath(FileChoice choice, const std::string& suggestion) {
  if (queueWhileDrawing([=, this] { choosePath(choice, suggestion); })) return;
  if (fileDialog) {
    const DialogAnswer answer = fileDialog(choice, suggestion);
    if (answer.available) {
      if (answer.path) pathChosen(choice, *answer.path);
      return;
    }
  }
  pathPrompt = {true, choice, suggestion};
}

void AppState::pathChosen(FileChoice choice, const std::string& path) {
  if (queueWhileDrawing([=, this] { pathChosen(choice, path); })) return;
  if (path.empty()) return;
  if (choice == FileChoice::ImportSession) previewImport({path});
  else exportTo(path);
}

void AppState::filesDropped(const std::vector<std::string>& paths) {
  if (queueWhileDrawing([=, this] { filesDropped(paths); })) return;
  if (paths.empty()) return;
  previewImport(paths);
}

// ---------------------------------------------------------------- frame-level

void AppState::toast(std::string text) {
  // Intents also run outside a frame (tests, start-up): time starts at 0 there.
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  toasts.push_back({std::move(text), now + kToastSeconds});
}

void AppState::showError(std::string text) { errorText = std::move(text); }

bool AppState::requestQuit() {
  if (editor.dirty() && !quitConfirmed) {
    afterUnsaved = {AfterUnsaved::Kind::Quit, {}};
    askUnsaved = true;
    return false;
  }
  quitConfirmed = true;
  return true;
}

void AppState::saveThenContinue() {
  if (queueWhileDrawing([this] { saveThenContinue(); })) return;
  askUnsaved = false;
  if (!trySaveEditor()) {
    view = ViewId::Editor;  // the form shows what to correct
    afterUnsaved = {};
    return;
  }
  discardThenContinue();  // nothing is left to discard: this only continues
}

void AppState::discardThenContinue() {
  if (queueWhileDrawing([this] { discardThenContinue(); })) return;
  askUnsaved = false;
  const AfterUnsaved next = afterUnsaved;
  afterUnsaved = {};
  editor = EditorState{};
  switch (next.kind) {
    case AfterUnsaved::Kind::Quit:
      quitConfirmed = true;
      quitRequested = true;
      break;
    case AfterUnsaved::Kind::OpenProfile: openEditor(next.profileId); break;
    case AfterUnsaved::Kind::NewProfile: newProfile(); break;
    case AfterUnsaved::Kind::None: break;
  }
}

bool AppState::queueWhileDrawing(std::function<void()> intent) {
  if (!drawingViews_) return false;
  queuedIntents_.push_back(std::move(intent));
  return true;
}

void AppState::beginViews() { drawingViews_ = true; }

void AppState::runQueuedIntents() {
  drawingViews_ = false;
  // Intents run now run at once, so none is queued while the list is worked off.
  auto intents = std::move(queuedIntents_);
  queuedIntents_.clear();
  for (auto& intent : intents) intent();
}

void AppState::cancelUnsaved() {
  if (queueWhileDrawing([this] { cancelUnsaved(); })) return;
  askUnsaved = false;
  if (afterUnsaved.kind == AfterUnsaved::Kind::Quit) quitRequested = false;
  afterUnsaved = {};
}

}  // namespace rolefit::ui
