// CSV with the contract's header (RFC 4180 quoting, UTF-8, any column order).
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/profile.hpp"

namespace rolefit {

inline constexpr std::size_t kMaxCsvBytes = 64u << 20;
inline constexpr std::size_t kMaxCsvRows = 200'000;
// A reader names at most this many problems: enough to mend a file by.
inline constexpr std::size_t kMaxCsvProblems = 200;

struct CsvProblem {
  std::size_t row = 0;  // 1 is the header; 0 is the file as a whole
  std::string field;    // empty when the problem is not one field's
  std::string message;
};

struct CsvReadResult {
  std::vector<Profile> profiles;     // empty when handed to a sink instead
  std::vector<CsvProblem> problems;  // every problem found; profiles is empty when any
  std::size_t rows = 0;              // profiles read (before any problem)
};

// Takes each profile as soon as its row is read and checked, while no row
// so far has had a problem. What it took counts only if the result has no
// problems: a later row can still fail the file. An exception it throws
// stops the reading and comes out of readProfilesCsv.
using ProfileSink = std::function<void(Profile& profile)>;

// Columns that must be present; the others default (see the README).
std::span<const std::string_view> requiredCsvColumns();

// Without a sink, the profiles are returned in the result.
CsvReadResult readProfilesCsv(std::string_view content, const ProfileSink& take = {});

// The same reading, fed a piece at a time as a file is read in blocks:
// memory stays a block and a row deep whatever the file's size.
class CsvProfileReader {
 public:
  explicit CsvProfileReader(ProfileSink take = {});
  ~CsvProfileReader();
  CsvProfileReader(const CsvProfileReader&) = delete;
  CsvProfileReader& operator=(const CsvProfileReader&) = delete;

  void feed(std::string_view bytes);  // pieces may split anywhere, even inside a character
  CsvReadResult finish();             // once, after the last piece

 private:
  friend CsvReadResult readProfilesCsv(std::string_view, const ProfileSink&);
  struct State;
  std::unique_ptr<State> state_;
};

// "file.csv: row 3, field employees: ..." on one line.
std::string describe(std::string_view fileName, const CsvProblem& problem);

// Header "id" then every contract field; one row per profile.
std::string writeProfilesCsv(std::span<const Profile> profiles);

}  // namespace rolefit
