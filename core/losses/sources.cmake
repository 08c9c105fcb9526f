list(APPEND FEDHAP_CORE_TORCH_SOURCES losses/dpsh_loss.cpp losses/prototype_losses.cpp losses/adversarial_loss.cpp
  losses/regularizers.cpp losses/distillation.cpp)
list(APPEND FEDHAP_CORE_PLAIN_SOURCES losses/hash_centers.cpp)
