# The libraries of the browser build, made from sources with emscripten under
# the target names the desktop build gets from find_package, so engine/ and
# app/ link them unchanged. ROLEFIT_WEB_SOURCES is the folder that
# cmake/web/sources.sh fills (Debian's source packages: Dear ImGui 1.86,
# SQLite, SQLiteCpp, libcsv, zlib). fmt, cereal and RapidJSON are header-only
# here, from Debian's -dev packages: only their own folders are put on the
# include path, never /usr/include itself.
if(NOT ROLEFIT_WEB_SOURCES OR NOT EXISTS "${ROLEFIT_WEB_SOURCES}/imgui/imgui.cpp")
  message(FATAL_ERROR "ROLEFIT_WEB_SOURCES must name the folder cmake/web/sources.sh prints")
endif()
set(src ${ROLEFIT_WEB_SOURCES})

# Exceptions are off in emscripten by default, and SQLiteCpp and the engine
# throw: on for every file and at link.
add_compile_options(-fexceptions)
add_link_options(-fexceptions)

set(header_only ${CMAKE_BINARY_DIR}/web-include)
file(MAKE_DIRECTORY ${header_only})
foreach(lib fmt cereal rapidjson)
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
add_library(Threads::Threads INTERFACE IMPORTED GLOBAL)  # no threads: the reader runs in steps

# SQLite: one connection per tab, no threads, no shared memory (so no WAL),
# no memory-mapped I/O (emscripten#7856).
add_library(rolefit_web_sqlite STATIC ${src}/sqlite3/bld/sqlite3.c)
target_include_directories(rolefit_web_sqlite SYSTEM PUBLIC ${src}/sqlite3/bld)
target_compile_definitions(rolefit_web_sqlite PUBLIC
  SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION SQLITE_OMIT_WAL SQLITE_DISABLE_LFS
  SQLITE_MAX_MMAP_SIZE=0 SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_DQS=0)
target_compile_options(rolefit_web_sqlite PRIVATE -w)
add_library(SQLite::SQLite3 ALIAS rolefit_web_sqlite)

file(GLOB sqlitecpp_sources ${src}/sqlitecpp/src/*.cpp)
add_library(SQLiteCpp STATIC ${sqlitecpp_sources})
target_include_directories(SQLiteCpp SYSTEM PUBLIC ${src}/sqlitecpp/include)
target_link_libraries(SQLiteCpp PUBLIC rolefit_web_sqlite)
target_compile_options(SQLiteCpp PRIVATE -w)

file(GLOB zlib_sources ${src}/zlib/*.c)
list(FILTER zlib_sources EXCLUDE REGEX "/(example|minigzip)[^/]*\\.c$")
add_library(rolefit_web_zlib STATIC ${zlib_sources})
target_include_directories(rolefit_web_zlib SYSTEM PUBLIC ${src}/zlib)
target_compile_definitions(rolefit_web_zlib PRIVATE HAVE_UNISTD_H)
target_compile_options(rolefit_web_zlib PRIVATE -w)
add_library(ZLIB::ZLIB ALIAS rolefit_web_zlib)

add_library(rolefit_web_csv STATIC ${src}/libcsv/libcsv.c)
target_compile_options(rolefit_web_csv PRIVATE -w)
set(LIBCSV_INCLUDE_DIR ${src}/libcsv)
set(LIBCSV_LIBRARY rolefit_web_csv)

# Dear ImGui with its GLFW and OpenGL 3 backends (WebGL 2 through
# emscripten's GLFW): the same 1.86 as the desktop build's libimgui.
add_library(rolefit_web_imgui STATIC
  ${src}/imgui/imgui.cpp ${src}/imgui/imgui_draw.cpp ${src}/imgui/imgui_tables.cpp
  ${src}/imgui/imgui_widgets.cpp ${src}/imgui/imgui_demo.cpp ${src}/imgui/misc/cpp/imgui_stdlib.cpp
  ${src}/imgui/backends/imgui_impl_glfw.cpp ${src}/imgui/backends/imgui_impl_opengl3.cpp)
target_include_directories(rolefit_web_imgui SYSTEM PUBLIC
  ${src}/imgui ${src}/imgui/backends ${src}/imgui/misc/cpp)
target_compile_options(rolefit_web_imgui PRIVATE -w)
target_link_options(rolefit_web_imgui PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sFULL_ES3=1)
add_library(PkgConfig::IMGUI ALIAS rolefit_web_imgui)

# stb_image_write for the screenshot mode, compiled here (Debian's libstb is native).
file(CREATE_LINK /usr/include/stb ${header_only}/stb SYMBOLIC)
file(WRITE ${CMAKE_BINARY_DIR}/web-stb-image-write.c
  "#define STB_IMAGE_WRITE_IMPLEMENTATION\n#include <stb_image_write.h>\n")
add_library(rolefit_web_stb STATIC ${CMAKE_BINARY_DIR}/web-stb-image-write.c)
target_include_directories(rolefit_web_stb SYSTEM PUBLIC ${header_only}/stb)
target_compile_options(rolefit_web_stb PRIVATE -w)
target_link_libraries(rolefit_web_imgui PUBLIC rolefit_web_stb)
