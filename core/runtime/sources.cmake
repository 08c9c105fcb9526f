list(APPEND FEDHAP_CORE_TORCH_SOURCES runtime/torch_runtime.cpp)
