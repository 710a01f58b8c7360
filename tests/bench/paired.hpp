// Paired measurements for the benchmarks: a subject and its floor, the floor
// doing the same unavoidable work (same files, same disk, same kind of
// process), run back to back in alternating rounds. The ratio asserted is the
// median of the rounds' own ratios: on a shared virtual machine the speed a
// process gets moves by a third from one process to the next (the window's
// floor: 0.27-0.47 s in one minute), and moves for both sides of a round
// alike. The fastest of each side, kept before, let one lucky floor round
// decide: seven-round blocks of the same 80 rounds of the window's start-up
// reached 1.38x by the fastest of each and 1.23x by the median ratio, the
// whole 80 about 1.10x by either.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace rolefit::bench {

struct Paired {
  std::string what;        // "import-csv of 10,000 profiles"
  std::string floorWhat;   // one line: what the floor does
  double limit = 1.0;      // asserted: the subject may take at most limit x the floor
  std::function<void(int round)> subject;
  std::function<void(int round)> floor;
  // Untimed, before each round of its side (a fresh copy of a database).
  std::function<void(int round)> beforeSubject;
  std::function<void(int round)> beforeFloor;
};

struct PairedResult {
  double subject = 0;  // seconds, the median round of its side
  double floor = 0;
  double ratio = 0;  // the median of the rounds' subject/floor
  bool withinLimit = false;
};

// Runs `rounds` alternating rounds and prints the figures, the limit and the
// floor's line. A round that times nothing (a measurement failed) is the
// caller's to report.
PairedResult measure(const Paired& paired, int rounds);

// Prints the line of a measure that is not a ratio of times (peak memory).
bool report(const std::string& what, double subject, double floor, double limit, const std::string& unit,
            const std::string& floorWhat);

double secondsOf(const std::function<void()>& body);

// The middle value, or the mean of the two middle ones; `values` holds at
// least one.
double median(std::vector<double> values);
// The median of a[i] / b[i], rounds measured side by side.
double medianOfRatios(const std::vector<double>& a, const std::vector<double>& b);

// `ok`, saying on stderr that `what` failed when it did not hold.
bool require(bool ok, const char* what);

}  // namespace rolefit::bench
