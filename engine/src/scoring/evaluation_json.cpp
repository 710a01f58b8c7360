#include "rolefit/scoring/evaluation_json.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rolefit {

EvaluationJsonParts::EvaluationJsonParts(const RoleModelSet& set) {
  for (std::size_t s = 0; s < kStructureCount; ++s)
    for (std::size_t l = 0; l < 5; ++l) {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
      const auto assignments = assignResponsibilities(set, static_cast<Structure>(s), static_cast<Leaders>(l));
      writeResponsibilities(w, assignments);
      responsibilities_[s][l].assign(buffer.GetString(), buffer.GetSize());
      buffer.Clear();
      w.Reset(buffer);
      writeDifference(w, leadershipGap(static_cast<Structure>(s), static_cast<Leaders>(l)), static_cast<Leaders>(l),
                      assignments);
      difference_[s][l].assign(buffer.GetString(), buffer.GetSize());
    }
  auto add = [&](std::string_view text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    quoted_.try_emplace(text.data(), text.size(), std::string(buffer.GetString(), buffer.GetSize()));
  };
  for (const auto& r : set.rules) {
    add(r.text);
    add(r.sourceText);
  }
  for (const auto& ref : set.references) {
    add(ref.name);
    add(referenceSource(ref));
  }
  add(tensionNote());
}

}  // namespace rolefit
