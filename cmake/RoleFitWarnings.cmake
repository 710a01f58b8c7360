# Warnings for our own targets only; Debian's headers are included as SYSTEM.
function(rolefit_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(ROLEFIT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
