/* pages.c - page breaking: fill each page up to its height, break at the last
 * legal break point, defer figures that do not fit, start chapters on odd pages. */
#include "pages.h"

#include "../base/buf.h"
#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	ac_pages *out;
	ac_page *cur;
	double y, h;
	int first_number;
	size_t *pending; /* deferred figures, by item index */
	size_t npending;
	const ac_vlist *v;
	/* The table being set: its header row and the page of its last row. */
	const ac_vitem *header;
	int table_block;
	size_t table_page;
} state;

static void place(state *s, const ac_vitem *it)
{
	ac_page *p = s->cur;
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->placed = ac_xrealloc(p->placed, p->cap * sizeof *p->placed);
	}
	p->placed[p->count].item = it;
	p->placed[p->count].y = s->y;
	p->count++;
	s->y += it->height;
}

static void new_page(state *s, int chapter, bool opener, bool blank)
{
	ac_pages *o = s->out;
	o->pages = ac_xrealloc(o->pages, (o->count + 1) * sizeof *o->pages);
	ac_page *p = &o->pages[o->count++];
	memset(p, 0, sizeof *p);
	p->chapter = chapter;
	p->opener = opener;
	p->blank = blank;
	s->cur = p;
	s->y = 0;
}

static int page_number(const state *s)
{
	return s->first_number + (int)s->out->count - 1;
}

static bool has_box(const ac_page *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->placed[i].item->kind == AC_V_BOX && p->placed[i].item->height > 0)
			return true;
	return false;
}

/* Places deferred figures at the top of a fresh page, as many as fit. */
static void place_pending(state *s)
{
	size_t kept = 0;
	for (size_t k = 0; k < s->npending; k++) {
		const ac_vitem *it = &s->v->items[s->pending[k]];
		if (s->y + it->height <= s->h || s->y == 0)
			place(s, it);
		else
			s->pending[kept++] = s->pending[k];
	}
	s->npending = kept;
}

static void next_page(state *s)
{
	int chapter = s->cur ? s->cur->chapter : -1;
	new_page(s, chapter, false, false);
	place_pending(s);
}

/* A table row that goes on to a new page has the table's header row set
 * above it again, when both fit. */
static void repeat_header(state *s, const ac_vitem *it)
{
	if (it->kind != AC_V_BOX || it->role != AC_ROLE_ROW)
		return;
	if (it->header || it->block != s->table_block) {
		s->header = it->header ? it : NULL;
		s->table_block = it->block;
	} else if (s->header && s->table_page != s->out->count &&
		   s->y + s->header->height + it->height <= s->h + 0.01) {
		place(s, s->header);
	}
	s->table_page = s->out->count;
}

void ac_paginate(const ac_vlist *v, double h, int first_number, ac_pages *out)
{
	memset(out, 0, sizeof *out);
	state s = {out, NULL, 0, h, first_number, NULL, 0, v, NULL, -1, 0};
	s.pending = ac_xcalloc(v->count ? v->count : 1, sizeof *s.pending);
	new_page(&s, -1, false, false);
	/* The last legal break on the current page: the item index and how many
	 * placements precede it. */
	size_t brk_item = 0, brk_count = 0;
	bool have_brk = false;
	size_t i = 0;
	while (i < v->count) {
		const ac_vitem *it = &v->items[i];
		if (it->kind == AC_V_PENALTY && it->penalty <= -AC_INF_PENALTY) {
			/* A forced break: a new chapter. */
			if (has_box(s.cur) || s.npending) {
				while (s.npending) {
					next_page(&s);
				}
				new_page(&s, it->chapter, false, false);
			} else {
				s.cur->chapter = it->chapter;
			}
			if (it->odd && page_number(&s) % 2 == 0) {
				s.cur->blank = true;
				s.cur->chapter = it->chapter;
				new_page(&s, it->chapter, false, false);
			}
			s.cur->opener = true;
			s.cur->chapter = it->chapter;
			have_brk = false;
			i++;
			continue;
		}
		if (!has_box(s.cur) && it->kind != AC_V_BOX && s.cur->opener == false) {
			i++; /* glue and penalties vanish at the top of a page */
			continue;
		}
		if (it->kind == AC_V_PENALTY) {
			if (it->penalty < AC_INF_PENALTY) {
				have_brk = true;
				brk_item = i;
				brk_count = s.cur->count;
			}
			i++;
			continue;
		}
		bool after_box = i > 0 && v->items[i - 1].kind == AC_V_BOX;
		if (it->kind == AC_V_GLUE) {
			if (after_box) {
				have_brk = true;
				brk_item = i;
				brk_count = s.cur->count;
			}
			if (s.y + it->height <= h) {
				place(&s, it);
				i++;
				continue;
			}
			if (after_box) {
				/* A legal break that does not fit: break here; the glue
				 * vanishes at the top of the next page. */
				next_page(&s);
				have_brk = false;
				i++;
				continue;
			}
			/* Glue that may not break (after a heading): handled below like
			 * a box that does not fit. */
		} else if (s.y + it->height <= h + 0.01) {
			/* A box that fits. */
			repeat_header(&s, it);
			place(&s, it);
			i++;
			continue;
		}
		/* Something that does not fit. */
		if (it->kind == AC_V_BOX && it->floats && has_box(s.cur)) {
			/* A figure that does not fit waits for the next page; the text
			 * after it fills this one. */
			s.pending[s.npending++] = i;
			i++;
			/* Its space goes with it. */
			while (i < v->count && v->items[i].kind == AC_V_GLUE)
				i++;
			continue;
		}
		if (have_brk && brk_count > 0) {
			/* Take back what came after the last legal break. */
			s.cur->count = brk_count;
			size_t kept = 0;
			for (size_t k = 0; k < s.npending; k++)
				if (s.pending[k] < brk_item)
					s.pending[kept++] = s.pending[k];
			s.npending = kept;
			i = brk_item + 1;
			next_page(&s);
			have_brk = false;
			continue;
		}
		if (has_box(s.cur)) {
			/* Nothing on this page may break: start the next one here. */
			next_page(&s);
			have_brk = false;
			continue;
		}
		/* Taller than a page: it goes on a page of its own. */
		repeat_header(&s, it);
		place(&s, it);
		i++;
	}
	while (s.npending)
		next_page(&s);
	/* Drop a trailing empty page. */
	if (out->count > 1 && !has_box(&out->pages[out->count - 1]) &&
	    !out->pages[out->count - 1].blank) {
		free(out->pages[out->count - 1].placed);
		out->count--;
	}
	free(s.pending);
}

void ac_pages_free(ac_pages *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->pages[i].placed);
	free(p->pages);
	memset(p, 0, sizeof *p);
}
