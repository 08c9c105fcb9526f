# Cross-silo federation: plain parts (envelope, payloads, addresses) in base; the c10d adapter,
# the server's pool of silos and the silo itself need LibTorch.
list(APPEND FEDHAP_CORE_PLAIN_SOURCES crosssilo/frame.cpp crosssilo/silo_messages.cpp crosssilo/endpoint.cpp
                                      crosssilo/silo_journal.cpp crosssilo/federated_retrieval.cpp)
list(APPEND FEDHAP_CORE_TORCH_SOURCES crosssilo/c10d_link.cpp crosssilo/silo_protocol.cpp crosssilo/remote_client_pool.cpp
                                      crosssilo/silo_trainer.cpp crosssilo/silo.cpp crosssilo/serve.cpp)
