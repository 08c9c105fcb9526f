list(APPEND FEDHAP_CORE_PLAIN_SOURCES
  data/dataset.cpp data/file_bytes.cpp data/idx_loader.cpp data/cifar10_loader.cpp
  data/dataset_source.cpp data/image_datasets.cpp
  data/retrieval_split.cpp data/feature_noise.cpp data/protocol_data.cpp)
# OpenCV-decoded datasets: their own library, so the light CLI does not load OpenCV.
list(APPEND FEDHAP_CORE_IMAGE_SOURCES
  data/image_folder_loader.cpp data/digits_sheet_loader.cpp data/enable_image_datasets.cpp
  data/query_image.cpp data/image_file.cpp)
