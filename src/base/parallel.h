/* parallel.h - spreads independent pieces of work over the processors. */
#ifndef AC_PARALLEL_H
#define AC_PARALLEL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* Calls fn(ctx, i) once for every i in [0, n): on this thread and, when n is
 * at least min_n, on one more thread per further processor (at most 8 in
 * all), each taking the next i as it becomes free. Returns when all are done.
 * Workers get as much stack as the calling thread may use. fn must only
 * touch what belongs to its i, or synchronise itself. */
void ac_parallel_for(size_t n, size_t min_n, void (*fn)(void *ctx, size_t i), void *ctx);

/* Starts fn(arg) on a thread of its own with as much stack as the calling
 * thread may use; returns whether it started. */
bool ac_thread_start(pthread_t *th, void *(*fn)(void *), void *arg);

/* Tells the thread th to stop (sets *flag under mu and wakes every waiter
 * on cv), then waits for it to end. */
void ac_thread_stop(pthread_t th, pthread_mutex_t *mu, pthread_cond_t *cv, bool *flag);

#endif
