#pragma once
// What differs between the two executables that share main.cpp:
//   fedhap        (entry_light.cpp)   partition, eval, embed, help: links neither LibTorch nor
//                                     OpenCV and starts in milliseconds; hands --version, the
//                                     training commands and image datasets to the trainer by exec,
//                                     so the caller sees one process.
//   fedhap-train  (entry_trainer.cpp) every command, with LibTorch and OpenCV.
// Exec of a second executable, rather than a plugin loaded with dlopen, keeps both programs
// ordinary static links of the same libraries and keeps signals, exit status and the process id
// exactly as if `fedhap` itself had done the work.
namespace fedhap::cli {

// Once, before any command: registers what this executable links (image datasets).
void prepare_process();
bool has_command(const char* command);
int print_version(char** argv);
// Replaces this process by fedhap-train with the same arguments. Only the light executable calls
// it (a command it lacks, or a dataset it cannot decode: nothing was written before).
[[noreturn]] void hand_over(char** argv);

}  // namespace fedhap::cli
