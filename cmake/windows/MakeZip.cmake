# cmake -DEXE=rolefit.exe -DREADME=README.md -DLICENSE=LICENSE -DOUTPUT=x.zip -P MakeZip.cmake
# The Windows download: the one .exe, the README and the licence as text
# files with Windows' line ends, in a folder named RoleFit.
get_filename_component(stage "${OUTPUT}.stage" ABSOLUTE)
file(REMOVE_RECURSE "${stage}")
file(MAKE_DIRECTORY "${stage}/RoleFit")
file(COPY_FILE "${EXE}" "${stage}/RoleFit/rolefit.exe")
foreach(pair "README.txt;${README}" "LICENSE.txt;${LICENSE}")
  list(GET pair 0 name)
  list(GET pair 1 source)
  file(READ "${source}" text)
  string(REPLACE "\r\n" "\n" text "${text}")
  string(REPLACE "\n" "\r\n" text "${text}")
  file(WRITE "${stage}/RoleFit/${name}" "${text}")
endforeach()
file(REMOVE "${OUTPUT}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "${OUTPUT}" --format=zip RoleFit
                WORKING_DIRECTORY "${stage}" RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "could not write ${OUTPUT}")
endif()
file(REMOVE_RECURSE "${stage}")
