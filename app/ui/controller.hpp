// The one owner of change: it holds the store and the undo stack, applies
// the intents the views emit (after they are done drawing), wraps the ones
// that change the store as undoable commands, and turns every failure into
// a toast or the error modal in one place. Views see only `state()`.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rolefit/listing/profile_list.hpp"
#include "rolefit/store/store.hpp"
#include "ui/app_state.hpp"
#include "ui/commands.hpp"
#include "ui/intents.hpp"

namespace rolefit::ui {

// What the file dialog returned. `available` is false when there is no
// desktop dialog (no zenity, no display): the app then asks in a window.
struct DialogAnswer {
  bool available = false;
  std::optional<std::string> path;  // empty when cancelled
};
using FileDialog = std::function<DialogAnswer(FileChoice choice, const std::string& suggestion)>;

class Controller {
 public:
  Controller();
  ~Controller();
  Controller(Controller&&) noexcept;
  Controller& operator=(Controller&&) noexcept;

  const AppState& state() const { return state_; }

  // ---- the database
  // Opens the store; on failure the app still runs and shows why.
  void openStore(const std::filesystem::path& path, bool addSamplesIfNew);
  // The window shows that this database is being opened, until openStore.
  void willOpenStore(const std::filesystem::path& path);
  // Re-reads everything when another copy of RoleFit wrote to the database;
  // true when it did.
  bool refreshIfChangedElsewhere();
  // A database of up to this size is read before the list is shown; a larger
  // one on a background thread, so the first frame never waits for it.
  static constexpr std::uintmax_t kReadAtOnceBytes = 1 << 20;
  // Once a frame: takes what the background read has produced. True when
  // something changed.
  bool receiveProfiles();
  void waitForProfiles();  // starts the read if it waits, blocks until it is done (tests, benchmarks)
  // The window has put its first frame on screen: a background read waiting
  // for that starts (and later ones start at once).
  void windowShown();

  // ---- intents
  // Outside a frame (start-up, window callbacks, tests) an intent is applied
  // at once; between beginFrame and endFrame it waits for endFrame, so no
  // list is re-read under a view's loop and a view sees one consistent state.
  void emit(Intent intent);
  void beginFrame(double now);  // now: the UI clock, for toasts
  void endFrame();
  const std::vector<Intent>& lastFrameIntents() const { return lastFrameIntents_; }  // in order
  // A failure outside any intent (a view that threw): the error modal says it.
  void reportError(std::string text);

  // ---- what the window provides
  void setFileDialog(FileDialog dialog) { fileDialog_ = std::move(dialog); }
  // Called from the reader's thread when it has something new.
  void setWakeWindow(std::function<void()> wake) { wakeWindow_ = std::move(wake); }
  // Called after the app wrote to the database (and once it is opened): where
  // the file must be copied elsewhere to be kept (a browser's IndexedDB),
  // this is when.
  void setAfterWrite(std::function<void()> afterWrite) { afterWrite_ = std::move(afterWrite); }
  // Called with each file the app wrote for the user (an export): a browser
  // hands it over as a download.
  void setAfterFileWritten(std::function<void(const std::string&)> afterFileWritten) {
    afterFileWritten_ = std::move(afterFileWritten);
  }
  // Where the data is kept beyond its file, said in the status bar (a browser's storage).
  void setStorageNote(std::string note) { state_.storageNote = std::move(note); }
  void setTheme(Theme theme) { state_.theme = theme; }
  void setCanQuit(bool canQuit) { state_.canQuit = canQuit; }
  void setRecentFiles(std::vector<std::string> files) { state_.recentFiles = std::move(files); }

 private:
  void apply(const Intent& intent);

  // ---- the database (controller.cpp)
  void reloadProfiles();
  void restoreNewestBackup();
  void startReading();
  void startPendingRead();
  void setProfileList(std::shared_ptr<ProfileList> list);
  void setResults(std::span<const ProfileList::Result> results);
  void forgetProfile();  // after the list changed: what was picked must still be in it
  void refreshLoadProgress();
  void refreshComparison();
  std::optional<Profile> readProfile(const std::string& id);
  void select(const std::string& id, bool add);
  void openView(ViewId id);
  bool runCommand(Command command);  // false when it failed (the error is shown)
  void undo();
  void redo();
  void refreshUndoLabels();
  void toast(std::string text);
  void showError(std::string text);
  void requestQuit();
  void answerUnsaved(bool save);
  void cancelUnsaved();

  // ---- profiles and role models (controller_profiles.cpp)
  void newProfile();
  void openEditor(const std::string& id);
  void startEditor(const Profile& profile, bool isNew);
  void closeEditor();
  void editDraft(Profile draft);
  void replaceDraft(const Profile& profile);  // the app's own change of the draft: the view follows
  void refreshEditor();
  bool saveEditor();  // false when the draft is invalid (the form says why) or the save failed
  void revertEditor();
  void duplicateProfile(const std::string& id);
  void deleteProfiles(std::vector<std::string> ids);
  void restoreRevision(const std::string& id, std::int64_t revision);
  void compareRevision(std::int64_t revision);
  void copyRoleModel(std::string_view roleId);
  void saveRoleModelCopy(RoleModelCopy copy);
  void deleteRoleModelCopy(const std::string& id);

  // ---- team assessment (controller_team.cpp)
  void refreshTeam();
  void saveRating(const Rating& rating);
  void adoptConsensus(const std::string& profileId);

  // ---- sessions and files (controller_sessions.cpp)
  void reloadSessions();
  // A read that fails throws: an empty list would look like an empty session.
  std::vector<std::string> sessionMembers(const std::string& id) const;
  void pickSession(const std::string& id);
  void createSessionFromSelection(std::string name);
  void renameSession(const std::string& id, std::string name);
  void deleteSession(const std::string& id);
  void addSelectionToSession(const std::string& id);
  void removeFromSession(const std::string& id, std::vector<std::string> profileIds);
  void chooseExportFile(std::optional<std::string> sessionId, bool everything = false);
  void exportTo(const std::string& path);
  void chooseReportFile(ReportFormat format);
  void writeReport(const std::string& path);
  void chooseImportFile();
  void previewImport(const std::vector<std::string>& paths);
  void applyImport();
  void chooseConflict(std::size_t item, ConflictChoice choice);
  void takeField(std::size_t item, const std::string& field, bool take);
  void rememberFile(const std::string& path);
  void choosePath(FileChoice choice, const std::string& suggestion);
  void pathChosen(FileChoice choice, const std::string& path);

  AppState state_;
  std::unique_ptr<Store> store_;
  UndoStack undoStack_;
  FileDialog fileDialog_;  // unset in tests and headless runs: the app asks in a window
  std::function<void()> wakeWindow_;
  std::function<void()> afterWrite_;
  std::function<void(const std::string&)> afterFileWritten_;

  // The list shown, writable (state_.profileList is the same list, const).
  std::shared_ptr<ProfileList> list_ = std::make_shared<ProfileList>();
  std::optional<ProfileListReader::Options> pendingRead_;
  std::unique_ptr<ProfileListLoader> loader_;
  bool windowShown_ = false;
  bool linesReady_ = false;        // the loader's lines replaced the list shown
  bool integrityPending_ = false;  // the database was opened without its integrity check
  std::int64_t dataVersion_ = -1;
  // The export the file dialog is open for: a stored session, or else the
  // selection (all profiles when none is selected).
  std::optional<std::string> exportSessionId_;
  bool exportEverything_ = false;  // a backup: every profile, whatever is selected
  // The report the file dialog is open for.
  std::string reportProfileId_;
  ReportFormat reportFormat_ = ReportFormat::Html;
  // What the comparison was made of; it is made again when one changes.
  struct ComparisonKey {
    std::uint64_t selection = 0, list = 0;
    std::string currentId;
    std::string roleModels;
    bool operator==(const ComparisonKey&) const = default;
  };
  std::optional<ComparisonKey> comparisonOf_;
  std::optional<ComparisonKey> teamOf_;  // the team view's, made again after a rating is saved

  bool inFrame_ = false;
  double now_ = 0;
  std::vector<Intent> queued_;
  std::vector<Intent> lastFrameIntents_;
};

}  // namespace rolefit::ui
