list(APPEND FEDHAP_CORE_PLAIN_SOURCES
  partition/partition.cpp partition/iid_scheme.cpp partition/dirichlet_scheme.cpp
  partition/pathological_scheme.cpp partition/shards_scheme.cpp partition/quantity_scheme.cpp)
