#pragma once
// What differs between the two executables that share main.cpp:
//   fedhap        (entry_light.cpp)   partition, eval, embed, help: never loads LibTorch, starts in
//                                     milliseconds; hands --version and the training commands over
//                                     to the trainer by exec, so the caller sees one process.
//   fedhap-train  (entry_trainer.cpp) every command, with LibTorch.
// Exec of a second executable, rather than a plugin loaded with dlopen, keeps both programs
// ordinary static links of the same libraries and keeps signals, exit status and the process id
// exactly as if `fedhap` itself trained.
namespace fedhap::cli {

int print_version(char** argv);
// When this executable does not have `command`, runs the one that has it in this process (exec)
// and does not return.
void hand_over_if_elsewhere(const char* command, char** argv);

}  // namespace fedhap::cli
