// What the window shows, as plain data. Views read it as const and ask for
// changes by emitting intents (ui/intents.hpp); only the Controller
// (ui/controller.hpp) writes it, and only the Controller holds the store.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rolefit/listing/profile_list.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/team/team.hpp"
#include "ui/intents.hpp"

namespace rolefit::ui {

std::span<const std::string_view> viewNames();
std::optional<ViewId> viewFromName(std::string_view name);
std::string_view viewName(ViewId view);
std::string_view viewTitle(ViewId view);  // "Profiles", "Editor", ...

struct Toast {
  std::string text;
  double expiresAt = 0;  // ImGui time
};

// The profile being edited: the app's copy of the draft (what "Save" and the
// unsaved-changes question use), the saved version it started from, and
// what the draft would give. The editor view types into a copy of its own
// and hands each change over (intent::EditDraft).
struct EditorState {
  bool open = false;
  bool isNew = false;
  Profile draft;
  Profile saved;
  // Steps when the app itself replaces the draft (open, revert, save,
  // restore): the view's copy follows it then, and only then.
  std::uint64_t draftGeneration = 0;
  std::vector<FieldProblem> problems;
  std::optional<Evaluation> result;  // of the draft, when it is valid
  std::vector<RevisionInfo> revisions;
  std::int64_t comparedRevision = 0;  // a revision opened for comparison; 0 = none
  std::optional<Profile> revisionContent;

  bool dirty() const { return open && (isNew || !draft.sameContent(saved)); }
  std::string problemOf(std::string_view field) const;  // "" when the field is fine
};

struct EvaluatedProfile {
  Profile profile;
  Evaluation evaluation;
};

// What the compare view shows: one profile, or several side by side.
struct Comparison {
  std::vector<EvaluatedProfile> profiles;  // empty: nothing to compare yet
  std::size_t selected = 0;                // how many are selected (only the first dozen are shown)
};
inline constexpr std::size_t kMostSideBySide = 12;

// What the team view shows: one profile's ratings and what they add up to
// (rolefit/team/team.hpp). Filled while the team view is open.
struct TeamState {
  std::optional<Profile> profile;        // the current profile, else the first by name
  std::vector<Rating> ratings;           // current ones, by rater
  std::optional<TeamEvaluation> result;  // when there are ratings
  bool consensusDiffers = false;         // adopting it would change the profile
  std::string raterSuggestion;           // the rating flow's first answer: who is rating
};

// The table's selected rows, in the order chosen, and hashed: the table asks
// for every row it draws, and "Select all" on 100,000 profiles must not make
// each of those a search of the list.
class Selection {
 public:
  const std::vector<std::string>& ids() const { return ids_; }
  bool contains(std::string_view id) const { return hashed_.contains(id); }
  void set(std::vector<std::string> ids);
  std::uint64_t generation() const { return generation_; }

  Selection() = default;
  Selection(const Selection& other) { set(other.ids_); }
  Selection& operator=(const Selection& other) {
    if (this != &other) set(other.ids_);
    return *this;
  }

 private:
  std::vector<std::string> ids_;
  std::unordered_set<std::string_view> hashed_;  // views into ids_
  std::uint64_t generation_ = 0;
};

struct LoadProgress {
  bool reading = false;     // a background read is under way
  bool linesReady = false;  // ... and its lines are the ones shown
  std::size_t total = 0;    // profiles being read, once known
  std::size_t read = 0;     // before the lines are ready
  std::size_t scored = 0;   // of the shown lines
};

// The question asked before unsaved changes would be lost, and what the user
// asked for when it came up: done once it is answered.
struct UnsavedQuestion {
  enum class Kind { None, Quit, OpenProfile, NewProfile } kind = Kind::None;
  std::string profileId;
};

struct AppState {
  // ---- the database
  std::filesystem::path dbPath;
  bool storeOpen = false;
  bool storeOpening = false;  // the window is up and the database is being opened
  bool readOnly = false;
  std::string storeError;                           // why it could not be opened
  std::vector<std::filesystem::path> storeBackups;  // offered when the database is damaged
  std::string storageNote;  // where the data is kept beyond its file ("Saved in this browser"); often empty

  // Every profile as a line of the tables (name, industry, size, result):
  // read at once for a small database, in the background for a large one
  // (see Controller). Never null.
  std::shared_ptr<const ProfileList> profileList = std::make_shared<ProfileList>();
  // Steps whenever the list is replaced, and whenever results arrive for it:
  // how a view that keeps its own order or texts of the list knows to redo them.
  std::uint64_t listGeneration = 0;
  std::uint64_t resultsGeneration = 0;
  LoadProgress loadProgress;
  RoleModelSet roleModels;  // the database's active role models
  std::vector<RoleModelCopy> roleModelCopies;

  std::size_t profileCount() const { return profileList->size(); }
  const ProfileLine* lineById(std::string_view id) const;
  // The ids of these lines of the list, in their order.
  std::vector<std::string> idsOf(std::span<const std::uint32_t> lines) const;

  // ---- selection: the table's rows; the current one is what editor and compare show
  Selection selection;
  std::string currentId;
  Comparison comparison;  // filled while the compare view is open
  TeamState team;         // filled while the team view is open

  EditorState editor;
  // The Edit menu's labels; empty when there is nothing to undo or redo.
  std::string undoLabel, redoLabel;

  // ---- sessions, import and export
  std::vector<SessionInfo> sessions;
  std::string currentSessionId;
  std::vector<std::string> currentSessionMembers;
  std::optional<ImportPlan> importPlan;  // the preview of an import, while it is open
  SessionFormat exportFormat = SessionFormat::json;
  WithheldSet exportWithheld;  // what exports leave out
  std::vector<std::string> recentFiles;  // newest first
  // The in-app question for a path, when the desktop has no file dialog.
  struct PathPrompt {
    bool open = false;
    FileChoice choice = FileChoice::ImportSession;
    std::string suggestion;
  } pathPrompt;

  // ---- the window
  ViewId view = ViewId::Welcome;
  Theme theme = Theme::Dark;
  bool aboutOpen = false;
  bool canQuit = true;    // false in a browser: a page is closed by the browser, not by the app
  bool quitting = false;  // asked to quit and nothing is left unsaved: the window closes
  std::optional<UnsavedQuestion> unsavedQuestion;  // the "save changes?" modal, while it is open
  std::string errorText;                           // non-empty: an error modal waits for an answer
  std::vector<Toast> toasts;
};

// The profile a report is written on: the one open in the editor (as
// saved), or else the current row; "" when there is none.
const std::string& reportSubject(const AppState& state);

}  // namespace rolefit::ui
