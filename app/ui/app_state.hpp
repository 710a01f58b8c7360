// The one application state, passed by reference to every view. Views read
// it and emit intents as values (ui/intents.hpp); only intents touch the
// store, and every edit goes through the undo stack. Intents emitted while the
// views draw are applied once they are done (see beginViews).
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <imgui.h>

#include "rolefit/listing/profile_list.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"
#include "ui/commands.hpp"
#include "ui/intents.hpp"

namespace rolefit::ui {

class ProfilesView;
class SessionView;

std::span<const std::string_view> viewNames();
std::optional<ViewId> viewFromName(std::string_view name);
std::string_view viewName(ViewId view);
std::string_view viewTitle(ViewId view);  // "Profiles", "Editor", ...

struct Toast {
  std::string text;
  double expiresAt = 0;  // ImGui time
};

// The profile form: a draft the user types into, the saved version it
// started from, and what the draft would give, recomputed as it changes.
struct EditorState {
  bool open = false;
  bool isNew = false;
  Profile draft;
  Profile saved;
  std::vector<FieldProblem> problems;
  std::optional<Evaluation> result;  // of the draft, when it is valid
  std::vector<RevisionInfo> revisions;
  std::int64_t comparedRevision = 0;  // a revision opened for comparison; 0 = none
  std::optional<Profile> revisionContent;

  bool dirty() const { return open && (isNew || !draft.sameContent(saved)); }
  std::string problemOf(std::string_view field) const;  // "" when the field is fine
};

// What the file dialog returned. `available` is false when there is no
// desktop dialog (no zenity, no display): the app then asks in a window.
struct DialogAnswer {
  bool available = false;
  std::optional<std::string> path;  // empty when cancelled
};
using FileDialog = std::function<DialogAnswer(FileChoice choice, const std::string& suggestion)>;

class AppState {
 public:
  // ---- store
  // Opens the store; on failure the app still runs and shows why.
  void openStore(const std::filesystem::path& path, bool addSamplesIfNew);
  // Re-reads everything when another copy of RoleFit wrote to the database;
  // true when it did.
  bool refreshIfChangedElsewhere();
  void reloadProfiles();
  // Sets the damaged database aside, puts the newest backup in its place and
  // opens it.
  void restoreNewestBackup();

  std::filesystem::path dbPath;
  std::unique_ptr<Store> store;
  std::string storeError;
  std::vector<std::filesystem::path> storeBackups;  // offered when the database is damaged

  // Every profile as a line of the tables (name, industry, size, result).
  // A database of up to kReadAtOnceBytes is read before reloadProfiles
  // returns; a larger one on a background thread, so the first frame never
  // waits for it: the window shows the lines once they are read and their
  // results as they come. Until then `profileList` is the earlier read (or
  // empty), and loadProgress() says how far the new one is. Never null.
  std::shared_ptr<ProfileList> profileList = std::make_shared<ProfileList>();
  static constexpr std::uintmax_t kReadAtOnceBytes = 1 << 20;
  struct LoadProgress {
    bool reading = false;         // a background read is under way
    bool linesReady = false;      // ... and its lines are the ones shown
    std::size_t total = 0;        // profiles being read, once known
    std::size_t read = 0;         // before the lines are ready
    std::size_t scored = 0;       // of the shown lines
  };
  LoadProgress loadProgress() const;
  // Once a frame (and after waitForProfiles): takes what the background read
  // has produced. True when something changed.
  bool receiveProfiles();
  void waitForProfiles();  // starts the read if it waits, blocks until it is done (tests, benchmarks)
  // The window has put its first frame on screen: a background read waiting
  // for that starts (and later ones start at once).
  void windowShown();
  std::function<void()> wakeWindow;  // called from the reader's thread when it has something new
  std::size_t profileCount() const { return profileList->size(); }
  const ProfileLine* lineById(std::string_view id) const;
  RoleModelSet roleModels;  // the database's active role models
  // Replaces the list shown (what a read produced); the selection and the
  // current profile keep only what is still in it.
  void setProfileList(std::shared_ptr<ProfileList> list);
  // Results for lines of the list shown, as the background read delivers them.
  void setResults(std::span<const ProfileList::Result> results);
  // Steps whenever the list is replaced, and whenever results arrive for
  // it: how a view that keeps its own order or texts of the list knows to
  // redo them.
  std::uint64_t listGeneration() const { return listGeneration_; }
  std::uint64_t resultsGeneration() const { return resultsGeneration_; }
  // The ids of these lines of the list, in their order.
  std::vector<std::string> idsOf(std::span<const std::uint32_t> lines) const;
  // The full profile, read from the store when first asked for and kept
  // until the data changes; null when it is not in the list.
  const Profile* profileById(std::string_view id);
  // The full evaluation (reasons, what-if, responsibilities), kept until the
  // profile or the role models change.
  const Evaluation& evaluationOf(const Profile& profile);

  // ---- selection: the table's rows; the current one is what editor and compare show
  const std::vector<std::string>& selection() const { return selection_; }
  std::string currentId;
  bool isSelected(std::string_view id) const;
  void select(const std::string& id, bool add);  // add: Ctrl-click toggles
  void selectAll(std::span<const std::uint32_t> lines);

  // ---- profile intents (undoable)
  void newProfile();
  void openEditor(const std::string& id);
  void saveEditor();  // refused when the draft is invalid: the form says why
  void revertEditor();
  void duplicateProfile(const std::string& id);
  void deleteProfiles(std::vector<std::string> ids);
  void restoreRevision(const std::string& id, std::int64_t revision);
  void refreshEditor();  // after the draft changed
  void compareRevision(std::int64_t revision);
  EditorState editor;

  UndoStack undoStack;
  void undo();
  void redo();

  // ---- role models (undoable)
  std::vector<RoleModelCopy> roleModelCopies;
  std::optional<RoleModelCopy> roleDraft;  // a copy being edited in the roles view
  void copyRoleModel(std::string_view roleId);
  void saveRoleModelCopy(RoleModelCopy copy);
  void deleteRoleModelCopy(const std::string& id);

  // ---- sessions
  std::vector<SessionInfo> sessions;
  std::string currentSessionId;
  std::vector<std::string> currentSessionMembers;  // refreshed with the session
  void pickSession(const std::string& id);
  void createSessionFromSelection(std::string name);
  void renameSession(const std::string& id, std::string name);
  void deleteSession(const std::string& id);
  void addSelectionToSession(const std::string& id);
  void removeFromSession(const std::string& id, std::vector<std::string> profileIds);
  std::vector<std::string> sessionMembers(const std::string& id) const;

  SessionFormat exportFormat = SessionFormat::json;
  // The export the file dialog is open for: a stored session, or else the
  // selection (all profiles when none is selected).
  std::optional<std::string> exportSessionId;
  void chooseExportFile(std::optional<std::string> sessionId);
  void exportTo(const std::string& path);
  void chooseImportFile();
  // Reads the files and plans their import; the session view shows the preview.
  void previewImport(const std::vector<std::string>& paths);
  void applyImport();
  void cancelImport();
  void chooseConflict(std::size_t item, ConflictChoice choice);
  void takeField(std::size_t item, const std::string& field, bool take);
  std::optional<ImportPlan> importPlan;

  // ---- files
  FileDialog fileDialog;  // set by the window; unset in tests and headless runs
  std::vector<std::string> recentFiles;  // newest first
  void rememberFile(const std::string& path);
  struct PathPrompt {
    bool open = false;
    FileChoice choice = FileChoice::ImportSession;
    std::string path;
  } pathPrompt;  // the in-app fallback for the file dialog
  void choosePath(FileChoice choice, const std::string& suggestion);
  void pathChosen(FileChoice choice, const std::string& path);
  void filesDropped(const std::vector<std::string>& paths);

  // ---- frame-level
  // Views emit intents (ui/intents.hpp) while they draw; they are applied in
  // order when runQueuedIntents is called after the views: no list is re-read
  // under a view's loop, and a view sees one consistent state per frame.
  // Outside a frame (start-up, window callbacks, tests) an intent emitted is
  // applied at once. drawFrame calls both.
  void emit(Intent intent);
  void apply(const Intent& intent);
  void beginViews();
  void runQueuedIntents();
  std::vector<Intent> lastFrameIntents;  // what the views emitted in the last frame, in order
  void toast(std::string text);
  void showError(std::string text);
  // True when the app may close now; otherwise the "unsaved changes" question opens.
  bool requestQuit();

  // Switches view; the editor and compare views open the first profile when
  // nothing is chosen yet, so they never start empty on a database with profiles.
  void openView(ViewId id);

  ViewId view = ViewId::Welcome;
  ViewId tabShown = ViewId::Welcome;  // the view whose tab was open last frame
  Theme theme = Theme::Dark;
  bool aboutOpen = false;
  bool quitRequested = false;  // the user asked to quit (menu, Ctrl+Q)
  bool quitConfirmed = false;  // ... and nothing is left unsaved
  bool askUnsaved = false;     // the "save changes?" modal is due
  // What the user asked for when the question came up; done once it is answered.
  struct AfterUnsaved {
    enum class Kind { None, Quit, OpenProfile, NewProfile } kind = Kind::None;
    std::string profileId;
  } afterUnsaved;
  // The question's answers: save (when the form has problems, it stays open
  // to show them and nothing else is done), or drop the changes; then what was
  // asked for is done. cancelUnsaved forgets it.
  void saveThenContinue();
  void discardThenContinue();
  void cancelUnsaved();
  std::string errorText;       // non-empty: an error modal waits for an answer
  std::vector<Toast> toasts;
  // The views that keep state of their own.
  ProfilesView& profilesView() { return *profilesView_; }
  SessionView& sessionView() { return *sessionView_; }

  AppState();
  ~AppState();
  AppState(AppState&&) noexcept;
  AppState& operator=(AppState&&) noexcept;

 private:
  std::uint64_t listGeneration_ = 0;
  std::uint64_t resultsGeneration_ = 0;
  std::unique_ptr<ProfilesView> profilesView_;
  std::unique_ptr<SessionView> sessionView_;
  bool trySaveEditor();  // false when the draft is invalid
  bool drawingViews_ = false;
  std::vector<Intent> queuedIntents_;
  void reloadSessions();
  bool runCommand(Command command);  // false when it failed (the error is shown)
  void startReading();
  void forgetProfile();  // after the list changed: what was picked must still be in it
  void startPendingRead();
  std::optional<ProfileListReader::Options> pendingRead_;
  bool windowShown_ = false;
  std::unique_ptr<ProfileListLoader> loader_;
  bool linesReady_ = false;  // the loader's lines replaced the list shown
  bool integrityPending_ = false;  // the database was opened without its integrity check
  // The selection in the order it was made, and the same ids hashed: the
  // table asks isSelected for every row it draws, and "Select all" on
  // 100,000 profiles must not make each of those a search of the list.
  void setSelection(std::vector<std::string> ids);
  std::vector<std::string> selection_;
  std::unordered_set<std::string_view> selected_;
  std::unordered_map<std::string, Profile> profiles_;  // profileById's
  std::unordered_map<std::string, std::pair<std::int64_t, Evaluation>> evaluations_;
  std::int64_t dataVersion_ = -1;
};

}  // namespace rolefit::ui
