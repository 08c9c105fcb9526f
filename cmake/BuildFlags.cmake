# Build-wide settings as INTERFACE targets, linked where they apply instead of global flags.
#   fedhap_warnings  -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wold-style-cast for the project's own
#                    code (not for the headers of others); -Werror with FEDHAP_WERROR (CI sets it).
#                    -Wconversion is not on yet: 46 places on GCC 12 (int/size_t/float narrowing)
#   fedhap_sanitize  FEDHAP_SANITIZE: "" | "address,undefined" | "thread" (the asan/tsan presets);
#                    linked by fedhap_warnings, so every project target gets it with the warnings.
set(FEDHAP_SANITIZE "" CACHE STRING "Sanitizers to compile with (address,undefined | thread)")

add_library(fedhap_sanitize INTERFACE)
if(FEDHAP_SANITIZE)
  # Every report stops the program (UBSan would otherwise print and go on, and tests would pass).
  target_compile_options(fedhap_sanitize INTERFACE -fsanitize=${FEDHAP_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(fedhap_sanitize INTERFACE -fsanitize=${FEDHAP_SANITIZE})
endif()

# The fuzz preset: coverage instrumentation for libFuzzer in all project code (clang only).
option(FEDHAP_FUZZ "Build the libFuzzer harnesses (tests/fuzz; needs clang)" OFF)
if(FEDHAP_FUZZ)
  target_compile_options(fedhap_sanitize INTERFACE -fsanitize=fuzzer-no-link)
endif()

option(FEDHAP_WERROR "Treat the project's warnings as errors (CI: Debian 12's GCC 12 and Debian 13's GCC 14)" OFF)
add_library(fedhap_warnings INTERFACE)
target_compile_options(fedhap_warnings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wold-style-cast)
if(FEDHAP_WERROR)
  target_compile_options(fedhap_warnings INTERFACE -Werror)
endif()
target_link_libraries(fedhap_warnings INTERFACE fedhap_sanitize)
