list(APPEND FEDHAP_CORE_PLAIN_SOURCES util/random.cpp util/statistics.cpp util/thread_pool.cpp util/memory_budget.cpp
  util/printable_path.cpp)
