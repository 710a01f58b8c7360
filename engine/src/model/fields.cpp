#include "rolefit/model/fields.hpp"

#include <array>
#include <cmath>

#include <stdexcept>

#include <fmt/format.h>

#include "rolefit/util/text.hpp"

namespace rolefit {
namespace {

constexpr std::array<std::string_view, 18> kIndustries{
    "software", "internet", "hardware", "telecom", "banking", "insurance",
    "healthcare", "pharma", "manufacturing", "retail", "logistics", "energy",
    "public_sector", "education", "media", "professional_services", "hospitality", "other"};
constexpr std::array<std::string_view, 4> kBusinessModels{"product", "service", "platform", "mixed"};
constexpr std::array<std::string_view, 4> kStages{"startup", "scaleup", "established", "enterprise"};
constexpr std::array<std::string_view, 3> kBudgets{"one", "two", "more"};
constexpr std::array<std::string_view, 5> kLeaders{"none", "cio", "cto", "both", "hybrid"};
// The same choices for people, in the same order.
constexpr std::array<std::string_view, 18> kIndustryLabels{
    "Software", "Internet", "Hardware", "Telecom", "Banking", "Insurance",
    "Healthcare", "Pharma", "Manufacturing", "Retail", "Logistics", "Energy",
    "Public sector", "Education", "Media", "Professional services", "Hospitality", "Other"};
constexpr std::array<std::string_view, 4> kBusinessModelLabels{"Product", "Service", "Platform", "Mixed"};
constexpr std::array<std::string_view, 4> kStageLabels{"Start-up", "Scale-up", "Established", "Enterprise"};
constexpr std::array<std::string_view, 3> kBudgetLabels{"One executive", "Two executives", "More than two"};
constexpr std::array<std::string_view, 5> kLeadersLabels{"None", "A CIO", "A CTO", "A CIO and a CTO",
                                                          "One hybrid CIO/CTO"};
constexpr std::array<std::string_view, kGoalCount> kGoalKeys{
    "goal_efficiency", "goal_cost", "goal_innovation", "goal_growth",
    "goal_customer", "goal_security", "goal_transformation", "goal_information"};
constexpr std::array<std::string_view, kCapabilityCount> kCapabilityKeys{
    "cap_infrastructure", "cap_security", "cap_information", "cap_enterprise_systems",
    "cap_vendor", "cap_engineering", "cap_innovation", "cap_architecture"};

// Upper bounds the contract leaves open; documented in the README.
constexpr double kMaxEmployees = 10'000'000;
constexpr double kMaxRevenueMusd = 10'000'000;
constexpr double kMaxProductLines = 1'000;
constexpr double kMaxNotesChars = 20'000;

using K = FieldKind;
using G = FieldGroup;

constexpr std::array<FieldInfo, 29> numbered(std::array<FieldInfo, 29> fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) fields[i].position = static_cast<std::uint8_t>(i);
  return fields;
}

constexpr std::array<FieldInfo, 29> kFields = numbered({{
    {"name", "Name", K::Text, G::Identity, 1, kMaxNameLength, false, {},
     "The company's name as you want it shown (1-200 characters).", ""},
    {"industry", "Industry", K::Choice, G::Facts, 0, 0, false, kIndustries,
     "Tech-centred industries lean towards a CTO; service-based and operations-heavy "
     "ones (banking, insurance, public sector) lean towards a CIO.", "002, 004"},
    {"business_model", "Business model", K::Choice, G::Facts, 0, 0, false, kBusinessModels,
     "What the company mainly sells: a product, a service, a platform, or a mix. "
     "Product companies need someone who owns the product technology.", "002, 003"},
    {"stage", "Stage", K::Choice, G::Facts, 0, 0, false, kStages,
     "How far the company has grown. Startups often have one executive covering both "
     "roles; the roles separate as the company grows.", "000, 002"},
    {"employees", "Employees", K::Integer, G::Facts, 1, kMaxEmployees, false, {},
     "Head count. Larger organisations may benefit from both roles; smaller ones "
     "usually prioritise one.", "000, 002"},
    {"revenue_musd", "Annual revenue (M USD)", K::Number, G::Facts, 0, kMaxRevenueMusd, true, {},
     "Yearly revenue in millions of US dollars. Optional; a hint of size and of what "
     "leadership the company can afford.", "000"},
    {"product_lines", "Technology product lines", K::Integer, G::Facts, 0, kMaxProductLines, false, {},
     "Distinct technology products sold to customers. Large technology groups may have "
     "one CIO and a CTO per product line.", "004"},
    {"tech_revenue_pct", "Revenue from technology (%)", K::Number, G::Facts, 0, 100, false, {},
     "Share of revenue from technology delivered to customers. The CTO owns the "
     "technology customers buy; the more of it, the more a CTO matters.", "001, 003"},
    {"regulatory_burden", "Regulatory burden", K::Integer, G::Facts, 1, 5, false, {},
     "1 light to 5 heavy. Compliance and data security are at the heart of the CIO's "
     "remit.", "000, 003"},
    {"it_complexity", "Internal IT complexity", K::Integer, G::Facts, 1, 5, false, {},
     "1 simple to 5 complex. Where keeping complex, costly internal systems running is "
     "integral to the business, the CIO stays essential.", "003"},
    {"leadership_budget", "Leadership budget", K::Choice, G::Facts, 0, 0, false, kBudgets,
     "How many technology executives the company can pay for. Budget decides whether "
     "both roles are affordable or one must be prioritised.", "000, 002"},
    {"goal_efficiency", "Operational efficiency", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. Streamlining operations and productivity points to a CIO.", "000, 002, 003"},
    {"goal_cost", "Cost reduction", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. The CIO manages the IT budget and is often the first stop for cost "
     "reduction.", "000, 004"},
    {"goal_innovation", "Product innovation", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. Product innovation and emerging technology make a CTO indispensable.", "002, 000"},
    {"goal_growth", "Growth", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. The CTO looks for technology-driven growth from the outside; the CIO "
     "supports growth from the inside.", "000, 001"},
    {"goal_customer", "Customer experience", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. Technology that customers touch is the CTO's ground.", "001, 003"},
    {"goal_security", "Security and compliance", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. Data security, compliance and business continuity belong to the CIO.", "000, 003"},
    {"goal_transformation", "Digital transformation", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. Digitising internal processes and the back office is CIO work.", "000, 003"},
    {"goal_information", "Information and data", K::Integer, G::Goals, 0, 5, false, {},
     "Weight 0-5. Deciding what information reaches whom, and when, is the CIO's core.", "004, 000"},
    {"cap_infrastructure", "Infrastructure and operations", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. A weak internal estate is a gap for a CIO to close.", "000, 003"},
    {"cap_security", "Cybersecurity", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. Weak security is a CIO gap.", "000"},
    {"cap_information", "Data and information management", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. Weak information management is a CIO gap.", "004"},
    {"cap_enterprise_systems", "Enterprise systems", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. Help desks, enterprise systems and service delivery are CIO ground.", "003"},
    {"cap_vendor", "Vendor management", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. Selecting vendors and negotiating contracts is CIO work, shared "
     "with the CTO for technology partners.", "000, 003"},
    {"cap_engineering", "Product engineering", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. Weak engineering teams are a gap for a CTO to close.", "000, 002, 003"},
    {"cap_innovation", "Research and innovation", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. A weak innovation culture is a CTO gap.", "000, 002"},
    {"cap_architecture", "Technology architecture", K::Integer, G::Capabilities, 1, 5, false, {},
     "Maturity 1-5. The CTO owns the company's technology architecture and roadmap.", "003, 000"},
    {"leaders", "Current technology leaders", K::Choice, G::Leaders, 0, 0, false, kLeaders,
     "Who leads technology today: nobody, a CIO, a CTO, both, or one person covering both.", "002, 003"},
    {"notes", "Notes", K::Text, G::Notes, 0, kMaxNotesChars, true, {},
     "Free notes for you and your colleagues.", ""},
}});
static_assert(kFields.back().key == "notes", "every contract field listed once, none left empty");

// Field positions in kFields, so that the numeric accessors below switch on
// an index instead of comparing keys: scoring and the what-if search read
// and write fields hundreds of times per profile.
enum Slot : std::size_t {
  kSlotName, kSlotIndustry, kSlotBusinessModel, kSlotStage, kSlotEmployees, kSlotRevenue, kSlotProductLines,
  kSlotTechRevenue, kSlotRegulatory, kSlotItComplexity, kSlotBudget, kSlotFirstGoal,
  kSlotFirstCapability = kSlotFirstGoal + kGoalCount, kSlotLeaders = kSlotFirstCapability + kCapabilityCount,
  kSlotNotes
};
static_assert(kFields[kSlotIndustry].key == "industry" && kFields[kSlotBudget].key == "leadership_budget" &&
              kFields[kSlotFirstGoal].key == "goal_efficiency" &&
              kFields[kSlotFirstCapability].key == "cap_infrastructure" && kFields[kSlotLeaders].key == "leaders" &&
              kFields[kSlotNotes].key == "notes");

// A row of kFields carries its position; a FieldInfo made elsewhere is found
// by its key.
std::size_t slotOf(const FieldInfo& f) {
  if (f.position < kFields.size()) return f.position;
  for (std::size_t i = 0; i < kFields.size(); ++i)
    if (kFields[i].key == f.key) return i;
  return kFields.size();
}

std::size_t choiceIndexOf(const Profile& p, std::size_t slot) {
  switch (slot) {
    case kSlotIndustry: return static_cast<std::size_t>(p.industry);
    case kSlotBusinessModel: return static_cast<std::size_t>(p.business_model);
    case kSlotStage: return static_cast<std::size_t>(p.stage);
    case kSlotBudget: return static_cast<std::size_t>(p.leadership_budget);
    default: return static_cast<std::size_t>(p.leaders);
  }
}

void setChoiceIndex(Profile& p, std::size_t slot, std::size_t index) {
  const auto v = static_cast<std::uint8_t>(index);
  switch (slot) {
    case kSlotIndustry: p.industry = static_cast<Industry>(v); break;
    case kSlotBusinessModel: p.business_model = static_cast<BusinessModel>(v); break;
    case kSlotStage: p.stage = static_cast<Stage>(v); break;
    case kSlotBudget: p.leadership_budget = static_cast<LeadershipBudget>(v); break;
    default: p.leaders = static_cast<Leaders>(v); break;
  }
}

std::int64_t* integerSlot(Profile& p, std::size_t slot) {
  switch (slot) {
    case kSlotEmployees: return &p.employees;
    case kSlotProductLines: return &p.product_lines;
    case kSlotRegulatory: return &p.regulatory_burden;
    case kSlotItComplexity: return &p.it_complexity;
    default:
      if (slot >= kSlotFirstGoal && slot < kSlotFirstCapability) return &p.goals[slot - kSlotFirstGoal];
      if (slot >= kSlotFirstCapability && slot < kSlotLeaders) return &p.capabilities[slot - kSlotFirstCapability];
      return nullptr;
  }
}

const std::int64_t* integerSlot(const Profile& p, std::size_t slot) {
  return integerSlot(const_cast<Profile&>(p), slot);
}

std::string rangeText(const FieldInfo& f) {
  return fmt::format("{}-{}", formatNumber(f.min), formatNumber(f.max));
}

std::string choicesText(const FieldInfo& f) {
  std::string out;
  for (auto c : f.choices) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

}  // namespace

bool Profile::sameContent(const Profile& other) const {
  for (const auto& f : profileFields())
    if (fieldText(*this, f) != fieldText(other, f)) return false;
  return true;
}

std::span<const FieldInfo> profileFields() { return kFields; }

const FieldInfo* findField(std::string_view key) {
  for (const auto& f : kFields)
    if (f.key == key) return &f;
  return nullptr;
}

std::string_view toString(Industry v) { return kIndustries.at(static_cast<std::size_t>(v)); }
std::string_view toString(BusinessModel v) { return kBusinessModels.at(static_cast<std::size_t>(v)); }
std::string_view toString(Stage v) { return kStages.at(static_cast<std::size_t>(v)); }
std::string_view toString(LeadershipBudget v) { return kBudgets.at(static_cast<std::size_t>(v)); }
std::string_view toString(Leaders v) { return kLeaders.at(static_cast<std::size_t>(v)); }
std::span<const std::string_view> choiceLabels(const FieldInfo& field) {
  if (field.key == "industry") return kIndustryLabels;
  if (field.key == "business_model") return kBusinessModelLabels;
  if (field.key == "stage") return kStageLabels;
  if (field.key == "leadership_budget") return kBudgetLabels;
  if (field.key == "leaders") return kLeadersLabels;
  return {};
}

std::string_view choiceLabel(const FieldInfo& field, std::string_view value) {
  const auto labels = choiceLabels(field);
  for (std::size_t i = 0; i < field.choices.size() && i < labels.size(); ++i)
    if (field.choices[i] == value) return labels[i];
  return value;
}

std::string_view label(Industry v) { return kIndustryLabels.at(static_cast<std::size_t>(v)); }
std::string_view label(BusinessModel v) { return kBusinessModelLabels.at(static_cast<std::size_t>(v)); }
std::string_view label(Stage v) { return kStageLabels.at(static_cast<std::size_t>(v)); }
std::string_view label(LeadershipBudget v) { return kBudgetLabels.at(static_cast<std::size_t>(v)); }
std::string_view label(Leaders v) { return kLeadersLabels.at(static_cast<std::size_t>(v)); }

std::string displayText(const Profile& profile, const FieldInfo& field) {
  std::string text = fieldText(profile, field);
  if (field.kind == K::Choice) return std::string(choiceLabel(field, text));
  return text;
}

std::span<const std::string_view> goalKeys() { return kGoalKeys; }
std::span<const std::string_view> capabilityKeys() { return kCapabilityKeys; }

std::string fieldText(const Profile& p, const FieldInfo& f) {
  switch (f.kind) {
    case K::Text:
      return f.key == "name" ? p.name : p.notes;
    case K::Choice: {
      const auto index = choiceIndexOf(p, slotOf(f));
      // An out-of-range enum (only possible from a corrupt source) is shown as
      // its number so validate() and messages can name it.
      return index < f.choices.size() ? std::string(f.choices[index]) : std::to_string(index);
    }
    case K::Integer:
      return std::to_string(*integerSlot(p, slotOf(f)));
    case K::Number:
      if (f.key == "revenue_musd") return p.revenue_musd ? formatNumber(*p.revenue_musd) : "";
      return formatNumber(p.tech_revenue_pct);
  }
  return {};
}

std::optional<std::string> setFieldText(Profile& p, const FieldInfo& f, std::string_view raw) {
  const std::string_view text = f.kind == K::Text ? raw : trimmed(raw);
  if (text.empty() && f.kind != K::Text) {
    if (!f.optional) return std::string("is required");
    if (f.key == "revenue_musd") p.revenue_musd.reset();
    return std::nullopt;
  }
  switch (f.kind) {
    case K::Text:
      (f.key == "name" ? p.name : p.notes).assign(text);
      return std::nullopt;
    case K::Choice:
      for (std::size_t i = 0; i < f.choices.size(); ++i)
        if (f.choices[i] == text) {
          setChoiceIndex(p, slotOf(f), i);
          return std::nullopt;
        }
      return fmt::format("{} is not one of: {}", quoteForMessage(text), choicesText(f));
    case K::Integer:
      if (auto v = parseWholeNumber(text)) {
        *integerSlot(p, slotOf(f)) = *v;
        return std::nullopt;
      }
      return fmt::format("{} is not a whole number", quoteForMessage(text));
    case K::Number:
      if (auto v = parseFiniteNumber(text)) {
        if (f.key == "revenue_musd") p.revenue_musd = *v;
        else p.tech_revenue_pct = *v;
        return std::nullopt;
      }
      return fmt::format("{} is not a number", quoteForMessage(text));
  }
  return std::string("unknown field");
}

double fieldNumber(const Profile& p, const FieldInfo& f) {
  switch (f.kind) {
    case K::Choice: return static_cast<double>(choiceIndexOf(p, slotOf(f)));
    case K::Integer: return static_cast<double>(*integerSlot(p, slotOf(f)));
    case K::Number:
      if (slotOf(f) == kSlotRevenue) return p.revenue_musd.value_or(0.0);
      return p.tech_revenue_pct;
    case K::Text: return 0.0;
  }
  return 0.0;
}

void setFieldNumber(Profile& p, const FieldInfo& f, double value) {
  switch (f.kind) {
    case K::Choice: setChoiceIndex(p, slotOf(f), static_cast<std::size_t>(value)); break;
    case K::Integer: {
      // Whole numbers (nearly every call: scoring, the store) skip the
      // rounding call; llround gives the same for them.
      // (A cast and back, not std::trunc: that is a library call on this target.)
      const bool whole = std::fabs(value) < 0x1p62 && static_cast<double>(static_cast<std::int64_t>(value)) == value;
      *integerSlot(p, slotOf(f)) =
          whole ? static_cast<std::int64_t>(value) : static_cast<std::int64_t>(std::llround(value));
      break;
    }
    case K::Number:
      if (slotOf(f) == kSlotRevenue) p.revenue_musd = value;
      else p.tech_revenue_pct = value;
      break;
    case K::Text: break;
  }
}

bool isJudgement(const FieldInfo& f) {
  return f.group == FieldGroup::Goals || f.group == FieldGroup::Capabilities || f.key == "regulatory_burden" ||
         f.key == "it_complexity";
}

std::span<const FieldInfo* const> judgementFields() {
  static const auto fields = [] {
    std::array<const FieldInfo*, kJudgementCount> out{};
    std::size_t n = 0;
    for (const FieldInfo& f : profileFields())
      if (isJudgement(f)) out.at(n++) = &f;
    if (n != kJudgementCount) throw std::logic_error("judgementFields: the field table changed");
    return out;
  }();
  return fields;
}

std::vector<FieldProblem> validate(const Profile& p) {
  std::vector<FieldProblem> problems;
  auto add = [&](const FieldInfo& f, std::string message) {
    problems.push_back({std::string(f.key), std::move(message)});
  };
  for (const auto& f : kFields) {
    switch (f.kind) {
      case K::Text: {
        const std::string& text = f.key == "name" ? p.name : p.notes;
        if (!isValidUtf8(text)) {
          add(f, "is not valid UTF-8 text");
          break;
        }
        const auto length = utf8Length(text);
        if (length < static_cast<std::size_t>(f.min))
          add(f, "must not be empty");
        else if (length > static_cast<std::size_t>(f.max))
          add(f, fmt::format("has {} characters; at most {} are allowed", length, formatNumber(f.max)));
        else if (hasControlCharacters(text, f.key == "notes"))
          add(f, "contains control characters");
        else if (f.key == "name" && trimmed(text).empty())
          add(f, "must not be blank");
        break;
      }
      case K::Choice:
        if (choiceIndexOf(p, slotOf(f)) >= f.choices.size())
          add(f, fmt::format("value {} is not one of: {}", choiceIndexOf(p, slotOf(f)), choicesText(f)));
        break;
      case K::Integer: {
        const auto v = *integerSlot(p, slotOf(f));
        if (static_cast<double>(v) < f.min || static_cast<double>(v) > f.max)
          add(f, fmt::format("{} is out of range {}", v, rangeText(f)));
        break;
      }
      case K::Number: {
        if (f.key == "revenue_musd" && !p.revenue_musd) break;
        const double v = fieldNumber(p, f);
        if (!std::isfinite(v))
          add(f, "must be a finite number");
        else if (v < f.min || v > f.max)
          add(f, fmt::format("{} is out of range {}", formatNumber(v), rangeText(f)));
        break;
      }
    }
  }
  return problems;
}

}  // namespace rolefit
