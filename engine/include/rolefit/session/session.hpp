// A session: a named set of profiles with the results their sender saw and
// the role models those results came from, shared as a file (README
// "Session files"). Written with cereal as JSON (default, readable, diffable)
// or as a compact portable binary with a checksum. Every file read is treated
// as hostile: sizes are bounded by what the file holds, every value checked.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/profile.hpp"
#include "rolefit/rolemodels/rolemodels.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/team/team.hpp"

namespace rolefit {

inline constexpr std::string_view kSessionFormatName = "rolefit-session";
inline constexpr std::uint32_t kSessionFormatMajor = 1;
// 1.1: ratings, and what the sender withheld (README "Session files").
inline constexpr std::uint32_t kSessionFormatMinor = 1;
// Refused before parsing: a 10,000-profile JSON session is about 25 MiB.
inline constexpr std::uintmax_t kSessionFileLimit = 128ull << 20;
inline constexpr std::size_t kSessionProfileLimit = 200'000;
inline constexpr std::size_t kSessionRatingLimit = 1'000'000;

enum class SessionFormat : std::uint8_t { json, binary };
std::string_view toString(SessionFormat f);

struct SeenReason {
  std::string field;
  std::string factor;
  std::string rule;
  std::string source;
  double weight = 0;
};

// The result a profile had when its session was exported.
struct SeenEvaluation {
  Structure recommendation = Structure::cio_led;
  Structure runnerUp = Structure::cto_led;
  double margin = 0;
  std::array<double, 3> fit{};  // cio, cto, hybrid
  DimensionValues needs{};
  std::vector<SeenReason> reasons;
  std::string whatIf;  // "" when no single change alters the advice
};

SeenEvaluation seenEvaluation(const Evaluation& e);
// Same advice, fits and needs (to the file's one-decimal precision).
bool sameResult(const SeenEvaluation& a, const SeenEvaluation& b);

struct SessionProfile {
  Profile profile;
  SeenEvaluation seen;
};

// What an export can leave out of the file: absent, not blanked. Rater
// names become "Rater 1" to "Rater n" (numbered in the file's order).
enum class Withheld : std::uint8_t { notes, revenue_musd, leaders, ratings, rater_names, results };
inline constexpr std::size_t kWithheldCount = 6;
std::string_view toString(Withheld w);
std::optional<Withheld> withheldFrom(std::string_view name);

class WithheldSet {
 public:
  bool has(Withheld w) const { return (bits_ >> static_cast<unsigned>(w)) & 1u; }
  void add(Withheld w) { set(w, true); }
  void set(Withheld w, bool withheld) {
    const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(w));
    bits_ = static_cast<std::uint8_t>(withheld ? bits_ | bit : bits_ & ~bit);
  }
  bool empty() const { return bits_ == 0; }
  std::vector<std::string_view> names() const;  // in enum order
  // "notes,revenue_musd": std::nullopt and `problem` set for an unknown name.
  static std::optional<WithheldSet> parse(std::string_view commaList, std::string* problem);
  bool operator==(const WithheldSet&) const = default;

 private:
  std::uint8_t bits_ = 0;
};

struct Session {
  std::string id;  // UUID
  std::string name;
  std::string notes;
  std::string exportedBy;
  std::string exportedAt;  // ISO 8601 UTC
  std::string roleModelVersion;
  std::vector<RoleModel> roleModels;  // cio, cto, hybrid as the sender used them
  std::vector<SessionProfile> profiles;
  // Raters' values of the profiles' judgement fields (format 1.1), by
  // profile in file order, then by rater.
  std::vector<Rating> ratings;
  WithheldSet withheld;  // left out of the file by its sender
};

// Leaves out of `session` what `withheld` names, as an export does.
void withhold(Session& session, WithheldSet withheld);

// Evaluates every profile with `set` (in parallel) and records the results.
Session makeSession(std::string name, std::vector<Profile> profiles, const RoleModelSet& set,
                    std::string exportedBy);

class Store;

// What to export: a stored session (its members, name and notes), or else
// these profiles (all when none), under `name` (by default the session's, or
// "RoleFit session <date>").
struct ExportRequest {
  std::optional<std::string> sessionId;
  std::vector<std::string> profileIds;
  std::string name;
  WithheldSet withhold;
};
// The session file's content: the profiles evaluated with the store's active
// role models. Throws StoreError for a session that is not there.
Session sessionForExport(const Store& store, const ExportRequest& request, std::string exportedBy);

// The built-in set with the session's role models in place: the set its
// results were computed with (same version string when nothing was edited).
RoleModelSet roleModelsOf(const Session& session);

struct SessionFileInfo {
  SessionFormat format = SessionFormat::json;
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  std::string appVersion;
  // What was not read: fields or data of a newer minor version.
  std::vector<std::string> notices;
};

struct LoadedSession {
  Session session;
  SessionFileInfo file;
};

// One message naming the file and what is wrong with it.
class SessionFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string encodeSession(const Session& session, SessionFormat format);
// `label` names the file in messages. Throws SessionFileError only.
LoadedSession decodeSession(std::string_view bytes, std::string_view label);

// Atomic: the target is the old file or the whole new one, never a part.
void exportSession(const std::filesystem::path& target, const Session& session, SessionFormat format);
// Refuses files over kSessionFileLimit before reading them.
LoadedSession readSessionFile(const std::filesystem::path& path);

}  // namespace rolefit
