#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace rolefit::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

// One line of a refusal, on standard error.
void refuse(const std::string& line);

int listProfiles(const std::filesystem::path& db, bool json);
int evaluateProfiles(const std::filesystem::path& db, const std::vector<std::string>& keys, bool json);
int reportProfile(const std::filesystem::path& db, const std::string& key, const std::string& format,
                  const std::string& output);
int importCsv(const std::filesystem::path& db, const std::filesystem::path& file);

// Team assessment (team_verbs.cpp).
int importRatings(const std::filesystem::path& db, const std::filesystem::path& file);
// FIELD=VALUE for the judgement fields; the others keep the rater's current
// rating, or the profile's own values for a first one.
int rateProfile(const std::filesystem::path& db, const std::string& key, const std::string& rater,
                const std::vector<std::string>& assignments);
int evaluateTeamOf(const std::filesystem::path& db, const std::vector<std::string>& keys, bool json);
// A rater's name clipped to a table column.
std::string clipName(std::string_view name);

struct ExportOptions {
  std::string format = "json";
  std::vector<std::string> profiles;  // ids or names; all when empty
  std::string session;                // a stored session's id or name
  std::string name;                   // the session's name in the file
  std::string withhold;               // comma-separated: what the file leaves out
};
int exportSessionFile(const std::filesystem::path& db, const std::filesystem::path& file, const ExportOptions& options);
int importSessionFiles(const std::filesystem::path& db, const std::vector<std::string>& files, bool dryRun,
                       const std::string& onConflict);

}  // namespace rolefit::app
