// A preload that moves the wall clock by SHIFTED_CLOCK_SECONDS for a process and its children, as on a machine
// whose date is set that far away: CLOCK_REALTIME (and its coarse and TAI forms), gettimeofday, time and
// timespec_get read the moved time; absolute waits on the wall clock (condition variables made on it,
// sem_timedwait, clock_nanosleep with TIMER_ABSTIME) are moved back, so they end when they would on such a
// machine. The monotonic and boot clocks, and every timer on them, are left alone.
//
// Why not Debian's faketime: libfaketime 0.9.10 moves monotonic timers too (timerfd_settime gets a negative
// time: every Swift Task.sleep never wakes; clock_nanosleep on CLOCK_MONOTONIC: Python 3.11's time.sleep fails),
// whatever DONT_FAKE_MONOTONIC says. Built and used by scripts/with-clock.sh; glibc on Linux only.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long long offset;
static int (*real_clock_gettime)(clockid_t, struct timespec *);
static int (*real_gettimeofday)(struct timeval *, void *);
static int (*real_clock_nanosleep)(clockid_t, int, const struct timespec *, struct timespec *);
static int (*real_sem_timedwait)(sem_t *, const struct timespec *);

__attribute__((constructor)) static void load(void) {
    const char *seconds = getenv("SHIFTED_CLOCK_SECONDS");
    offset = seconds ? atoll(seconds) : 0;
    real_clock_gettime = dlsym(RTLD_NEXT, "clock_gettime");
    real_gettimeofday = dlsym(RTLD_NEXT, "gettimeofday");
    real_clock_nanosleep = dlsym(RTLD_NEXT, "clock_nanosleep");
    real_sem_timedwait = dlsym(RTLD_NEXT, "sem_timedwait");
}

static int is_wall_clock(clockid_t clock) {
    return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_TAI;
}

/// A deadline read on the moved wall clock, as the kernel's wall clock reads it.
static struct timespec unmoved(const struct timespec *deadline) {
    struct timespec real = *deadline;
    real.tv_sec -= offset;
    return real;
}

int clock_gettime(clockid_t clock, struct timespec *time) {
    if (!real_clock_gettime) load();
    int result = real_clock_gettime(clock, time);
    if (result == 0 && is_wall_clock(clock)) time->tv_sec += offset;
    return result;
}

int gettimeofday(struct timeval *restrict time, void *restrict zone) {
    if (!real_gettimeofday) load();
    int result = real_gettimeofday(time, zone);
    if (result == 0 && time) time->tv_sec += offset;
    return result;
}

time_t time(time_t *out) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (out) *out = now.tv_sec;
    return now.tv_sec;
}

int timespec_get(struct timespec *time, int base) {
    if (base != TIME_UTC) return 0;
    clock_gettime(CLOCK_REALTIME, time);
    return base;
}

// glibc keeps a condition's clock in bit 1 of __wrefs (set by pthread_condattr_setclock(CLOCK_MONOTONIC)).
int pthread_cond_timedwait(pthread_cond_t *restrict cond, pthread_mutex_t *restrict mutex,
                           const struct timespec *restrict deadline) {
    if (__atomic_load_n(&cond->__data.__wrefs, __ATOMIC_RELAXED) & 2)
        return pthread_cond_clockwait(cond, mutex, CLOCK_MONOTONIC, deadline);
    struct timespec real = unmoved(deadline);
    return pthread_cond_clockwait(cond, mutex, CLOCK_REALTIME, &real);
}

int sem_timedwait(sem_t *restrict semaphore, const struct timespec *restrict deadline) {
    if (!real_sem_timedwait) load();
    struct timespec real = unmoved(deadline);
    return real_sem_timedwait(semaphore, &real);
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request, struct timespec *remain) {
    if (!real_clock_nanosleep) load();
    if ((flags & TIMER_ABSTIME) && is_wall_clock(clock)) {
        struct timespec real = unmoved(request);
        return real_clock_nanosleep(clock, flags, &real, remain);
    }
    return real_clock_nanosleep(clock, flags, request, remain);
}
