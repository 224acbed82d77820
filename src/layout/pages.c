/* pages.c - page breaking: fill each page up to its height, break at the last
 * legal break point, defer figures that do not fit, start chapters on odd pages,
 * set footnotes at the foot of the page of the box that refers to them. */
#include "pages.h"

#include "../base/buf.h"
#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

/* Footnotes never take more than this part of a page, but for the first
 * lines of a note whose reference is the page's first box. */
#define NOTES_MAX 0.6

/* A part of a note set on the current page: items [from, to) of its
 * items; owner: the placement that brought it (a part carried over from the
 * page before has 0, so that it is never taken back). */
typedef struct {
	size_t note, from, to;
	size_t owner;
	bool cont; /* the note began on an earlier page */
} slice;

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
	/* The footnotes of the current page, and the height they take. */
	slice *slices;
	size_t nslices, capslices;
	double area;
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
	p->placed[p->count].x = 0;
	p->count++;
	s->y += it->height;
}

/* ---- footnotes ---- */

static bool has_box(const ac_page *p);

static bool is_line(const ac_vitem *it)
{
	return it->kind == AC_V_BOX && it->height > 0;
}

/* The height of items [from, to) of note n, without the space at either end. */
static double part_height(const ac_vlist *v, size_t n, size_t from, size_t to)
{
	const ac_vitem *it = &v->note_items[v->notes[n].first];
	while (from < to && it[from].kind == AC_V_GLUE)
		from++;
	while (to > from && it[to - 1].kind == AC_V_GLUE)
		to--;
	double h = 0;
	for (size_t i = from; i < to; i++)
		h += it[i].height;
	return h;
}

static double slice_height(const state *s, const slice *sl)
{
	const ac_vlist *v = s->v;
	double h = part_height(v, sl->note, sl->from, sl->to);
	if (sl->cont)
		h += v->note_items[v->notes[sl->note].cont].height;
	return h;
}

/* The height of the page's notes: the rule, the parts, the space between. */
static void measure_notes(state *s)
{
	double h = 0;
	bool any = false;
	for (size_t k = 0; k < s->nslices; k++) {
		if (s->slices[k].to == s->slices[k].from)
			continue;
		h += (any ? s->v->note_gap : s->v->note_items[s->v->note_rule].height) +
		     slice_height(s, &s->slices[k]);
		any = true;
	}
	s->area = h;
}

/* The end of the longest part of note n from item from that fits in room:
 * all the rest, or a part ending after a line, with two lines at least in
 * it and after it (a note of three lines or fewer is not split); from
 * itself when none fits. */
static size_t fit_part(const state *s, size_t n, size_t from, double room)
{
	const ac_vlist *v = s->v;
	const ac_vnote *note = &v->notes[n];
	if (part_height(v, n, from, note->count) <= room)
		return note->count;
	size_t total = 0;
	for (size_t i = from; i < note->count; i++)
		total += is_line(&v->note_items[note->first + i]);
	size_t best = from, lines = 0;
	for (size_t i = from; i < note->count; i++) {
		if (!is_line(&v->note_items[note->first + i]))
			continue;
		lines++;
		if (lines < 2 || total - lines < 2)
			continue;
		if (part_height(v, n, from, i + 1) > room)
			break;
		best = i + 1;
	}
	return best;
}

/* Whether a note of the page goes on to the next page: then no other may
 * start on this one. */
static bool notes_unfinished(const state *s)
{
	for (size_t k = 0; k < s->nslices; k++)
		if (s->slices[k].to < s->v->notes[s->slices[k].note].count)
			return true;
	return false;
}

static slice *push_slice(state *s)
{
	if (s->nslices == s->capslices) {
		s->capslices = s->capslices ? s->capslices * 2 : 16;
		s->slices = ac_xrealloc(s->slices, s->capslices * sizeof *s->slices);
	}
	slice *sl = &s->slices[s->nslices++];
	memset(sl, 0, sizeof *sl);
	return sl;
}

/* The height of what must follow box i of the list on its page: the boxes
 * and space up to the next legal break. */
static double kept_after(const ac_vlist *v, size_t i)
{
	double h = 0;
	for (size_t k = i + 1; k < v->count; k++) {
		const ac_vitem *it = &v->items[k];
		if (it->kind == AC_V_PENALTY) {
			if (it->penalty < AC_INF_PENALTY)
				break;
			continue;
		}
		if (it->kind == AC_V_GLUE && v->items[k - 1].kind == AC_V_BOX)
			break;
		h += it->height;
	}
	return h;
}

/* Adds the notes box it (of the list) refers to, to be set with it on this
 * page: each starts here, as much of it as fits under the box and what must
 * stay with the box (within NOTES_MAX of the page, unless not even that
 * lets the first note start under the page's first box), the rest going on
 * to the next page. Returns false, changing nothing, when one cannot start
 * here; force: the box is set here anyway, and notes that cannot start here
 * start on the next page. */
static bool add_notes(state *s, const ac_vitem *it, bool force)
{
	if (it->kind != AC_V_BOX || !it->nnotes)
		return true;
	size_t saved = s->nslices;
	double room = s->h + 0.01 - s->y - it->height;
	if (!force)
		room -= kept_after(s->v, (size_t)(it - s->v->items));
	double cap = s->h * NOTES_MAX;
	bool fresh = !has_box(s->cur);
	for (unsigned k = 0; k < it->nnotes; k++) {
		size_t n = it->note + k;
		bool blocked = notes_unfinished(s);
		double above = s->area + (s->area > 0 ? s->v->note_gap
						       : s->v->note_items[s->v->note_rule].height);
		size_t to = 0;
		if (!blocked) {
			to = fit_part(s, n, 0, (room < cap ? room : cap) - above);
			if (!to && fresh && k == 0)
				to = fit_part(s, n, 0, room - above);
		}
		if (to == 0 && !force) {
			s->nslices = saved;
			measure_notes(s);
			return false;
		}
		slice *sl = push_slice(s);
		sl->note = n;
		sl->to = to;
		sl->owner = s->cur->count;
		measure_notes(s);
	}
	return true;
}

/* Sets the parts of notes the page before could not hold at the foot of
 * this one, at least a line of the first. */
static void carry_notes(state *s, const slice *carried, size_t n)
{
	double cap = s->h * NOTES_MAX;
	for (size_t k = 0; k < n; k++) {
		bool blocked = notes_unfinished(s);
		slice *sl = push_slice(s);
		*sl = carried[k];
		sl->cont = true;
		sl->owner = 0;
		sl->to = sl->from;
		if (blocked)
			continue;
		double avail = cap - s->area -
			       (s->area > 0 ? s->v->note_gap
					    : s->v->note_items[s->v->note_rule].height) -
			       s->v->note_items[s->v->notes[sl->note].cont].height;
		sl->to = fit_part(s, sl->note, sl->from, avail);
		if (sl->to == sl->from && s->area == 0) {
			/* Not even two lines fit: one line, so that it goes on. */
			const ac_vnote *note = &s->v->notes[sl->note];
			while (sl->to < note->count && !is_line(&s->v->note_items[note->first + sl->to]))
				sl->to++;
			if (sl->to < note->count)
				sl->to++;
		}
		measure_notes(s);
	}
}

static void place(state *s, const ac_vitem *it);

/* Places the page's notes at the foot of its text block, after its text. */
static void set_notes(state *s)
{
	if (s->area <= 0)
		return;
	const ac_vlist *v = s->v;
	double y = s->h - s->area;
	s->y = y;
	place(s, &v->note_items[v->note_rule]);
	bool first = true;
	for (size_t k = 0; k < s->nslices; k++) {
		const slice *sl = &s->slices[k];
		if (sl->to == sl->from)
			continue;
		if (!first)
			s->y += v->note_gap;
		first = false;
		const ac_vnote *note = &v->notes[sl->note];
		if (sl->cont)
			place(s, &v->note_items[note->cont]);
		size_t from = sl->from, to = sl->to;
		while (from < to && v->note_items[note->first + from].kind == AC_V_GLUE)
			from++;
		while (to > from && v->note_items[note->first + to - 1].kind == AC_V_GLUE)
			to--;
		for (size_t i = from; i < to; i++)
			place(s, &v->note_items[note->first + i]);
	}
}

/* Ends the current page: its notes are set, what they could not hold is
 * carried to the next page. */
static void finish_page(state *s, slice **carried, size_t *ncarried)
{
	*carried = NULL;
	*ncarried = 0;
	if (!s->cur)
		return;
	set_notes(s);
	for (size_t k = 0; k < s->nslices; k++) {
		const slice *sl = &s->slices[k];
		if (sl->to >= s->v->notes[sl->note].count)
			continue;
		*carried = ac_xrealloc(*carried, (*ncarried + 1) * sizeof **carried);
		(*carried)[*ncarried] = *sl;
		(*carried)[*ncarried].from = sl->to;
		(*ncarried)++;
	}
	s->nslices = 0;
	s->area = 0;
}

static void new_page(state *s, int chapter, bool opener, bool blank)
{
	slice *carried;
	size_t ncarried;
	finish_page(s, &carried, &ncarried);
	ac_pages *o = s->out;
	o->pages = ac_xrealloc(o->pages, (o->count + 1) * sizeof *o->pages);
	ac_page *p = &o->pages[o->count++];
	memset(p, 0, sizeof *p);
	p->chapter = chapter;
	p->opener = opener;
	p->blank = blank;
	s->cur = p;
	s->y = 0;
	carry_notes(s, carried, ncarried);
	free(carried);
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
		if (s->y + it->height + s->area <= s->h || s->y == 0) {
			add_notes(s, it, true);
			place(s, it);
		} else
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
		   s->y + s->header->height + it->height + s->area <= s->h + 0.01) {
		place(s, s->header);
	}
	s->table_page = s->out->count;
}

void ac_paginate(const ac_vlist *v, double h, int first_number, ac_pages *out)
{
	memset(out, 0, sizeof *out);
	state s = {out, NULL, 0, h, first_number, NULL, 0, v, NULL, -1, 0, NULL, 0, 0, 0};
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
			if (has_box(s.cur) || s.npending || s.area > 0) {
				while (s.npending || notes_unfinished(&s))
					next_page(&s);
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
			if (s.y + it->height + s.area <= h) {
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
		} else if (s.y + it->height + s.area <= h + 0.01 && add_notes(&s, it, false)) {
			/* A box that fits, with the start of the notes it refers to. */
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
			size_t kept_notes = 0;
			for (size_t k = 0; k < s.nslices; k++)
				if (s.slices[k].owner < brk_count)
					s.slices[kept_notes++] = s.slices[k];
			s.nslices = kept_notes;
			measure_notes(&s);
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
		add_notes(&s, it, true);
		place(&s, it);
		i++;
	}
	while (s.npending || notes_unfinished(&s))
		next_page(&s);
	slice *carried;
	size_t ncarried;
	finish_page(&s, &carried, &ncarried);
	free(carried);
	/* Drop a trailing empty page. */
	if (out->count > 1 && !has_box(&out->pages[out->count - 1]) &&
	    !out->pages[out->count - 1].blank) {
		free(out->pages[out->count - 1].placed);
		out->count--;
	}
	free(s.pending);
	free(s.slices);
}

void ac_pages_free(ac_pages *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->pages[i].placed);
	free(p->pages);
	memset(p, 0, sizeof *p);
}
