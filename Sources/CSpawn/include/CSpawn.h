#ifndef PODIUM_CSPAWN_H
#define PODIUM_CSPAWN_H
#include <spawn.h>

/* pipe2(O_CLOEXEC): both ends close on exec, atomically (no other thread's child inherits them). */
int podium_pipe_cloexec(int fds[2]);

/* posix_spawn_file_actions_addclosefrom_np(actions, 3): the child keeps only 0, 1 and 2. */
int podium_spawn_close_from_three(posix_spawn_file_actions_t *actions);
#endif
