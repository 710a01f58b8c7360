#define CATCH_CONFIG_MAIN
// Windows builds define UNICODE, and Catch would then define wmain, which
// mingw links only with -municode: the tests take plain arguments.
#define DO_NOT_USE_WMAIN
#include <catch2/catch.hpp>
