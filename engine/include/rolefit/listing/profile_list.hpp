// Every profile of a database as one line of a list: what the window's
// tables show, sort and filter by, and the profile's quick result. A line is
// about 150 bytes where a Profile is over a kilobyte, so 100,000 of them fit
// beside the window without doubling its memory.
//
// A ProfileListReader fills a list in two passes inside one read snapshot:
// first the lines (cheap: six columns), then their results (every field read
// and scored), so a window can show the rows while the results still come.
// ProfileListLoader runs a reader on a thread of its own.
#pragma once
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "rolefit/model/profile.hpp"
#include "rolefit/rolemodels/rolemodels.hpp"

namespace rolefit {

class Store;

struct ProfileLine {
  // Text kept by the list (it never moves while the list lives).
  std::string_view id() const { return {idAt_, idSize_}; }
  std::string_view name() const { return {nameAt_, nameSize_}; }
  std::string_view updatedAt() const;  // "2026-11-23T13:42:07Z"
  std::int64_t employees = 0;
  std::int64_t revision = 0;
  // Valid once `scored`: the quick result under the list's role models.
  std::array<double, 2> fit{};  // CIO, CTO, 0..100
  Industry industry{};
  bool scored = false;
  Structure recommendation{};

 private:
  friend class ProfileList;
  // 80 bytes a line: a list of 100,000 holds 8 MB of these.
  const char* idAt_ = "";
  const char* nameAt_ = "";
  std::array<char, 20> updatedAt_{};  // NUL-padded, not terminated when full
  std::uint16_t idSize_ = 0;
  std::uint16_t nameSize_ = 0;
};

// Lines in storage order. Text is kept in blocks that never move, so the
// views into it stay valid as lines are added.
class ProfileList {
 public:
  std::size_t size() const { return lines_.size(); }
  bool empty() const { return lines_.empty(); }
  const ProfileLine& operator[](std::size_t i) const { return lines_[i]; }
  std::optional<std::size_t> find(std::string_view id) const;
  std::size_t scoredCount() const { return scored_; }
  bool complete() const { return scored_ == lines_.size(); }

  // The role-model version the results belong to.
  const std::string& roleModelVersion() const { return roleModelVersion_; }
  void setRoleModelVersion(std::string version) { roleModelVersion_ = std::move(version); }

  void reserve(std::size_t lines);
  ProfileLine& add(std::string_view id, std::string_view name, std::string_view updatedAt);
  struct Result {
    std::uint32_t line = 0;
    Structure recommendation{};
    std::array<double, 2> fit{};
  };
  void setResult(const Result& result);
  // Makes find() and byName() see every line added so far.
  void index();
  // Line numbers by name (ASCII letters without case, as the store orders
  // them), then id: the tables' default order, worked out by the reader.
  const std::vector<std::uint32_t>& byName() const { return byName_; }
  static bool nameLess(const ProfileLine& a, const ProfileLine& b);

  static std::uint32_t hashId(std::string_view id);

 private:
  std::string_view keep(std::string_view text);

  std::vector<ProfileLine> lines_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* blockAt_ = nullptr;
  std::size_t blockLeft_ = 0;
  // (hash of the id, line) sorted: 8 bytes a line where a map of strings
  // takes ten times that. Equal hashes are told apart by the id itself.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> byId_;
  std::vector<std::uint32_t> byName_;
  std::size_t scored_ = 0;
  std::string roleModelVersion_;
};

// Reads a list in steps: the integrity check (when asked), then the lines,
// then the results of the lines not known already, a bounded amount of work
// per step, all inside one read snapshot. The lines are handed over once
// they are all read; results then come as a stream of ProfileList::Result.
class ProfileListReader {
 public:
  struct Options {
    bool checkIntegrity = false;
    // An earlier read of the same database, no longer changed by anyone:
    // the results of lines with the same id and revision (and role-model
    // version) are taken from it instead of computed again.
    std::shared_ptr<const ProfileList> previous;
  };
  ProfileListReader(std::filesystem::path database, RoleModelSet roleModels, Options options);
  ~ProfileListReader();
  ProfileListReader(const ProfileListReader&) = delete;
  ProfileListReader& operator=(const ProfileListReader&) = delete;

  enum class Phase { Starting, Lines, Results, Done };
  // Does about `rows` rows of work; returns the phase reached. Throws
  // StoreError (CorruptDatabaseError when the check fails).
  Phase step(std::size_t rows);
  Phase phase() const { return phase_; }
  std::size_t total() const { return total_; }  // lines to read, known once Lines began
  std::size_t linesRead() const { return linesRead_; }
  std::size_t resultsLeft() const { return resultsLeft_; }
  // Once the phase is past Lines: the list, once.
  std::unique_ptr<ProfileList> takeList() { return phase_ >= Phase::Results ? std::move(list_) : nullptr; }
  std::vector<ProfileList::Result> takeResults() { return std::exchange(results_, {}); }
  // Makes a step running on another thread stop with a StoreError.
  void interrupt();

 private:
  struct Statements;
  void startLines();
  void readLines(std::size_t rows);
  void startResults();
  void readResults(std::size_t rows);
  void finish();

  std::filesystem::path database_;
  RoleModelSet roleModels_;
  Options options_;
  std::mutex storeMutex_;  // store_ is reset by step() and used by interrupt()
  bool interrupted_ = false;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Statements> statements_;
  std::unique_ptr<ProfileList> list_;
  Phase phase_ = Phase::Starting;
  std::size_t total_ = 0;
  std::size_t linesRead_ = 0;
  // Per line: still to score. A bit a line, and the reader's own: the
  // list's flags belong to whoever holds the list once it is handed over.
  std::vector<bool> toScore_;
  std::size_t resultsLeft_ = 0;
  std::size_t nextLine_ = 0;
  // When only a few are left they are looked up by id (else one scan).
  std::vector<std::pair<std::uint32_t, std::string>> fewToScore_;
  std::vector<ProfileList::Result> results_;
};

// Runs a reader on a thread of its own, at a lower priority than the window,
// handing over what it has read whenever asked. `wake` is called from that
// thread when there is something new (the window then draws a frame).
class ProfileListLoader {
 public:
  ProfileListLoader(std::filesystem::path database, RoleModelSet roleModels, ProfileListReader::Options options,
                    std::function<void()> wake, bool onThread = kThreadsAvailable);
  ~ProfileListLoader();  // stops the thread and waits for it
  ProfileListLoader(const ProfileListLoader&) = delete;
  ProfileListLoader& operator=(const ProfileListLoader&) = delete;

  struct Progress {
    ProfileListReader::Phase phase = ProfileListReader::Phase::Starting;
    std::size_t total = 0;        // lines, once known
    std::size_t linesRead = 0;
    std::size_t resultsLeft = 0;  // once the lines are read
  };
  Progress progress() const;
  std::unique_ptr<ProfileList> takeList();  // once, when the lines are read
  std::vector<ProfileList::Result> takeResults();
  // Set when the reader failed; nothing more comes.
  struct Failure {
    std::string message;
    bool damaged = false;  // the integrity check failed
    std::vector<std::filesystem::path> backups;
  };
  std::optional<Failure> failure() const;
  bool finished() const;  // done or failed
  // Blocks until the reader is done or failed.
  void wait();

  // Where there are no threads (the browser build), the reader works in the
  // caller's loop instead: advance() does a slice of its work, a few
  // milliseconds, once a frame. With a thread of its own, it does nothing.
  static constexpr bool kThreadsAvailable =
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
      false;
#else
      true;
#endif
  void advance();

 private:
  void run();
  bool workStep();  // one step of the reader, handed over; true once done or failed

  ProfileListReader reader_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable finishedChanged_;
  std::unique_ptr<ProfileList> list_;
  std::vector<ProfileList::Result> results_;
  Progress progress_;
  std::optional<Failure> failure_;
  bool finished_ = false;
  std::atomic<bool> stop_ = false;
  bool wakeDue_ = false;  // the reader's thread's own
  bool onThread_ = true;
  std::thread thread_;
};

}  // namespace rolefit
