#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "CSpawn.h"

int podium_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int podium_spawn_close_from_three(posix_spawn_file_actions_t *actions) {
    return posix_spawn_file_actions_addclosefrom_np(actions, 3);
}
