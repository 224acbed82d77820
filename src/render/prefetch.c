/* prefetch.c - a second thread decoding pictures ahead of the
 * drawing: inflating PNG and decoding JPEG is then done beside cairo's own
 * work on the pages. */
#include "prefetch.h"

#include "../base/parallel.h"

#include "../base/buf.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* How far the thread may run ahead of the drawing. Most prepared pictures
 * hold only their compressed data (a JPEG, a PNG's carrier), so many can
 * wait: enough to carry the drawing through a run of pages dense with
 * pictures, where preparing them takes longer than drawing the pages
 * (with three, the picture book's drawing waited for them 0.6 s of 4.3).
 * Memory stays bounded by bytes, not by the number of pictures: the next
 * picture is always prepared, however large, and a further one while what
 * waits holds less than HELD_MAX bytes (so at most HELD_MAX and a picture
 * wait). */
#define AHEAD_MAX 64
#define HELD_MAX (32u << 20)

struct ac_prefetch {
	const ac_picture **order; /* pictures to decode, SVG left out */
	cairo_surface_t **ready;  /* their pixels, from the thread */
	size_t n;
	size_t taken; /* order[0, taken) went to the drawing */
	size_t done;  /* order[0, done) were decoded (ready may be NULL: failed) */
	size_t held;  /* the bytes of ready[taken, done) */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
};

/* The bytes a prepared picture holds while it waits: its pixels (a
 * picture the PDF cannot take as it is), or the data it carries there. */
static size_t held_bytes(cairo_surface_t *s)
{
	if (!s)
		return 0;
	size_t n = 0;
	if (cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE)
		n = (size_t)cairo_image_surface_get_stride(s) *
		    (size_t)cairo_image_surface_get_height(s);
	static const char *const carried[] = {CAIRO_MIME_TYPE_JPEG, CAIRO_MIME_TYPE_CCITT_FAX};
	for (size_t k = 0; k < sizeof carried / sizeof *carried; k++) {
		const unsigned char *data = NULL;
		unsigned long len = 0;
		cairo_surface_get_mime_data(s, carried[k], &data, &len);
		n += len;
	}
	return n;
}

/* Whether picture i may be prepared now (pf->mu held). */
static bool may_prepare(const ac_prefetch *pf, size_t i)
{
	return i == pf->taken || (i < pf->taken + AHEAD_MAX && pf->held < HELD_MAX);
}

static void *work(void *arg)
{
	ac_prefetch *pf = arg;
	for (size_t i = 0; i < pf->n; i++) {
		pthread_mutex_lock(&pf->mu);
		while (!pf->stop && !may_prepare(pf, i))
			pthread_cond_wait(&pf->cv, &pf->mu);
		bool stop = pf->stop;
		pthread_mutex_unlock(&pf->mu);
		if (stop)
			break;
		cairo_surface_t *s = ac_picture_pixels(pf->order[i]);
		size_t bytes = held_bytes(s);
		pthread_mutex_lock(&pf->mu);
		pf->ready[i] = s;
		pf->held += bytes;
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
		pf->held -= held_bytes(s);
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
	if (pf->n)
		ac_thread_stop(pf->thread, &pf->mu, &pf->cv, &pf->stop);
	for (size_t i = 0; i < pf->n; i++)
		if (pf->ready[i])
			cairo_surface_destroy(pf->ready[i]);
	pthread_cond_destroy(&pf->cv);
	pthread_mutex_destroy(&pf->mu);
	free(pf->ready);
	free(pf->order);
	free(pf);
}
