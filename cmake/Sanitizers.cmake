# FEDHAP_SANITIZE: "" | "address,undefined" | "thread" — used by the asan/tsan presets.
set(FEDHAP_SANITIZE "" CACHE STRING "Sanitizers to compile with (address,undefined | thread)")
if(FEDHAP_SANITIZE)
  add_compile_options(-fsanitize=${FEDHAP_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${FEDHAP_SANITIZE})
endif()
