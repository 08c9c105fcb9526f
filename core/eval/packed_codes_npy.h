#pragma once
// Hash codes from a .npy file straight into packed words, for inputs of millions of codes.
#include <string>

#include "eval/packed_codes.h"

namespace fedhap {

// What read_codes_npy (npy_inputs.h) returns, with the same refusals and messages, but int8
// codes are packed from the file's bytes sixteen at a time instead of through a float copy four
// times the file's size: the int8 read of a million 64-bit codes is a small part of a search.
PackedCodes read_packed_codes_npy(const std::string& path);

}  // namespace fedhap
