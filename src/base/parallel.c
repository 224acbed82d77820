/* parallel.c - a shared counter handing out indices to a few threads. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <unistd.h>

#define MAX_THREADS 8

typedef struct {
	size_t n;
	void (*fn)(void *ctx, size_t i);
	void *ctx;
	atomic_size_t next; /* the next index to take */
} job;

static void *worker(void *arg)
{
	job *j = arg;
	size_t i;
	while ((i = atomic_fetch_add(&j->next, 1)) < j->n)
		j->fn(j->ctx, i);
	return NULL;
}

/* The work may recurse deeply (the Markdown converter does, once per level
 * of nesting): a worker gets as much stack as the calling thread may use. */
static void set_stack_size(pthread_attr_t *attr)
{
	struct rlimit rl;
	size_t size = (size_t)8 << 20;
	if (getrlimit(RLIMIT_STACK, &rl) == 0) {
		if (rl.rlim_cur == RLIM_INFINITY)
			size = (size_t)256 << 20;
		else if (rl.rlim_cur > size)
			size = (size_t)rl.rlim_cur;
	}
	pthread_attr_setstacksize(attr, size);
}

void ac_parallel_for(size_t n, size_t min_n, void (*fn)(void *ctx, size_t i), void *ctx)
{
	job j = {n, fn, ctx, 0};
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = cpus > 1 ? (size_t)cpus : 1;
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	if (want > n)
		want = n;
	if (n < min_n)
		want = 1;
	pthread_t th[MAX_THREADS];
	size_t started = 0;
	pthread_attr_t attr;
	if (want > 1 && pthread_attr_init(&attr) == 0) {
		set_stack_size(&attr);
		while (started + 1 < want && pthread_create(&th[started], &attr, worker, &j) == 0)
			started++;
		pthread_attr_destroy(&attr);
	}
	worker(&j);
	for (size_t k = 0; k < started; k++)
		pthread_join(th[k], NULL);
}

void ac_thread_stop(pthread_t th, pthread_mutex_t *mu, pthread_cond_t *cv, bool *flag)
{
	pthread_mutex_lock(mu);
	*flag = true;
	pthread_cond_broadcast(cv);
	pthread_mutex_unlock(mu);
	pthread_join(th, NULL);
}

bool ac_thread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) != 0)
		return false;
	set_stack_size(&attr);
	bool ok = pthread_create(th, &attr, fn, arg) == 0;
	pthread_attr_destroy(&attr);
	return ok;
}
