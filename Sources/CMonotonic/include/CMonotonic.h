#ifndef PODIUM_CMONOTONIC_H
#define PODIUM_CMONOTONIC_H

#include <pthread.h>
#include <time.h>

/// pthread_cond_clockwait on CLOCK_MONOTONIC: waits until signalled or until `deadline` on the monotonic clock.
/// Returns 0, ETIMEDOUT or an error number, as pthread_cond_timedwait does. (glibc declares the call only under
/// _GNU_SOURCE, which Swift's Glibc module does not define.)
int podium_cond_wait_monotonic(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *deadline);

#endif
