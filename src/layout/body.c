/* body.c - the handbook's body, chapter by chapter: set, broken into pages,
 * and where each page begins in the articles' XHTML. */
#include "body.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void part_opener(ac_flow *f, const ac_theme *t, const ac_part *p, int index,
			ac_vlist *out)
{
	/* Chapter numbers below -9 mark part pages (-10 - part index). */
	ac_flow_break(out, true, -10 - index);
	ac_flow_space(out, (t->page_h - t->top - t->bottom) * 0.3);
	ac_flow_dest(out, p->slug);
	char label[32];
	snprintf(label, sizeof label, "Part %d", index + 1);
	ac_flow_text(f, out, label, AC_FACE_HEADING, t->h3, t->muted, AC_ALIGN_CENTER,
		     t->h3 * 1.6, NULL);
	ac_flow_text(f, out, p->name, AC_FACE_HEADING_BOLD, t->h1 * 1.2, t->heading,
		     AC_ALIGN_CENTER, t->h1 * 1.5, NULL);
}

/* The body page each index anchor of pages [from, to) is set on (the
 * first, should a line somehow be set twice). */
static void anchor_pages(const ac_pages *body, size_t from, size_t to, ac_terms *terms)
{
	for (size_t i = from; i < to; i++) {
		const ac_page *pg = &body->pages[i];
		for (size_t k = 0; k < pg->count; k++) {
			const ac_vitem *it = pg->placed[k].item;
			for (size_t o = 0; o < it->nops; o++) {
				if (it->ops[o].kind != AC_OP_DEST)
					continue;
				int n = ac_terms_anchor_of(it->ops[o].target);
				if (n >= 0 && n < terms->nanchors && !terms->anchor_page[n])
					terms->anchor_page[n] = (int)i + 1;
			}
		}
	}
}

_Static_assert(AC_PB_BEFORE == AC_SRC_BEFORE, "one way to say 'before the element'");

static ac_pagebreak *push_break(ac_body *body, size_t page, ac_pb_kind kind, int owner)
{
	ac_pagebreaks *pb = &body->breaks;
	if (pb->count == body->cap_breaks) {
		body->cap_breaks = body->cap_breaks ? body->cap_breaks * 2 : 64;
		pb->items = ac_xrealloc(pb->items, body->cap_breaks * sizeof *pb->items);
	}
	ac_pagebreak *e = &pb->items[pb->count++];
	memset(e, 0, sizeof *e);
	snprintf(e->label, sizeof e->label, "%zu", page + 1);
	e->kind = kind;
	e->owner = owner;
	return e;
}

/* Whether a placed item is one of the list's own (not a footnote's line,
 * which lives in v->note_items). */
static bool in_text(const ac_vlist *v, const ac_vitem *it)
{
	return it >= v->items && it < v->items + v->count;
}

/* Where each of the pages [from, to), made from v, begins in the articles'
 * XHTML. A page of text begins at its first box that follows, in the list,
 * everything set on the pages before: not at a figure deferred from the page
 * before, nor at a table's repeated header row, nor in a footnote at its
 * foot. A page that begins none (it holds only figures deferred from
 * earlier pages) shares the place of the next page that does, or goes at
 * its chapter's end. A blank page goes at the end of what the page before
 * it holds (*owner: the chapter, or -10 - part, of the page before); an
 * opener at its chapter's start. */
static void find_breaks(ac_body *body, const ac_vlist *v, size_t from, size_t to, int *owner)
{
	size_t next = 0; /* items before this one are on earlier pages */
	size_t waiting = SIZE_MAX; /* the first of the pages waiting for a place */
	for (size_t i = from; i < to; i++) {
		const ac_page *pg = &body->pages.pages[i];
		size_t last = next;
		for (size_t k = 0; k < pg->count; k++) {
			if (!in_text(v, pg->placed[k].item))
				continue;
			size_t at = (size_t)(pg->placed[k].item - v->items);
			if (at + 1 > last)
				last = at + 1;
		}
		if (pg->blank) {
			push_break(body, i, AC_PB_AFTER, *owner);
		} else if (pg->chapter <= -10) {
			push_break(body, i, AC_PB_PART, -pg->chapter - 10);
			*owner = pg->chapter;
		} else if (pg->opener && pg->chapter >= 0) {
			push_break(body, i, AC_PB_CHAPTER, pg->chapter);
			*owner = pg->chapter;
		} else {
			const ac_vitem *first = NULL;
			for (size_t k = 0; k < pg->count && !first; k++) {
				const ac_vitem *it = pg->placed[k].item;
				if (in_text(v, it) && it->kind == AC_V_BOX && it->src &&
				    (size_t)(it - v->items) >= next)
					first = it;
			}
			if (first) {
				ac_pagebreak *e = push_break(body, i, AC_PB_TEXT, pg->chapter);
				e->node = (xmlNodePtr)first->src;
				e->off = first->src_off;
				/* The pages before it that began no text of their own
				 * share its place: the page-list stays in reading order. */
				for (size_t w = waiting; waiting != SIZE_MAX && w + 1 < body->breaks.count;
				     w++) {
					ac_pagebreak *p = &body->breaks.items[w];
					p->kind = AC_PB_TEXT;
					p->owner = e->owner;
					p->node = e->node;
					p->off = e->off;
				}
				waiting = SIZE_MAX;
			} else {
				/* Only figures deferred from the pages before, or no
				 * article text (rules): the place of the next page that
				 * begins text, or else the end of the chapter. */
				push_break(body, i, AC_PB_AFTER, pg->chapter);
				if (waiting == SIZE_MAX)
					waiting = body->breaks.count - 1;
			}
			*owner = pg->chapter;
		}
		next = last;
	}
}

/* Appends the pages of one chapter to the body's. */
static void add_pages(ac_body *body, ac_pages *more)
{
	ac_pages *all = &body->pages;
	if (all->count + more->count > body->cap_pages) {
		body->cap_pages = (all->count + more->count) * 2;
		all->pages = ac_xrealloc(all->pages, body->cap_pages * sizeof *all->pages);
	}
	memcpy(all->pages + all->count, more->pages, more->count * sizeof *more->pages);
	all->count += more->count;
	free(more->pages);
}

/* Tells r->paged the page breaks of article i, starting the search at
 * break from (the first of its pages'). */
static void tell_paged(const ac_body *body, const ac_handbook_resources *r, size_t i,
		       size_t from)
{
	if (!r->paged)
		return;
	const ac_pagebreaks *pb = &body->breaks;
	size_t n = 0;
	for (size_t k = from; k < pb->count; k++)
		n += pb->items[k].owner == (int)i && pb->items[k].kind != AC_PB_PART;
	ac_pagebreak *mine = ac_xcalloc(n + 1, sizeof *mine);
	n = 0;
	for (size_t k = from; k < pb->count; k++)
		if (pb->items[k].owner == (int)i && pb->items[k].kind != AC_PB_PART)
			mine[n++] = pb->items[k];
	r->paged(r->paged_ctx, i, mine, n);
	free(mine);
}

void ac_body_layout(ac_body *body, ac_flow *f, const ac_theme *t, const ac_book *b,
		    const ac_handbook_resources *r, double text_h, ac_body_pages_fn placed,
		    void *placed_ctx)
{
	memset(body, 0, sizeof *body);
	body->count = b->nseq;
	body->lists = ac_xcalloc(b->nseq + 1, sizeof *body->lists);
	body->page_end = ac_xcalloc(b->nseq + 1, sizeof *body->page_end);
	size_t next_part = 0;
	int owner = -1;
	size_t breaks_before = 0; /* the first break of the chapter before */
	for (size_t i = 0; i < b->nseq; i++) {
		ac_vlist *v = &body->lists[i];
		if (next_part < b->nparts && b->parts[next_part].articles[0] == b->seq[i]) {
			part_opener(f, t, &b->parts[next_part], (int)next_part, v);
			next_part++;
		}
		ac_flow_article(f, b, b->seq[i], (int)i, v);
		if (r->pages_only)
			ac_vlist_drop_ops(v, 0);
		else
			ac_vlist_trim(v, 0);
		ac_vlist_shrink(v);
		if (r->release)
			r->release(r->release_ctx, (int)i);
		/* A chapter opens on a fresh page: its pages are its own. */
		ac_pages pages;
		size_t first = body->pages.count;
		ac_paginate(v, text_h, (int)first + 1, &pages);
		add_pages(body, &pages);
		body->page_end[i] = body->pages.count;
		if (placed)
			placed(placed_ctx, &body->pages, first, body->pages.count);
		size_t breaks_from = body->breaks.count;
		find_breaks(body, v, first, body->pages.count, &owner);
		if (r->terms)
			anchor_pages(&body->pages, first, body->pages.count, r->terms);
		/* The chapter before is complete: a blank page after it is the
		 * first of this chapter's pagination. */
		if (i > 0)
			tell_paged(body, r, i - 1, breaks_before);
		breaks_before = breaks_from;
	}
	if (b->nseq)
		tell_paged(body, r, b->nseq - 1, breaks_before);
	if (r->release)
		r->release(r->release_ctx, -1);
}

void ac_body_free(ac_body *body)
{
	for (size_t i = 0; i < body->count; i++)
		ac_vlist_free(&body->lists[i]);
	free(body->lists);
	free(body->page_end);
	ac_pages_free(&body->pages);
	free(body->breaks.items);
	memset(body, 0, sizeof *body);
}
