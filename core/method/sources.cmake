list(APPEND FEDHAP_CORE_PLAIN_SOURCES method/method_options.cpp method/method_traits.cpp method/prototype_aggregation.cpp)
list(APPEND FEDHAP_CORE_TORCH_SOURCES method/local_loss.cpp)
