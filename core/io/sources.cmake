list(APPEND FEDHAP_CORE_PLAIN_SOURCES io/npy.cpp io/csv_writer.cpp io/atomic_file.cpp io/input_file.cpp io/output_folder.cpp)
