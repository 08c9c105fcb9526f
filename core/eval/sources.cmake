list(APPEND FEDHAP_CORE_PLAIN_SOURCES
  eval/packed_codes.cpp eval/label_set.cpp eval/hamming_ranking.cpp
  eval/retrieval_metrics.cpp eval/code_stats.cpp eval/npy_inputs.cpp
  eval/hamming_topk.cpp eval/streamed_average_precision.cpp)
