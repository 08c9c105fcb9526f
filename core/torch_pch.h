#pragma once
// Precompiled for the LibTorch-using sources of fedhap::core only (see core/CMakeLists.txt).
#include <torch/torch.h>
