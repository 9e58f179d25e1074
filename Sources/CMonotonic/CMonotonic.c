#define _GNU_SOURCE
#include "CMonotonic.h"

int podium_cond_wait_monotonic(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *deadline) {
    return pthread_cond_clockwait(cond, mutex, CLOCK_MONOTONIC, deadline);
}
