// An evaluation as the contract's JSON object (SPEC.md: evaluate --json).
#pragma once
#include <cmath>
#include <string>

#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"

namespace rolefit {

// Scores are shown to one decimal: enough to rank, stable to read and diff.
inline double roundedScore(double v) { return std::round(v * 10.0) / 10.0; }

// Writes a score with one decimal ("42.5"). Scores are finite and small, so
// this is exact and much cheaper than a general shortest-double conversion,
// which dominated writing thousands of evaluations.
template <typename Writer>
void writeScore(Writer& w, double v) {
  const long long tenths = std::llround(v * 10.0);
  const long long whole = tenths / 10, digit = tenths % 10;
  char text[32];
  int n = 0;
  if (tenths < 0 && whole == 0) text[n++] = '-';
  for (char c : std::to_string(whole)) text[n++] = c;
  text[n++] = '.';
  text[n++] = static_cast<char>('0' + (digit < 0 ? -digit : digit));
  w.RawValue(text, static_cast<std::size_t>(n), rapidjson::kNumberType);
}

template <typename Writer>
void writeString(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

template <typename Writer>
void writeEvaluationJson(Writer& w, const Profile& p, const Evaluation& e, const RoleModelSet& set) {
  w.StartObject();
  w.Key("id");
  writeString(w, p.id);
  w.Key("name");
  writeString(w, p.name);
  w.Key("recommendation");
  writeString(w, toString(e.scores.recommendation));
  w.Key("runner_up");
  writeString(w, toString(e.scores.runnerUp));
  w.Key("margin");
  writeScore(w, (e.margin));
  w.Key("fit");
  w.StartObject();
  for (std::size_t r = 0; r < 3; ++r) {
    w.Key(set.roleModels[r].id.c_str());
    writeScore(w, (e.scores.fit[r]));
  }
  w.EndObject();
  w.Key("needs");
  w.StartObject();
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    w.Key(set.dimensions[d].id.c_str());
    writeScore(w, (e.scores.needs[d]));
  }
  w.EndObject();
  w.Key("reasons");
  w.StartArray();
  for (const auto& r : e.reasons) {
    w.StartObject();
    w.Key("factor");
    writeString(w, r.factor);
    w.Key("rule");
    writeString(w, r.rule);
    w.Key("source");
    writeString(w, r.source);
    w.Key("field");
    writeString(w, r.field);
    w.Key("weight");
    writeScore(w, (r.weight));
    w.EndObject();
  }
  w.EndArray();
  w.Key("what_if");
  if (e.whatIf) {
    w.StartObject();
    w.Key("field");
    writeString(w, e.whatIf->field);
    w.Key("from");
    writeString(w, e.whatIf->from);
    w.Key("to");
    writeString(w, e.whatIf->to);
    w.Key("recommendation");
    writeString(w, toString(e.whatIf->result));
    w.Key("text");
    writeString(w, e.whatIf->text);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("responsibilities");
  w.StartArray();
  for (const auto& r : e.responsibilities) {
    w.StartObject();
    // By id: the wording and sources are in the role models (and in reports),
    // not repeated in every profile's result.
    w.Key("responsibility");
    writeString(w, r.item->id);
    w.Key("owner");
    writeString(w, toString(r.owner));
    w.Key("covered");
    w.Bool(r.covered);
    w.EndObject();
  }
  w.EndArray();
  w.Key("nearest_references");
  w.StartArray();
  for (const auto& n : e.nearest) {
    w.StartObject();
    w.Key("id");
    writeString(w, n.id);
    w.Key("name");
    writeString(w, n.name);
    w.Key("structure");
    writeString(w, toString(n.structure));
    w.Key("similarity");
    writeScore(w, (n.similarity));
    w.Key("source");
    writeString(w, n.source);
    w.EndObject();
  }
  w.EndArray();
  if (!e.tension.empty()) {
    w.Key("tension");
    writeString(w, e.tension);
  }
  w.Key("role_model_version");
  writeString(w, e.roleModelVersion);
  w.EndObject();
}

}  // namespace rolefit
