/* svgpass.c - SVG figures drawn on a thread of their own into a PDF of
 * their own, and the stand-ins the pages draw instead (see svgpass.h). */
#include "svgpass.h"

#include "../base/parallel.h"
#include "pngpass.h"

#include <cairo-pdf.h>
#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stand-in's "fax" data: the magic, the figure's page (4 bytes, most
 * significant first, counted from 0), then its box on that page as text
 * ("left bottom width height", PDF space). */
static const char MAGIC[] = "\x89" "ACSVG\n";
#define MAGIC_LEN (sizeof MAGIC - 1)
#define BOX_MAX 128

/* A figure to draw: a page of the figures' PDF, page_w × page_h, the
 * figure in the w × h box at (x, y) on it (y down, as cairo draws); it
 * stands at (at_x, at_y) on the handbook's page. */
typedef struct {
	const ac_picture *pic;
	double x, y, w, h;
	double page_w, page_h;
	double at_x, at_y;
} figure;

/* How far past the next figure in the queue's order a figure drawn is
 * looked for (the pages are drawn in the order the layout queued them). */
#define LOOK_AHEAD 64

struct ac_svgpass {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	figure *queue; /* every figure queued, in order: figure i is page i */
	size_t n, cap; /* grown on one thread only (the layout's, then the drawing's) */
	size_t next;   /* the first figure queued ahead not yet drawn */
	bool closed; /* no more figures will come */
	ac_buf pdf;  /* written by the thread, read once it is joined */
	bool ok;
	ac_diags said; /* by the thread, about the figures; read once it is joined */
	bool failed;   /* a stand-in could not be made */
	size_t stand_ins; /* made, each for a page of its own */
	bool joined;
};

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	ac_buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Whether one of the LOOK_AHEAD figures queued after figure i shows the
 * same picture (one further on is parsed again: picture.h). */
static bool used_again(ac_svgpass *sp, size_t i)
{
	pthread_mutex_lock(&sp->mu);
	const ac_picture *pic = sp->queue[i].pic;
	bool again = false;
	for (size_t j = i + 1; j < sp->n && j <= i + LOOK_AHEAD && !again; j++)
		again = sp->queue[j].pic == pic;
	pthread_mutex_unlock(&sp->mu);
	return again;
}

/* Draws figure f; false when it cannot be. What there is to say about it
 * goes into sp->said, at its line. */
static bool draw_one(ac_svgpass *sp, const figure *f, cairo_t *cr)
{
	char *why = NULL;
	int rc = ac_picture_svg_draw(f->pic, cr, f->x, f->y, f->w, f->h, &why);
	if (rc != 0) {
		int line = 0;
		const char *where = ac_picture_where(f->pic, &line);
		ac_diag_add(&sp->said, rc < 0 ? AC_ERROR : AC_WARNING, where ? where : "", line,
			    "%s", why);
	}
	free(why);
	return rc >= 0;
}

/* Draws the figures as they are queued, a page each, until the queue is
 * closed, each figure's parsed tree let go after its last drawing known
 * (picture.h). cairo's PDF surfaces keep text as text (glyphs of embedded
 * fonts); librsvg asks Pango for it, on this thread's own font map. */
static void *draw_all(void *arg)
{
	ac_svgpass *sp = arg;
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	bool ok = true;
	for (size_t i = 0;; i++) {
		pthread_mutex_lock(&sp->mu);
		while (i >= sp->n && !sp->closed)
			pthread_cond_wait(&sp->cv, &sp->mu);
		bool more = i < sp->n;
		figure f = more ? sp->queue[i] : (figure){0};
		pthread_mutex_unlock(&sp->mu);
		if (!more)
			break;
		if (!s) {
			s = cairo_pdf_surface_create_for_stream(to_buf, &sp->pdf, f.page_w, f.page_h);
			cr = cairo_create(s);
		}
		cairo_pdf_surface_set_size(s, f.page_w, f.page_h);
		if (ok)
			ok = draw_one(sp, &f, cr);
		if (!used_again(sp, i))
			ac_picture_svg_release(f.pic);
		cairo_show_page(cr);
		ok = ok && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	}
	if (s) {
		cairo_destroy(cr);
		cairo_surface_finish(s);
		ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
		cairo_surface_destroy(s);
	}
	sp->ok = ok;
	/* What librsvg and Pango used here stays in this thread's heap, a
	 * tenth of the Rust blog's peak: given back (a few milliseconds). */
	malloc_trim(0);
	return NULL;
}

ac_svgpass *ac_svgpass_new(void)
{
	ac_svgpass *sp = ac_xcalloc(1, sizeof *sp);
	sp->pdf = (ac_buf)AC_BUF_INIT;
	ac_diags_init(&sp->said);
	pthread_mutex_init(&sp->mu, NULL);
	pthread_cond_init(&sp->cv, NULL);
	/* librsvg draws recursively, a level per level of nesting: the thread
	 * gets the stack the drawing thread has. */
	if (!ac_thread_start(&sp->thread, draw_all, sp)) {
		sp->joined = true;
		ac_svgpass_free(sp);
		return NULL;
	}
	return sp;
}

/* Queues pic for the box at (x, y) of a page; returns its page, or -1. */
static long enqueue(ac_svgpass *sp, const ac_picture *pic, double x, double y, double w,
		    double h)
{
	/* The figure keeps the fraction of a point it has on the page. */
	figure f = {pic, x - floor(x), y - floor(y), w, h, 0, 0, x, y};
	f.page_w = ceil(f.x + w);
	f.page_h = ceil(f.y + h);
	pthread_mutex_lock(&sp->mu);
	long page = -1;
	if (!sp->closed && sp->n < 0xffffffffu) {
		if (sp->n == sp->cap) {
			sp->cap = sp->cap ? 2 * sp->cap : 16;
			sp->queue = ac_xrealloc(sp->queue, sp->cap * sizeof *sp->queue);
		}
		page = (long)sp->n;
		sp->queue[sp->n++] = f;
		pthread_cond_signal(&sp->cv);
	}
	pthread_mutex_unlock(&sp->mu);
	return page;
}

void ac_svgpass_queue(ac_svgpass *sp, const ac_picture *pic, double x, double y, double w,
		      double h)
{
	if (w > 0 && h > 0 && enqueue(sp, pic, x, y, w, h) < 0)
		sp->failed = true;
}

/* The page of the figure queued ahead for pic in that box, or -1. */
static long queued(ac_svgpass *sp, const ac_picture *pic, double x, double y, double w, double h)
{
	/* Read without the lock: only this thread grows the queue. */
	for (size_t i = sp->next; i < sp->n && i < sp->next + LOOK_AHEAD; i++) {
		const figure *f = &sp->queue[i];
		if (f->pic == pic && f->at_x == x && f->at_y == y && f->w == w && f->h == h) {
			sp->next = i + 1;
			return (long)i;
		}
	}
	return -1;
}

cairo_surface_t *ac_svgpass_stand_in(ac_svgpass *sp, const ac_picture *pic, double x, double y,
				     double w, double h)
{
	long page = -1;
	if (w > 0 && h > 0) {
		page = queued(sp, pic, x, y, w, h);
		if (page < 0)
			page = enqueue(sp, pic, x, y, w, h);
	}
	if (page < 0) {
		sp->failed = true;
		return NULL;
	}
	const figure *f = &sp->queue[page];
	char box[BOX_MAX];
	int blen = snprintf(box, sizeof box, "%.17g %.17g %.17g %.17g", f->x,
			    f->page_h - f->y - f->h, f->w, f->h);
	if (blen < 0 || blen >= BOX_MAX) {
		sp->failed = true;
		return NULL;
	}
	size_t len = MAGIC_LEN + 4 + (size_t)blen;
	unsigned char *data = ac_xmalloc(len);
	memcpy(data, MAGIC, MAGIC_LEN);
	for (int b = 0; b < 4; b++)
		data[MAGIC_LEN + b] = (unsigned char)((unsigned long)page >> (24 - 8 * b));
	memcpy(data + MAGIC_LEN + 4, box, (size_t)blen);
	/* A page of its own, an image of its own to cairo. */
	char id[32];
	snprintf(id, sizeof id, "svg-figure-%ld", page);
	cairo_surface_t *s = ac_fax_stand_in(data, len, free, data, 1, 1, id);
	if (!s)
		sp->failed = true;
	else
		sp->stand_ins++;
	return s;
}

static void join(ac_svgpass *sp)
{
	if (sp->joined)
		return;
	ac_thread_stop(sp->thread, &sp->mu, &sp->cv, &sp->closed);
	sp->joined = true;
}

size_t ac_svgpass_stand_ins(const ac_svgpass *sp)
{
	return sp->stand_ins;
}

const ac_buf *ac_svgpass_pdf(ac_svgpass *sp)
{
	join(sp);
	return sp->ok && !sp->failed ? &sp->pdf : NULL;
}

size_t ac_svgpass_report(ac_svgpass *sp, ac_diags *d)
{
	join(sp);
	size_t errors = sp->said.errors;
	ac_diags_move(d, &sp->said);
	return errors;
}

bool ac_svgpass_figure_failed(ac_svgpass *sp)
{
	join(sp);
	return sp->said.errors > 0;
}

void ac_svgpass_free(ac_svgpass *sp)
{
	if (!sp)
		return;
	join(sp);
	pthread_cond_destroy(&sp->cv);
	pthread_mutex_destroy(&sp->mu);
	ac_buf_free(&sp->pdf);
	ac_diags_free(&sp->said);
	free(sp->queue);
	free(sp);
}

long ac_svgpass_page_of(const char *text, size_t len, double box[4])
{
	size_t n;
	const char *data = ac_fax_data(text, len, &n);
	if (!data || n < MAGIC_LEN || memcmp(data, MAGIC, MAGIC_LEN))
		return -1;
	/* A stand-in from here on: one that does not read right is damaged. */
	size_t blen = n - MAGIC_LEN;
	char text_box[BOX_MAX];
	if (blen < 4 || blen - 4 >= BOX_MAX)
		return -2;
	memcpy(text_box, data + MAGIC_LEN + 4, blen - 4);
	text_box[blen - 4] = 0;
	if (sscanf(text_box, "%lf %lf %lf %lf", &box[0], &box[1], &box[2], &box[3]) != 4)
		return -2;
	const unsigned char *u = (const unsigned char *)data + MAGIC_LEN;
	return (long)((uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3]);
}
