# The libraries of the cross-builds (the browser's, with emscripten; the
# Windows one, with mingw-w64), made from sources under the target names the
# desktop build gets from find_package, so engine/ and app/ link them
# unchanged. ROLEFIT_SOURCES is the folder that cmake/sources.sh fills
# (Debian's source packages: Dear ImGui 1.86, SQLite, SQLiteCpp, libcsv,
# zlib; GLFW for Windows). fmt, cereal, RapidJSON and CLI11 are header-only
# here, from Debian's -dev packages: only their own folders are put on the
# include path, never /usr/include itself (its glibc headers would shadow
# the target's).
if(NOT ROLEFIT_SOURCES OR NOT EXISTS "${ROLEFIT_SOURCES}/sqlite3/bld/sqlite3.c")
  message(FATAL_ERROR "ROLEFIT_SOURCES must name the folder cmake/sources.sh prints")
endif()
set(src ${ROLEFIT_SOURCES})

if(WIN32)
  # <windows.h> without its min/max macros (they break std::min) and with
  # the wide-character API: paths are UTF-16 there.
  add_compile_definitions(NOMINMAX WIN32_LEAN_AND_MEAN UNICODE _UNICODE)
endif()

if(EMSCRIPTEN)
  # Exceptions are off in emscripten by default, and SQLiteCpp and the engine
  # throw: on for every file and at link.
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions)
endif()

set(header_only ${CMAKE_BINARY_DIR}/header-only)
file(MAKE_DIRECTORY ${header_only})
foreach(lib fmt cereal rapidjson CLI)
  if(NOT EXISTS /usr/include/${lib})
    message(FATAL_ERROR "/usr/include/${lib} is missing (cmake/setup.sh installs it)")
  endif()
  file(CREATE_LINK /usr/include/${lib} ${header_only}/${lib} SYMBOLIC)
endforeach()

add_library(fmt::fmt INTERFACE IMPORTED GLOBAL)
target_include_directories(fmt::fmt SYSTEM INTERFACE ${header_only})
target_compile_definitions(fmt::fmt INTERFACE FMT_HEADER_ONLY=1)
add_library(cereal::cereal INTERFACE IMPORTED GLOBAL)
target_include_directories(cereal::cereal SYSTEM INTERFACE ${header_only})
add_library(CLI11::CLI11 INTERFACE IMPORTED GLOBAL)
target_include_directories(CLI11::CLI11 SYSTEM INTERFACE ${header_only})
if(EMSCRIPTEN)
  add_library(Threads::Threads INTERFACE IMPORTED GLOBAL)  # no threads: the reader runs in steps
else()
  find_package(Threads REQUIRED)
endif()

add_library(rolefit_src_sqlite STATIC ${src}/sqlite3/bld/sqlite3.c)
target_include_directories(rolefit_src_sqlite SYSTEM PUBLIC ${src}/sqlite3/bld)
target_compile_definitions(rolefit_src_sqlite PUBLIC SQLITE_OMIT_LOAD_EXTENSION SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_DQS=0)
if(EMSCRIPTEN)
  # In a page: one connection per tab, no threads, no shared memory (so no
  # WAL), no memory-mapped I/O (emscripten#7856).
  target_compile_definitions(rolefit_src_sqlite PUBLIC
    SQLITE_THREADSAFE=0 SQLITE_OMIT_WAL SQLITE_DISABLE_LFS SQLITE_MAX_MMAP_SIZE=0)
endif()
target_compile_options(rolefit_src_sqlite PRIVATE -w)
add_library(SQLite::SQLite3 ALIAS rolefit_src_sqlite)

file(GLOB sqlitecpp_sources ${src}/sqlitecpp/src/*.cpp)
add_library(SQLiteCpp STATIC ${sqlitecpp_sources})
target_include_directories(SQLiteCpp SYSTEM PUBLIC ${src}/sqlitecpp/include)
target_link_libraries(SQLiteCpp PUBLIC rolefit_src_sqlite)
target_compile_options(SQLiteCpp PRIVATE -w)

file(GLOB zlib_sources ${src}/zlib/*.c)
list(FILTER zlib_sources EXCLUDE REGEX "/(example|minigzip)[^/]*\\.c$")
add_library(rolefit_src_zlib STATIC ${zlib_sources})
target_include_directories(rolefit_src_zlib SYSTEM PUBLIC ${src}/zlib)
target_compile_definitions(rolefit_src_zlib PRIVATE HAVE_UNISTD_H)
target_compile_options(rolefit_src_zlib PRIVATE -w)
add_library(ZLIB::ZLIB ALIAS rolefit_src_zlib)

add_library(rolefit_src_csv STATIC ${src}/libcsv/libcsv.c)
target_compile_options(rolefit_src_csv PRIVATE -w)
set(LIBCSV_INCLUDE_DIR ${src}/libcsv)
set(LIBCSV_LIBRARY rolefit_src_csv)

if(NOT ROLEFIT_BUILD_APP)
  return()
endif()

# Dear ImGui with its GLFW and OpenGL 3 backends: the same 1.86 as the
# desktop build's libimgui. In a page GLFW is emscripten's (WebGL 2); on
# Windows it is built from its Debian source package, over opengl32.
add_library(rolefit_src_imgui STATIC
  ${src}/imgui/imgui.cpp ${src}/imgui/imgui_draw.cpp ${src}/imgui/imgui_tables.cpp
  ${src}/imgui/imgui_widgets.cpp ${src}/imgui/imgui_demo.cpp ${src}/imgui/misc/cpp/imgui_stdlib.cpp
  ${src}/imgui/backends/imgui_impl_glfw.cpp ${src}/imgui/backends/imgui_impl_opengl3.cpp)
target_include_directories(rolefit_src_imgui SYSTEM PUBLIC
  ${src}/imgui ${src}/imgui/backends ${src}/imgui/misc/cpp)
target_compile_options(rolefit_src_imgui PRIVATE -w)
if(EMSCRIPTEN)
  target_link_options(rolefit_src_imgui PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sFULL_ES3=1)
else()
  set(GLFW_BUILD_EXAMPLES OFF CACHE BOOL "" FORCE)
  set(GLFW_BUILD_TESTS OFF CACHE BOOL "" FORCE)
  set(GLFW_BUILD_DOCS OFF CACHE BOOL "" FORCE)
  set(GLFW_INSTALL OFF CACHE BOOL "" FORCE)
  add_subdirectory(${src}/glfw3 ${CMAKE_BINARY_DIR}/glfw3 EXCLUDE_FROM_ALL SYSTEM)
  add_library(glfw::glfw ALIAS glfw)
  target_link_libraries(rolefit_src_imgui PUBLIC glfw opengl32)
endif()
add_library(PkgConfig::IMGUI ALIAS rolefit_src_imgui)

# stb_image_write for the screenshot mode, compiled here (Debian's libstb is native).
file(CREATE_LINK /usr/include/stb ${header_only}/stb SYMBOLIC)
# On Windows its file names are UTF-8, as every path RoleFit hands it.
file(WRITE ${CMAKE_BINARY_DIR}/stb-image-write.c
  "#define STB_IMAGE_WRITE_IMPLEMENTATION\n#ifdef _WIN32\n#define STBIW_WINDOWS_UTF8\n#endif\n#include <stb_image_write.h>\n")
add_library(rolefit_src_stb STATIC ${CMAKE_BINARY_DIR}/stb-image-write.c)
target_include_directories(rolefit_src_stb SYSTEM PUBLIC ${header_only}/stb)
target_compile_options(rolefit_src_stb PRIVATE -w)
target_link_libraries(rolefit_src_imgui PUBLIC rolefit_src_stb)
