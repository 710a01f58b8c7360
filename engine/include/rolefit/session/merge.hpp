// Importing session files in two steps: a plan (what is new, unchanged or in
// conflict, and for a conflict what differs field by field), then the user's
// choices applied in one transaction. Nothing is overwritten without a
// revision to go back to.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"

namespace rolefit {

enum class ImportStatus : std::uint8_t { added, unchanged, conflict };
std::string_view toString(ImportStatus s);

enum class ConflictChoice : std::uint8_t { keepMine, takeTheirs, keepBoth, pickFields };
std::string_view toString(ConflictChoice c);  // keep-mine, take-theirs, keep-both, pick-fields
std::optional<ConflictChoice> conflictChoiceFrom(std::string_view text);

struct FieldDifference {
  std::string field;  // contract key
  std::string mine;
  std::string theirs;
};

struct ImportItem {
  std::size_t file = 0;   // index into ImportPlan::files
  std::size_t index = 0;  // profile index in that file's session
  ImportStatus status = ImportStatus::added;
  std::optional<Profile> mine;  // the database's version (unchanged, conflict)
  bool mineInBin = false;
  std::vector<FieldDifference> differences;  // conflict only
  ConflictChoice choice = ConflictChoice::keepMine;
  std::vector<std::string> takeFields;  // pickFields: the fields taken from the file
};

struct ImportPlan {
  std::vector<LoadedSession> files;
  std::vector<std::string> labels;  // file names, for messages and the session's origin
  std::vector<ImportItem> items;

  const SessionProfile& incoming(const ImportItem& item) const {
    return files[item.file].session.profiles[item.index];
  }
  std::size_t count(ImportStatus status) const;
};

// Compares every profile of the files with the database. The same profile id
// in two files with different content is refused (SessionFileError). With
// no store (a dry run before any database exists) every profile is new.
ImportPlan planImport(const Store* store, std::vector<LoadedSession> files, std::vector<std::string> labels);

void chooseForAll(ImportPlan& plan, ConflictChoice choice);

struct ImportOutcome {
  std::size_t added = 0;
  std::size_t updated = 0;   // taken from the file or merged field by field
  std::size_t keptBoth = 0;  // added beside the database's version
  std::size_t keptMine = 0;
  std::size_t unchanged = 0;
  std::size_t ratings = 0;   // raters' ratings added or replaced
  std::vector<std::string> notices;  // newer-version fields not read, role-model versions differing, withheld

  // "3 new, 1 updated, 0 kept both, 2 kept yours, 4 unchanged": one wording
  // for the window's toast and the command line.
  std::string counts() const;
};

// "The sender withheld notes, revenue_musd; your values of those fields are
// kept": for the import preview and the notices after it.
std::string withheldNotice(WithheldSet withheld);

// Applies every file in one transaction; each becomes a session in the store.
ImportOutcome applyImport(Store& store, const ImportPlan& plan, const Progress& progress = {});

// The sender's result as stored with a session member: the advice, margin,
// fits, needs and what-if. The reasons stay in the file: they restate rules
// the role models hold, and would triple what an import writes.
std::string seenToJson(const SeenEvaluation& seen);
std::optional<SeenEvaluation> seenFromJson(std::string_view json);

}  // namespace rolefit
