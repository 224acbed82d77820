/* handbook.c - the PDF from top to bottom: theme, flow every chapter,
 * paginate, then draw pages with running heads and folios to a device. */
#include "handbook.h"

#include "../render/device.h"
#include "../render/svgpass.h"
#include "backmatter.h"
#include "body.h"
#include "flow.h"
#include "font.h"
#include "hyphen.h"
#include "linebreak.h"
#include "pages.h"
#include "picture.h"
#include "theme.h"
#include "../book/tags.h"
#include "../cover.h"

#include <time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char **names;
	size_t count, cap;
} nameset;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every named destination in the list, sorted for lookups. */
static void collect_dests_in(const ac_vitem *items, size_t count, nameset *s)
{
	for (size_t i = 0; i < count; i++)
		for (size_t k = 0; k < items[i].nops; k++) {
			const ac_op *op = &items[i].ops[k];
			if (op->kind != AC_OP_DEST)
				continue;
			if (s->count == s->cap) {
				s->cap = s->cap ? s->cap * 2 : 256;
				s->names = ac_xrealloc(s->names, s->cap * sizeof *s->names);
			}
			s->names[s->count++] = op->target;
		}
}

static void collect_dests(const ac_vlist *v, nameset *s)
{
	collect_dests_in(v->items, v->count, s);
	collect_dests_in(v->note_items, v->nnote_items, s);
}

static bool has_dest(const nameset *s, const char *name)
{
	return s->count && bsearch(&name, s->names, s->count, sizeof *s->names, cmp_str) != NULL;
}

/* Links to places the PDF does not have are dropped (cairo refuses them). */
static void drop_dangling_in(ac_vitem *items, size_t count, const nameset *s)
{
	for (size_t i = 0; i < count; i++)
		for (size_t k = 0; k < items[i].nops; k++) {
			ac_op *op = &items[i].ops[k];
			if (op->kind == AC_OP_LINK && op->target[0] == '#' &&
			    !has_dest(s, op->target + 1)) {
				free(op->target);
				op->target = NULL;
				op->kind = AC_OP_RECT;
				op->w = op->h = 0;
			}
		}
}

static void drop_dangling(ac_vlist *v, const nameset *s)
{
	drop_dangling_in(v->items, v->count, s);
	drop_dangling_in(v->note_items, v->nnote_items, s);
}

typedef struct {
	const ac_theme *t;
	ac_fonts *fonts;
	const ac_book *b;
	const char *fonts_dir;
	ac_diags *d;
} heads;

typedef enum { SEC_FRONT, SEC_BODY, SEC_INDEX, SEC_TERMS } section;

static void draw_text(ac_device *dev, const heads *h, ac_face_role role, double size,
		      ac_rgb color, const char *text, double x, double y, int anchor)
{
	const ac_shaped *s = ac_shape(h->fonts, role, false, text, strlen(text));
	double w = s->width * size;
	if (anchor == 1)
		x -= w;
	else if (anchor == 2)
		x -= w / 2;
	for (size_t r = 0; r < s->nruns; r++) {
		ac_op op;
		memset(&op, 0, sizeof op);
		op.kind = AC_OP_GLYPHS;
		op.run = &s->runs[r];
		op.text = s->text;
		op.size = size;
		op.color = color;
		op.x = x;
		op.y = y;
		dev->draw(dev, &op, 0, 0);
		x += s->runs[r].width * size;
	}
}

/* Lower-case roman numerals for the front matter's folios. */
static void roman(int n, char *out, size_t cap)
{
	static const struct {
		int v;
		const char *s;
	} t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		 {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
	out[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		while (n >= t[i].v && len + 3 < cap) {
			strcat(out, t[i].s);
			len += strlen(t[i].s);
			n -= t[i].v;
		}
}

/* The left edge of the text block of a page. */
static double page_left(const ac_theme *t, bool recto)
{
	return recto ? t->inner : t->outer;
}

/* Draws one page: its content, then running head and folio as the section
 * wants them (none on blank pages; folio only on openers). */
static void draw_page(const ac_page *pg, int physical, const char *label, section sec,
		      bool quiet, const heads *h, ac_device *dev)
{
	const ac_theme *t = h->t;
	bool recto = physical % 2 == 1;
	double left = page_left(t, recto);
	double frame[4] = {left, t->top, t->page_w - (recto ? t->outer : t->inner),
			   t->page_h - t->bottom};
	dev->begin_page(dev, t->page_w, t->page_h, frame, label);
	for (size_t k = 0; pg && k < pg->count; k++) {
		const ac_vitem *it = pg->placed[k].item;
		double x = left + pg->placed[k].x;
		dev->mark(dev, it, t->top + pg->placed[k].y);
		for (size_t o = 0; o < it->nops; o++)
			dev->draw(dev, &it->ops[o], x, t->top + pg->placed[k].y);
	}
	dev->mark(dev, NULL, 0); /* the text ends; heads and folios are not part of it */
	if (pg && !pg->blank && !quiet) {
		double size = t->small;
		double head_y = t->top - t->leading * 1.6;
		double foot_y = t->page_h - t->bottom + t->leading * 2.2;
		double right = frame[2];
		if (pg->opener || sec == SEC_FRONT) {
			draw_text(dev, h, AC_FACE_HEADING, size, t->muted, label, (left + right) / 2,
				  foot_y, 2);
		} else {
			const char *title = h->b->title;
			if (recto)
				title = sec == SEC_INDEX ? "Index of tags"
				      : sec == SEC_TERMS ? "Index"
				      : pg->chapter >= 0 ? h->b->seq[pg->chapter]->title
							 : h->b->title;
			if (recto) {
				draw_text(dev, h, AC_FACE_HEADING, size, t->muted, title,
					  right - size * 3, head_y, 1);
				draw_text(dev, h, AC_FACE_HEADING_BOLD, size, t->text, label, right,
					  head_y, 1);
			} else {
				draw_text(dev, h, AC_FACE_HEADING_BOLD, size, t->text, label, left,
					  head_y, 0);
				draw_text(dev, h, AC_FACE_HEADING, size, t->muted, title,
					  left + size * 3, head_y, 0);
			}
			ac_op rule;
			memset(&rule, 0, sizeof rule);
			rule.kind = AC_OP_RULE;
			rule.x = left;
			rule.y = head_y + size * 0.6;
			rule.w = right - left;
			rule.stroke = 0.4;
			rule.color = t->rule;
			dev->draw(dev, &rule, 0, 0);
		}
	}
	dev->end_page(dev);
}

/* Appends the pictures of pages, in the order draw_page draws them. */
static void add_pictures(const ac_pages *pages, const ac_picture ***order, size_t *n)
{
	for (size_t i = 0; i < pages->count; i++)
		for (size_t k = 0; k < pages->pages[i].count; k++) {
			const ac_vitem *it = pages->pages[i].placed[k].item;
			for (size_t o = 0; o < it->nops; o++) {
				if (it->ops[o].kind != AC_OP_PICTURE)
					continue;
				*order = ac_xrealloc(*order, (*n + 1) * sizeof **order);
				(*order)[(*n)++] = it->ops[o].pic;
			}
		}
}

static void draw_cover(void *ctx, void *cr)
{
	const heads *h = ctx;
	if (cr)
		ac_cover_draw(cr, h->t->page_w, h->t->page_h, h->b, h->fonts_dir, h->d);
}

static void outline(const ac_book *b, bool terms, ac_device *dev)
{
	dev->outline(dev, 0, "Contents", "contents");
	int parent = 0;
	size_t next_part = 0;
	for (size_t i = 0; i < b->nseq; i++) {
		const ac_article *a = b->seq[i];
		if (next_part < b->nparts && b->parts[next_part].articles[0] == a) {
			parent = dev->outline(dev, 0, b->parts[next_part].name,
					      b->parts[next_part].slug);
			next_part++;
		}
		char *dest = ac_xasprintf("ch-%s", a->slug);
		int id = dev->outline(dev, parent, a->title, dest);
		free(dest);
		for (size_t k = 0; k < a->nheadings; k++)
			if (a->headings[k].level == 2)
				dev->outline(dev, id, a->headings[k].text, a->headings[k].id);
	}
	dev->outline(dev, 0, "Index of tags", "tag-index");
	if (terms)
		dev->outline(dev, 0, "Index", "term-index");
}

/* The page (arabic, from 1) on which each chapter and part opens. */
static void opener_pages(const ac_pages *body, const ac_book *b, int *chapter_page,
			 int *part_page)
{
	for (size_t i = 0; i < b->nseq; i++)
		chapter_page[i] = 0;
	for (size_t i = 0; i < body->count; i++) {
		const ac_page *pg = &body->pages[i];
		if (!pg->opener)
			continue;
		if (pg->chapter >= 0 && !chapter_page[pg->chapter])
			chapter_page[pg->chapter] = (int)i + 1;
		else if (pg->chapter <= -10)
			part_page[-pg->chapter - 10] = (int)i + 1;
	}
}

static void front_matter(ac_flow *f, const ac_theme *t, const ac_book *b,
			 const ac_handbook_resources *r, const int *chapter_page,
			 const int *part_page, int index_page, int terms_page, ac_vlist *out)
{
	/* Title page. */
	ac_flow_break(out, false, -1);
	ac_flow_space(out, (t->page_h - t->top - t->bottom) * 0.25);
	ac_flow_set_origin(f, b->yml_path, b->title_line);
	ac_flow_text(f, out, b->title, AC_FACE_HEADING_BOLD, t->h1 * 1.4, t->heading,
		     AC_ALIGN_CENTER, t->h1 * 1.7, NULL);
	if (b->subtitle) {
		ac_flow_space(out, t->leading);
		ac_flow_set_origin(f, b->yml_path, b->subtitle_line);
		ac_flow_text(f, out, b->subtitle, AC_FACE_HEADING, t->h2, t->muted, AC_ALIGN_CENTER,
			     t->h2 * 1.4, NULL);
	}
	ac_flow_set_origin(f, b->yml_path, b->author_line);
	if (b->nauthors) {
		ac_buf who = AC_BUF_INIT;
		for (size_t i = 0; i < b->nauthors; i++)
			ac_buf_printf(&who, "%s%s", i == 0 ? "" : i + 1 == b->nauthors ? " and " : ", ",
				      b->authors[i]);
		ac_flow_space(out, t->leading * 4);
		ac_flow_text(f, out, ac_buf_str(&who), AC_FACE_BODY, t->h3, t->text, AC_ALIGN_CENTER,
			     t->h3 * 1.4, NULL);
		ac_buf_free(&who);
	}
	ac_flow_set_origin(f, NULL, 0);
	if (b->version) {
		char *v = ac_xasprintf("Version %s", b->version);
		ac_flow_space(out, t->leading);
		ac_flow_text(f, out, v, AC_FACE_HEADING, t->body, t->muted, AC_ALIGN_CENTER,
			     t->leading, NULL);
		free(v);
	}
	/* Colophon, on the back of the title page. */
	ac_flow_break(out, false, -1);
	ac_flow_space(out, (t->page_h - t->top - t->bottom) * 0.55);
	char day[32];
	time_t when = (time_t)b->epoch;
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	char *date = ac_long_date(day);
	ac_buf col = AC_BUF_INIT;
	if (b->rights)
		ac_flow_text(f, out, b->rights, AC_FACE_BODY, t->small, t->text, AC_ALIGN_LEFT,
			     t->small_leading * 1.3, NULL);
	if (b->publisher)
		ac_flow_text(f, out, b->publisher, AC_FACE_BODY, t->small, t->text, AC_ALIGN_LEFT,
			     t->small_leading * 1.3, NULL);
	ac_buf_printf(&col, "Identifier: %s", b->identifier);
	ac_flow_text(f, out, ac_buf_str(&col), AC_FACE_BODY, t->small, t->text, AC_ALIGN_LEFT,
		     t->small_leading * 1.3, NULL);
	ac_buf_reset(&col);
	ac_buf_printf(&col, "Compiled on %s by %s from Markdown sources, set in %s, %s and %s.",
		      date, r->creator, "Charis SIL", "Lato", "DejaVu Sans Mono");
	ac_flow_text(f, out, ac_buf_str(&col), AC_FACE_BODY, t->small, t->text, AC_ALIGN_LEFT,
		     t->small_leading * 1.3, NULL);
	ac_buf_free(&col);
	free(date);
	/* Contents. */
	ac_flow_break(out, true, -1);
	ac_flow_space(out, t->leading * 3);
	ac_flow_dest(out, "contents");
	ac_flow_text(f, out, "Contents", AC_FACE_HEADING_BOLD, t->h1, t->heading, AC_ALIGN_LEFT,
		     t->h1 * 1.3, NULL);
	ac_flow_space(out, t->leading * 1.5);
	/* Structure: a TOC of one TOCI per entry. */
	ac_vlist_enter(out, ac_vlist_node(out, "TOC", NULL));
	size_t next_part = 0;
	for (size_t i = 0; i < b->nseq; i++) {
		const ac_article *a = b->seq[i];
		double indent = 0;
		if (b->nparts) {
			indent = t->body * 1.5;
			if (next_part < b->nparts && b->parts[next_part].articles[0] == a) {
				char num[16];
				snprintf(num, sizeof num, "%d", part_page[next_part]);
				char *link = ac_xasprintf("#%s", b->parts[next_part].slug);
				ac_flow_space(out, t->leading * 0.6);
				ac_vlist_enter(out, ac_vlist_node(out, "TOCI", NULL));
				ac_flow_leader_line(f, out, b->parts[next_part].name, AC_FACE_HEADING_BOLD,
						    t->body, 0, NULL, num, t->leading * 1.3, link);
				ac_vlist_leave(out);
				ac_flow_keep(out);
				free(link);
				next_part++;
			}
		}
		char num[16];
		snprintf(num, sizeof num, "%d", chapter_page[i]);
		char *link = ac_xasprintf("#ch-%s", a->slug);
		char *dated = ac_long_date(a->date);
		ac_vlist_enter(out, ac_vlist_node(out, "TOCI", NULL));
		ac_flow_leader_line(f, out, a->title, AC_FACE_BODY, t->body, indent, dated, num,
				    t->leading * 1.35, link);
		ac_vlist_leave(out);
		free(dated);
		free(link);
	}
	ac_flow_space(out, t->leading * 0.6);
	char num[16];
	snprintf(num, sizeof num, "%d", index_page);
	ac_vlist_enter(out, ac_vlist_node(out, "TOCI", NULL));
	ac_flow_leader_line(f, out, "Index of tags", AC_FACE_BODY_ITALIC, t->body, 0, NULL, num,
			    t->leading * 1.35, "#tag-index");
	ac_vlist_leave(out);
	if (terms_page) {
		snprintf(num, sizeof num, "%d", terms_page);
		ac_vlist_enter(out, ac_vlist_node(out, "TOCI", NULL));
		ac_flow_leader_line(f, out, "Index", AC_FACE_BODY_ITALIC, t->body, 0, NULL, num,
				    t->leading * 1.35, "#term-index");
		ac_vlist_leave(out);
	}
	ac_vlist_leave(out);
}

struct ac_handbook_kit {
	ac_theme theme;
	ac_fonts *fonts;
	ac_hyphenator *hy; /* NULL: no hyphenation */
};

ac_handbook_kit *ac_handbook_kit_new(const ac_handbook_resources *r, ac_diags *d)
{
	ac_handbook_kit *k = ac_xcalloc(1, sizeof *k);
	if (ac_theme_load(&k->theme, r->print_yml, r->page_size, d) != 0) {
		free(k);
		return NULL;
	}
	k->fonts = ac_fonts_new(&k->theme, r->fonts_dir, d);
	if (!k->fonts) {
		ac_theme_free(&k->theme);
		free(k);
		return NULL;
	}
	k->hy = ac_hyphenator_new(r->hyphen_dict, d);
	if (ac_picture_use_fonts(r->fonts_dir) != 0)
		ac_warn(d, r->fonts_dir, 0, "cannot restrict SVG text to the bundled fonts");
	return k;
}

void ac_handbook_kit_free(ac_handbook_kit *k)
{
	if (!k)
		return;
	ac_hyphenator_free(k->hy);
	ac_fonts_free(k->fonts);
	ac_theme_free(&k->theme);
	free(k);
}

int ac_handbook_write(const ac_book *b, const ac_handbook_resources *r, ac_buf *pdf,
		      ac_buf *trace, ac_diags *d)
{
	ac_handbook_kit *k = ac_handbook_kit_new(r, d);
	if (!k)
		return -1;
	int rc = ac_handbook_write_with(k, b, r, pdf, trace, d);
	ac_handbook_kit_free(k);
	return rc;
}

struct ac_handbook {
	ac_handbook_kit *kit;
	ac_theme t; /* the kit's, read only: a shallow copy */
	const ac_book *b;
	ac_handbook_resources r;
	ac_tag_index *tags;
	ac_flow *flow;
	ac_body body;
	ac_vlist front, index, terms;
	ac_pages front_pages, index_pages;
	/* The index of terms in two columns: each page holds two of the
	 * columns its list was broken into; the first may follow a blank
	 * page, so that it opens on a right-hand page. */
	ac_pages terms_columns, terms_pages;
	nameset dests;
	/* SVG figures drawn beside the pages (svgpass.h), from the layout's
	 * first when a PDF is to come; NULL: drawn in place, or none yet. */
	ac_svgpass *svg;
	bool svg_tried; /* ac_svgpass_new was called (it fails without threads) */
};

/* Whether SVG figures are drawn beside the pages: unless
 * AUTOCHITECT_SVG_IN_PLACE asks for them in place (the tests compare). */
static bool svg_beside(void)
{
	const char *in_place = getenv("AUTOCHITECT_SVG_IN_PLACE");
	return !in_place || !*in_place || !strcmp(in_place, "0");
}

/* The thread drawing h's SVG figures, started at the first call (NULL when
 * none can start: the figures are then drawn in place). */
static ac_svgpass *figures_thread(ac_handbook *h)
{
	if (!h->svg_tried) {
		h->svg = ac_svgpass_new();
		h->svg_tried = true;
	}
	return h->svg;
}

/* Queues the SVG figures of body pages [first, end), final, to be drawn
 * beside the pages where draw_page will put them: the body opens on a
 * right-hand page (ac_handbook_draw), so its even pages are on the right. */
static void queue_figures(void *ctx, const ac_pages *pages, size_t first, size_t end)
{
	ac_handbook *h = ctx;
	const ac_theme *t = &h->t;
	for (size_t i = first; i < end; i++) {
		const ac_page *pg = &pages->pages[i];
		double left = page_left(t, i % 2 == 0);
		for (size_t k = 0; k < pg->count; k++) {
			const ac_vitem *it = pg->placed[k].item;
			double x = left + pg->placed[k].x, y = t->top + pg->placed[k].y;
			for (size_t o = 0; o < it->nops; o++) {
				const ac_op *op = &it->ops[o];
				if (op->kind != AC_OP_PICTURE || !ac_picture_is_svg(op->pic) ||
				    ac_picture_svg_has_links(op->pic))
					continue;
				if (figures_thread(h))
					ac_svgpass_queue(h->svg, op->pic, op->x + x, op->y + y,
							 op->w, op->h);
			}
		}
	}
}

/* Whether every page of p holds at most h of content. */
static bool fits(const ac_pages *p, double h)
{
	for (size_t i = 0; i < p->count; i++) {
		const ac_page *pg = &p->pages[i];
		for (size_t k = 0; k < pg->count; k++)
			if (pg->placed[k].item->kind == AC_V_BOX &&
			    pg->placed[k].y + pg->placed[k].item->height > h + 0.01)
				return false;
	}
	return true;
}

/* Balances the columns of the last page: what they hold is broken again
 * into two columns as short as it fits in. */
static void balance_columns(const ac_vlist *v, ac_pages *cols, double text_h)
{
	if (!cols->count)
		return;
	size_t c = cols->count - (cols->count % 2 ? 1 : 2);
	if (!cols->pages[c].count)
		return;
	size_t from = (size_t)(cols->pages[c].placed[0].item - v->items);
	ac_vlist tail = *v;
	tail.items += from;
	tail.count -= from;
	tail.nnotes = 0;
	ac_pages best = {0};
	double lo = 0, hi = text_h;
	for (int i = 0; i < 14; i++) {
		double mid = (lo + hi) / 2;
		ac_pages try = {0};
		ac_paginate(&tail, mid, 1, &try);
		if (try.count <= 2 && fits(&try, mid)) {
			ac_pages_free(&best);
			best = try;
			hi = mid;
		} else {
			ac_pages_free(&try);
			lo = mid;
		}
	}
	if (!best.count)
		return;
	for (size_t i = c; i < cols->count; i++)
		free(cols->pages[i].placed);
	cols->pages = ac_xrealloc(cols->pages, (c + best.count) * sizeof *cols->pages);
	memcpy(cols->pages + c, best.pages, best.count * sizeof *best.pages);
	cols->count = c + best.count;
	free(best.pages);
}

/* Lays out the index of terms in columns and puts them two to a page;
 * blank: a blank page first. Returns the pages before the index opens (0
 * or 1). */
static int term_index(ac_handbook *h, double text_h, bool blank)
{
	const ac_theme *t = &h->t;
	double full = ac_flow_width(h->flow);
	double gap = t->body * 1.5;
	double column = (full - gap) / 2;
	ac_flow_set_width(h->flow, column);
	ac_back_term_index(h->flow, t, h->b, h->r.terms, &h->terms);
	ac_flow_set_width(h->flow, full);
	ac_paginate(&h->terms, text_h, 1, &h->terms_columns);
	balance_columns(&h->terms, &h->terms_columns, text_h);
	size_t ncols = h->terms_columns.count;
	size_t npages = (ncols + 1) / 2 + (blank ? 1 : 0);
	h->terms_pages.pages = ac_xcalloc(npages + 1, sizeof *h->terms_pages.pages);
	h->terms_pages.count = npages;
	for (size_t i = 0; i < npages; i++) {
		ac_page *pg = &h->terms_pages.pages[i];
		pg->chapter = -1;
		if (blank && i == 0) {
			pg->blank = true;
			continue;
		}
		size_t c = (i - (blank ? 1 : 0)) * 2;
		pg->opener = c == 0;
		for (size_t side = 0; side < 2 && c + side < ncols; side++) {
			const ac_page *col = &h->terms_columns.pages[c + side];
			pg->placed = ac_xrealloc(pg->placed, (pg->count + col->count + 1) *
								     sizeof *pg->placed);
			for (size_t k = 0; k < col->count; k++) {
				ac_placed p = col->placed[k];
				p.x = side ? column + gap : 0;
				pg->placed[pg->count++] = p;
			}
			pg->cap = pg->count;
		}
	}
	return blank ? 1 : 0;
}

ac_handbook *ac_handbook_layout(ac_handbook_kit *kit, const ac_book *b,
				const ac_handbook_resources *r, ac_diags *d)
{
	ac_handbook *h = ac_xcalloc(1, sizeof *h);
	h->kit = kit;
	h->t = kit->theme;
	h->b = b;
	h->r = *r;
	const ac_theme *t = &h->t;
	h->tags = ac_tags_new(b);
	int *chapter_page = ac_xcalloc(b->nseq + 1, sizeof *chapter_page);
	int *part_page = ac_xcalloc(b->nparts + 1, sizeof *part_page);
	h->flow = ac_flow_new(t, kit->fonts, kit->hy, d);
	ac_flow *flow = h->flow;
	ac_flow_set_tags(flow, h->tags);
	ac_flow_preload(flow, b);
	double text_h = t->page_h - t->top - t->bottom;

	/* The body first: its page numbers feed the contents and the index.
	 * Its SVG figures are drawn on a second thread as soon as their pages
	 * are known. */
	bool ahead = r->pdf_to_come && !r->pages_only && svg_beside();
	ac_body_layout(&h->body, flow, t, b, r, text_h, ahead ? queue_figures : NULL, h);
	ac_flow_preload(flow, NULL);
	opener_pages(&h->body.pages, b, chapter_page, part_page);
	ac_back_tag_index(flow, t, b, h->tags, chapter_page, &h->index);
	ac_paginate(&h->index, text_h, (int)h->body.pages.count + 1, &h->index_pages);
	int index_page = (int)h->body.pages.count + 1;
	for (size_t i = 0; i < h->index_pages.count && h->index_pages.pages[i].blank; i++)
		index_page++;
	int terms_page = 0;
	if (r->terms) {
		ac_terms_settle(r->terms, chapter_page);
		terms_page = (int)(h->body.pages.count + h->index_pages.count) + 1;
		terms_page += term_index(h, text_h, terms_page % 2 == 0);
	}
	/* Front matter after the cover and its blank back: pages iii, iv, … */
	front_matter(flow, t, b, r, chapter_page, part_page, index_page, terms_page, &h->front);
	ac_paginate(&h->front, text_h, 3, &h->front_pages);
	free(chapter_page);
	free(part_page);

	/* Links must point at destinations that exist. */
	ac_vlist *lists[] = {&h->front, &h->index, &h->terms};
	for (int i = 0; i < 3; i++)
		collect_dests(lists[i], &h->dests);
	for (size_t i = 0; i < h->body.count; i++)
		collect_dests(&h->body.lists[i], &h->dests);
	if (h->dests.count)
		qsort(h->dests.names, h->dests.count, sizeof *h->dests.names, cmp_str);
	for (int i = 0; i < 3; i++)
		drop_dangling(lists[i], &h->dests);
	for (size_t i = 0; i < h->body.count; i++)
		drop_dangling(&h->body.lists[i], &h->dests);
	return h;
}

ac_pagebreaks *ac_handbook_pagebreaks(ac_handbook *h)
{
	return &h->body.breaks;
}

/* Lets go of the boxes once every page is drawn, before the devices finish
 * (cairo then writes its fonts, and the PDF is finished in memory). The
 * body's page breaks stay: the EPUB may still be reading them. */
static void release_boxes(ac_handbook *h)
{
	for (size_t i = 0; i < h->body.count; i++)
		ac_vlist_free(&h->body.lists[i]);
	ac_pages_free(&h->body.pages);
	ac_pages_free(&h->front_pages);
	ac_pages_free(&h->index_pages);
	ac_pages_free(&h->terms_columns);
	ac_pages_free(&h->terms_pages);
	ac_vlist_free(&h->terms);
	ac_vlist_free(&h->front);
	ac_vlist_free(&h->index);
}

int ac_handbook_draw(ac_handbook *hb, ac_buf *pdf, ac_buf *trace, ac_diags *d)
{
	if (hb->r.pages_only) {
		ac_error(d, hb->b->yml_path, 0, "internal: a handbook laid out for its pages only is drawn");
		return -1;
	}
	const ac_theme t = hb->t;
	const ac_book *b = hb->b;
	const ac_handbook_resources *r = &hb->r;
	heads h = {&t, hb->kit->fonts, b, r->fonts_dir, d};
	ac_buf keywords = AC_BUF_INIT, authors = AC_BUF_INIT;
	for (size_t i = 0; i < b->nauthors; i++)
		ac_buf_printf(&authors, "%s%s", i ? ", " : "", b->authors[i]);
	for (size_t i = 0; i < hb->tags->count; i++)
		ac_buf_printf(&keywords, "%s%s", i ? ", " : "", hb->tags->tags[i].name);
	ac_buf why = AC_BUF_INIT;
	ac_pdf_meta meta = {b->title,
			    authors.len ? authors.ptr : NULL,
			    b->subtitle,
			    keywords.len ? keywords.ptr : NULL,
			    r->creator,
			    b->language && *b->language ? b->language : "en",
			    b->epoch,
			    &why,
			    NULL};
	meta.figures = pdf && svg_beside() ? figures_thread(hb) : NULL;
	ac_device *devs[2] = {pdf ? ac_pdf_device_new(&meta, pdf) : NULL,
			      trace ? ac_trace_device_new(trace) : NULL};
	const ac_pages *front_pages = &hb->front_pages, *body_pages = &hb->body.pages,
		       *index_pages = &hb->index_pages;
	/* The pictures in drawing order, for a device that prepares them ahead. */
	const ac_picture **pictures = NULL;
	size_t npictures = 0;
	add_pictures(front_pages, &pictures, &npictures);
	add_pictures(body_pages, &pictures, &npictures);
	add_pictures(index_pages, &pictures, &npictures);
	add_pictures(&hb->terms_pages, &pictures, &npictures);
	for (int k = 0; k < 2; k++) {
		ac_device *dev = devs[k];
		if (!dev)
			continue;
		int physical = 1;
		if (dev->pictures)
			dev->pictures(dev, pictures, npictures);
		char label[32];
		/* Cover and its blank back. */
		double frame[4] = {0, 0, t.page_w, t.page_h};
		dev->begin_page(dev, t.page_w, t.page_h, frame, "i");
		dev->custom(dev, draw_cover, &h);
		dev->end_page(dev);
		draw_page(NULL, ++physical, "ii", SEC_FRONT, true, &h, dev);
		for (size_t i = 0; i < front_pages->count; i++) {
			roman(++physical, label, sizeof label);
			/* The title page and the colophon carry no folio. */
			draw_page(&front_pages->pages[i], physical, label, SEC_FRONT, i < 2, &h, dev);
		}
		if (physical % 2 == 1) {
			roman(++physical, label, sizeof label);
			draw_page(NULL, physical, label, SEC_FRONT, true, &h, dev);
		}
		size_t list = 0;
		for (size_t i = 0; i < body_pages->count; i++) {
			snprintf(label, sizeof label, "%zu", i + 1);
			draw_page(&body_pages->pages[i], ++physical, label, SEC_BODY, false, &h, dev);
			/* Drawn once only: a chapter's drawing operations go with its
			 * last page (a long book need not keep them all to its end). */
			for (; !devs[1] && list < hb->body.count && hb->body.page_end[list] == i + 1;
			     list++)
				ac_vlist_drop_ops(&hb->body.lists[list], 0);
		}
		for (size_t i = 0; i < index_pages->count; i++) {
			snprintf(label, sizeof label, "%zu", body_pages->count + i + 1);
			draw_page(&index_pages->pages[i], ++physical, label, SEC_INDEX, false, &h, dev);
		}
		for (size_t i = 0; i < hb->terms_pages.count; i++) {
			snprintf(label, sizeof label, "%zu",
				 body_pages->count + index_pages->count + i + 1);
			draw_page(&hb->terms_pages.pages[i], ++physical, label, SEC_TERMS, false, &h,
				  dev);
		}
		outline(b, hb->terms_pages.count > 0, dev);
	}
	release_boxes(hb);
	int rc = 0;
	for (int k = 0; k < 2; k++) {
		if (!devs[k])
			continue;
		if (devs[k]->finish(devs[k]) != 0 && k == 0) {
			ac_error(d, b->yml_path, 0, "cannot write the PDF: %s", ac_buf_str(&why));
			rc = -1;
		}
		devs[k]->free(devs[k]);
	}
	/* What the figures' thread found, at each figure's line. */
	if (meta.figures && ac_svgpass_report(meta.figures, d) > 0)
		rc = -1;
	free(pictures);
	ac_buf_free(&why);
	ac_buf_free(&keywords);
	ac_buf_free(&authors);
	return rc;
}

void ac_handbook_free(ac_handbook *h)
{
	if (!h)
		return;
	free(h->dests.names);
	/* Its thread may be drawing pictures of the flow's. */
	ac_svgpass_free(h->svg);
	release_boxes(h);
	ac_body_free(&h->body);
	ac_flow_free(h->flow);
	ac_tags_free(h->tags);
	/* What was shaped and hyphenated for this book goes with it. */
	ac_fonts_forget(h->kit->fonts);
	ac_hyphenator_forget(h->kit->hy);
	free(h);
}

int ac_handbook_write_with(ac_handbook_kit *kit, const ac_book *b, const ac_handbook_resources *r,
			   ac_buf *pdf, ac_buf *trace, ac_diags *d)
{
	ac_handbook *h = ac_handbook_layout(kit, b, r, d);
	if (!h)
		return -1;
	int rc = ac_handbook_draw(h, pdf, trace, d);
	ac_handbook_free(h);
	return rc;
}
