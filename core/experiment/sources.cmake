list(APPEND FEDHAP_CORE_PLAIN_SOURCES experiment/experiment_config.cpp)
list(APPEND FEDHAP_CORE_TORCH_SOURCES experiment/code_encoder.cpp experiment/federation_plan.cpp experiment/experiment_runner.cpp)
list(APPEND FEDHAP_CORE_PLAIN_SOURCES experiment/run_directory.cpp experiment/run_folder_read.cpp
  experiment/seed_comparison.cpp)
