// Files from assets/, compiled in (see assets/CMakeLists.txt).
#pragma once
#include <string_view>

namespace rolefit::assets {
extern const std::string_view sample_companies;  // samples/companies.csv
extern const std::string_view rolemodels;        // rolemodels.json
extern const std::string_view ui_font;           // Inter, in the Windows build; empty elsewhere
}
