// AppState's intents on sessions (create, rename, delete, members), export,
// import with its preview, and files chosen, dropped or remembered.
#include "ui/app_state.hpp"

#include <algorithm>
#include <memory>
#include <unordered_set>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/platform/paths.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit::ui {
namespace {
constexpr std::size_t kRecentFiles = 8;
}  // namespace

// ---------------------------------------------------------------- sessions

std::vector<std::string> AppState::sessionMembers(const std::string& id) const {
  // A read that fails throws: an empty list would look like an empty session,
  // and deleting it would then keep no members to bring back.
  if (!store || id.empty()) return {};
  return store->sessionProfileIds(id);
}

void AppState::pickSession(const std::string& id) {
  currentSessionId = id;
  try {
    currentSessionMembers = sessionMembers(id);
  } catch (const std::exception& e) {
    currentSessionMembers.clear();
    showError(fmt::format("Could not read the session: {}", e.what()));
  }
}

void AppState::createSessionFromSelection(std::string name) {
  auto id = std::make_shared<std::string>();
  const std::vector<std::string> members = selection_;
  runCommand({fmt::format("New session {}", name),
              [name, members, id](AppState& s) {
                *id = s.store->createSession(name, {}, *id).id;
                if (!members.empty()) s.store->addToSession(*id, members);
              },
              [id](AppState& s) { s.store->deleteSession(*id); }});
  if (!id->empty()) pickSession(*id);
}

void AppState::renameSession(const std::string& id, std::string name) {
  const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == id; });
  if (it == sessions.end() || it->name == name) return;
  runCommand({fmt::format("Rename session {}", it->name), [id, name](AppState& s) { s.store->renameSession(id, name); },
              [id, old = it->name](AppState& s) { s.store->renameSession(id, old); }});
}

void AppState::deleteSession(const std::string& id) {
  const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == id; });
  if (it == sessions.end()) return;
  const SessionInfo info = *it;
  std::vector<std::string> members;
  try {
    members = sessionMembers(id);
  } catch (const std::exception& e) {
    showError(fmt::format("The session was not deleted: {}", e.what()));
    return;
  }
  runCommand({fmt::format("Delete session {}", info.name), [id](AppState& s) { s.store->deleteSession(id); },
              [info, members](AppState& s) {
                s.store->createSession(info.name, info.notes, info.id);
                if (!members.empty()) s.store->addToSession(info.id, members);
              }});
}

void AppState::addSelectionToSession(const std::string& id) {
  std::vector<std::string> existing;
  try {
    existing = sessionMembers(id);
  } catch (const std::exception& e) {
    showError(fmt::format("Nothing was added: {}", e.what()));
    return;
  }
  // Hashed: a selection and a session may both hold 100,000 profiles.
  const std::unordered_set<std::string_view> members(existing.begin(), existing.end());
  std::vector<std::string> added;
  for (const auto& p : selection_)
    if (!members.contains(p)) added.push_back(p);
  if (added.empty()) return;
  runCommand({fmt::format("Add {} to the session", countOf(added.size(), "profile")),
              [id, added](AppState& s) { s.store->addToSession(id, added); },
              [id, added](AppState& s) { s.store->removeFromSession(id, added); }});
}

void AppState::removeFromSession(const std::string& id, std::vector<std::string> profileIds) {
  if (profileIds.empty()) return;
  runCommand({fmt::format("Remove {} from the session", countOf(profileIds.size(), "profile")),
              [id, profileIds](AppState& s) { s.store->removeFromSession(id, profileIds); },
              [id, profileIds](AppState& s) { s.store->addToSession(id, profileIds); }});
}

void AppState::chooseExportFile(std::optional<std::string> sessionId) {
  exportSessionId = std::move(sessionId);
  const char* extension = exportFormat == SessionFormat::json ? ".json" : ".rfs";
  std::string name = "session";
  if (exportSessionId)
    for (const auto& s : sessions)
      if (s.id == *exportSessionId) name = s.name;
  std::replace_if(name.begin(), name.end(), [](char c) { return c == '/' || c == '\\' || c == ':'; }, '-');
  choosePath(FileChoice::ExportSession, name + extension);
}

void AppState::exportTo(const std::string& path) {
  if (!store) return;
  try {
    ExportRequest request;
    if (exportSessionId) request.sessionId = *exportSessionId;
    else request.profileIds = selection_;  // none selected: all
    const Session session = sessionForExport(*store, request, platform::userName());
    rolefit::exportSession(path, session, exportFormat);
    rememberFile(path);
    toast(fmt::format("Exported {} to {}", countOf(session.profiles.size(), "profile"), path));
  } catch (const std::exception& e) {
    showError(fmt::format("Export failed: {}", e.what()));
  }
}

void AppState::chooseImportFile() { choosePath(FileChoice::ImportSession, recentFiles.empty() ? "" : recentFiles[0]); }

void AppState::previewImport(const std::vector<std::string>& paths) {
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
  if (!store || !importPlan) return;
  try {
    const auto outcome = rolefit::applyImport(*store, *importPlan);
    importPlan.reset();
    toast(fmt::format("Imported: {}", outcome.counts()));
    for (const auto& notice : outcome.notices) toast(notice);
  } catch (const std::exception& e) {
    showError(fmt::format("Nothing was imported: {}", e.what()));
  }
  reloadProfiles();
}

void AppState::cancelImport() {
  importPlan.reset();
}

// The plan may have been replaced since the view drew the item: an index
// past its end is dropped, not trusted.
void AppState::chooseConflict(std::size_t item, ConflictChoice choice) {
  if (!importPlan || item >= importPlan->items.size()) return;
  if (importPlan->items[item].status == ImportStatus::conflict) importPlan->items[item].choice = choice;
}

void AppState::takeField(std::size_t item, const std::string& field, bool take) {
  if (!importPlan || item >= importPlan->items.size()) return;
  auto& fields = importPlan->items[item].takeFields;
  std::erase(fields, field);
  if (take) fields.push_back(field);
}

void AppState::openView(ViewId id) {
  view = id;
  if (profileList->empty()) return;
  const std::string first((*profileList)[profileList->byName().front()].id());
  if (id == ViewId::Editor && !editor.open) openEditor(currentId.empty() ? first : currentId);
  if (id == ViewId::Compare && currentId.empty() && selection_.empty()) select(first, false);
  view = id;
}

// ---------------------------------------------------------------- files

void AppState::rememberFile(const std::string& path) {
  std::erase(recentFiles, path);
  recentFiles.insert(recentFiles.begin(), path);
  if (recentFiles.size() > kRecentFiles) recentFiles.resize(kRecentFiles);
}

void AppState::choosePath(FileChoice choice, const std::string& suggestion) {
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
  if (path.empty()) return;
  if (choice == FileChoice::ImportSession) previewImport({path});
  else exportTo(path);
}

void AppState::filesDropped(const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  previewImport(paths);
}

}  // namespace rolefit::ui
