/* preload.c - the book's figure pictures read and parsed on a thread of
 * their own, ahead of the layout that sizes them.
 *
 * Reading a picture's file and parsing an SVG figure (libxml2 to clean it,
 * librsvg to read it) took a fifth of the picture book's layout, on the
 * thread that sets the text. A second thread now loads the pictures of the
 * book's figures in reading order; the layout takes each as it reaches its
 * figure (or loads it then, if the thread has not reached it). Nothing is
 * reported from here: a picture that fails to load is loaded again by the
 * layout, which reports why at the figure's line. Pictures inline in text
 * are set as their alternative text and never loaded. */
#include "preload.h"

#include "../base/buf.h"
#include "../base/parallel.h"
#include "../base/strmap.h"
#include "flow_internal.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* A picture's way: WAITING for the thread, LOADING there, LOADED (pic, or
 * NULL if it failed), GONE to the layout (taken, or loaded there). */
typedef enum { WAITING, LOADING, LOADED, GONE } slot_state;

typedef struct {
	const ac_image *image;
	slot_state state;
	ac_picture *pic; /* LOADED: the picture, or NULL if it failed */
	size_t held;     /* LOADED: the text of the SVG figure pic holds parsed */
} slot;

/* How much SVG text the pictures loaded and not yet taken may hold parsed
 * (besides the next one): a parsed figure takes some fifty times its text,
 * and the layout lets go of those it takes past a budget twice this
 * (picture.h), to parse them again when they are drawn. (Figures the layout
 * never takes would hold the thread back for good: the layout then loads
 * the rest itself, as it would without the thread.) */
#define AHEAD_MAX ((size_t)512 << 10)

struct ac_preload {
	slot *slots;
	size_t n;
	size_t ahead; /* the held of the LOADED slots */
	bool waiting; /* the thread waits for the layout to take some */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
};

/* Loads a picture, dropping what is reported (the layout reports it). */
static ac_picture *load_quietly(const ac_image *im)
{
	ac_diags scratch;
	ac_diags_init(&scratch);
	ac_picture *p = ac_picture_load(im->real_path, im->media_type, im->real_path, 1, &scratch);
	ac_diags_free(&scratch);
	return p;
}

static void *work(void *arg)
{
	ac_preload *pl = arg;
	for (size_t i = 0; i < pl->n; i++) {
		pthread_mutex_lock(&pl->mu);
		while (pl->ahead > AHEAD_MAX && !pl->stop) {
			pl->waiting = true;
			pthread_cond_wait(&pl->cv, &pl->mu);
		}
		pl->waiting = false;
		bool mine = !pl->stop && pl->slots[i].state == WAITING;
		if (mine)
			pl->slots[i].state = LOADING;
		bool stop = pl->stop;
		pthread_mutex_unlock(&pl->mu);
		if (stop)
			break;
		if (!mine)
			continue;
		ac_picture *p = load_quietly(pl->slots[i].image);
		size_t held = p ? ac_picture_svg_held(p) : 0;
		pthread_mutex_lock(&pl->mu);
		pl->slots[i].pic = p;
		pl->slots[i].held = held;
		pl->ahead += held;
		pl->slots[i].state = LOADED;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
#ifdef __GLIBC__
	/* What parsing left free in the heaps goes back to the system now
	 * (every arena is trimmed, this thread's above all). */
	malloc_trim(0);
#endif
	return NULL;
}

/* The image an article's element n shows if it is a figure the layout
 * sets as a picture, else NULL. */
static const ac_image *figure_image(const ac_article *a, xmlNodePtr n)
{
	if (!flow_is(n, "figure") || !flow_picture_figure(n))
		return NULL;
	return flow_figure_image(a, n);
}

/* Appends the figure pictures under n, in document order, each file once. */
static void add_figures(ac_preload *pl, const ac_article *a, xmlNodePtr n, ac_strmap *seen,
			size_t cap)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const ac_image *im = figure_image(a, c);
		if (im && im->real_path && pl->n < cap && ac_strmap_add(seen, im->real_path, NULL))
			pl->slots[pl->n++] = (slot){im, WAITING, NULL, 0};
		else if (!im)
			add_figures(pl, a, c, seen, cap);
	}
}

ac_preload *ac_preload_new(const ac_book *b)
{
	size_t total = 0;
	for (size_t i = 0; i < b->nseq; i++)
		total += b->seq[i]->nimages;
	if (!total)
		return NULL;
	ac_preload *pl = ac_xcalloc(1, sizeof *pl);
	pl->slots = ac_xcalloc(total, sizeof *pl->slots);
	ac_strmap seen = AC_STRMAP_INIT;
	for (size_t i = 0; i < b->nseq; i++) {
		const ac_article *a = b->seq[i];
		xmlNodePtr root = a->doc ? xmlDocGetRootElement(a->doc) : NULL;
		if (root && a->nimages)
			add_figures(pl, a, root, &seen, total);
	}
	ac_strmap_free(&seen);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cv, NULL);
	/* Parsing an SVG figure recurses a level per level of nesting: the
	 * thread gets the stack the layout's has. */
	if (!pl->n || !ac_thread_start(&pl->thread, work, pl)) {
		pl->n = 0;
		ac_preload_free(pl);
		return NULL;
	}
	return pl;
}

ac_picture *ac_preload_take(ac_preload *pl, const char *real_path, const char *where, int line,
			    ac_diags *d)
{
	if (!pl)
		return NULL;
	size_t i = 0;
	while (i < pl->n && strcmp(pl->slots[i].image->real_path, real_path))
		i++;
	if (i == pl->n)
		return NULL;
	pthread_mutex_lock(&pl->mu);
	slot *s = &pl->slots[i];
	while (s->state == LOADING)
		pthread_cond_wait(&pl->cv, &pl->mu);
	int was = s->state;
	ac_picture *p = s->pic;
	s->pic = NULL;
	s->state = GONE;
	pl->ahead -= s->held;
	s->held = 0;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
	/* Not reached by the thread yet: loaded here, as without it. */
	if (was == WAITING)
		p = load_quietly(s->image);
	if (p)
		ac_picture_place(p, where, line, d);
	return p;
}

size_t ac_preload_ahead(ac_preload *pl, bool *waiting)
{
	pthread_mutex_lock(&pl->mu);
	size_t ahead = pl->ahead;
	*waiting = pl->waiting;
	pthread_mutex_unlock(&pl->mu);
	return ahead;
}

void ac_preload_free(ac_preload *pl)
{
	if (!pl)
		return;
	if (pl->n)
		ac_thread_stop(pl->thread, &pl->mu, &pl->cv, &pl->stop);
	for (size_t i = 0; i < pl->n; i++)
		ac_picture_free(pl->slots[i].pic);
	pthread_cond_destroy(&pl->cv);
	pthread_mutex_destroy(&pl->mu);
	free(pl->slots);
	free(pl);
}
