list(APPEND FEDHAP_CORE_TORCH_SOURCES fl/client.cpp fl/local_client_pool.cpp fl/federation.cpp fl/torch_tasks.cpp)
list(APPEND FEDHAP_CORE_PLAIN_SOURCES fl/messages.cpp fl/server.cpp fl/lr_schedule.cpp)
