list(APPEND FEDHAP_CORE_TORCH_SOURCES nn/hash_net.cpp nn/max_pool_2x2.cpp nn/weights.cpp)
list(APPEND FEDHAP_CORE_PLAIN_SOURCES nn/net_spec.cpp)
