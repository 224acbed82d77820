/* prefetch.c - a second thread decoding pictures a few pages ahead of the
 * drawing: inflating PNG and decoding JPEG is then done beside cairo's own
 * work on the pages. */
#include "prefetch.h"

#include "../base/buf.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* How many decoded pictures may wait to be drawn: enough to keep the
 * thread busy across a page of several pictures, few enough that memory
 * depends on the largest pictures and not on their number. */
#define AHEAD 3

struct ac_prefetch {
	const ac_picture **order; /* pictures to decode, SVG left out */
	cairo_surface_t **ready;  /* their pixels, from the thread */
	size_t n;
	size_t taken; /* order[0, taken) went to the drawing */
	size_t done;  /* order[0, done) were decoded (ready may be NULL: failed) */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
};

static void *work(void *arg)
{
	ac_prefetch *pf = arg;
	for (size_t i = 0; i < pf->n; i++) {
		pthread_mutex_lock(&pf->mu);
		while (!pf->stop && i >= pf->taken + AHEAD)
			pthread_cond_wait(&pf->cv, &pf->mu);
		bool stop = pf->stop;
		pthread_mutex_unlock(&pf->mu);
		if (stop)
			break;
		cairo_surface_t *s = ac_picture_pixels(pf->order[i]);
		pthread_mutex_lock(&pf->mu);
		pf->ready[i] = s;
		pf->done = i + 1;
		pthread_cond_broadcast(&pf->cv);
		pthread_mutex_unlock(&pf->mu);
	}
	return NULL;
}

ac_prefetch *ac_prefetch_new(const ac_picture *const *order, size_t n)
{
	ac_prefetch *pf = ac_xcalloc(1, sizeof *pf);
	pf->order = ac_xcalloc(n ? n : 1, sizeof *pf->order);
	for (size_t i = 0; i < n; i++)
		if (!ac_picture_is_svg(order[i]))
			pf->order[pf->n++] = order[i];
	pf->ready = ac_xcalloc(pf->n ? pf->n : 1, sizeof *pf->ready);
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->cv, NULL);
	if (!pf->n || pthread_create(&pf->thread, NULL, work, pf) != 0) {
		pf->n = 0;
		ac_prefetch_free(pf);
		return NULL;
	}
	return pf;
}

cairo_surface_t *ac_prefetch_take(ac_prefetch *pf, const ac_picture *p)
{
	if (!pf || ac_picture_is_svg(p))
		return NULL;
	pthread_mutex_lock(&pf->mu);
	cairo_surface_t *s = NULL;
	size_t i = pf->taken;
	if (i < pf->n && pf->order[i] == p) {
		while (pf->done <= i)
			pthread_cond_wait(&pf->cv, &pf->mu);
		s = pf->ready[i];
		pf->ready[i] = NULL;
		pf->taken = i + 1;
		pthread_cond_broadcast(&pf->cv);
	}
	pthread_mutex_unlock(&pf->mu);
	return s;
}

void ac_prefetch_free(ac_prefetch *pf)
{
	if (!pf)
		return;
	if (pf->n) {
		pthread_mutex_lock(&pf->mu);
		pf->stop = true;
		pthread_cond_broadcast(&pf->cv);
		pthread_mutex_unlock(&pf->mu);
		pthread_join(pf->thread, NULL);
	}
	for (size_t i = 0; i < pf->n; i++)
		if (pf->ready[i])
			cairo_surface_destroy(pf->ready[i]);
	pthread_cond_destroy(&pf->cv);
	pthread_mutex_destroy(&pf->mu);
	free(pf->ready);
	free(pf->order);
	free(pf);
}
