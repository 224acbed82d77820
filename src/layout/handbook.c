/* handbook.c - the PDF from top to bottom: theme, flow every chapter,
 * paginate, then draw pages with running heads and folios to a device. */
#include "handbook.h"

#include "../render/device.h"
#include "flow.h"
#include "font.h"
#include "hyphen.h"
#include "linebreak.h"
#include "pages.h"
#include "theme.h"

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
static void collect_dests(const ac_vlist *v, nameset *s)
{
	for (size_t i = 0; i < v->count; i++)
		for (size_t k = 0; k < v->items[i].nops; k++) {
			const ac_op *op = &v->items[i].ops[k];
			if (op->kind != AC_OP_DEST)
				continue;
			if (s->count == s->cap) {
				s->cap = s->cap ? s->cap * 2 : 256;
				s->names = ac_xrealloc(s->names, s->cap * sizeof *s->names);
			}
			s->names[s->count++] = op->target;
		}
	qsort(s->names, s->count, sizeof *s->names, cmp_str);
}

static bool has_dest(const nameset *s, const char *name)
{
	return bsearch(&name, s->names, s->count, sizeof *s->names, cmp_str) != NULL;
}

/* Links to places the PDF does not have are dropped (cairo refuses them). */
static void drop_dangling(ac_vlist *v, const nameset *s)
{
	for (size_t i = 0; i < v->count; i++)
		for (size_t k = 0; k < v->items[i].nops; k++) {
			ac_op *op = &v->items[i].ops[k];
			if (op->kind == AC_OP_LINK && op->target[0] == '#' &&
			    !has_dest(s, op->target + 1)) {
				free(op->target);
				op->target = NULL;
				op->kind = AC_OP_RECT;
				op->w = op->h = 0;
			}
		}
}

typedef struct {
	const ac_theme *t;
	ac_fonts *fonts;
} heads;

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

static void draw_pages(const ac_book *b, const ac_pages *pages, const heads *h,
		       ac_device *dev)
{
	const ac_theme *t = h->t;
	for (size_t i = 0; i < pages->count; i++) {
		const ac_page *pg = &pages->pages[i];
		int number = (int)i + 1;
		bool recto = number % 2 == 1;
		char label[16];
		snprintf(label, sizeof label, "%d", number);
		double left = recto ? t->inner : t->outer;
		double frame[4] = {left, t->top, t->page_w - (recto ? t->outer : t->inner),
				   t->page_h - t->bottom};
		dev->begin_page(dev, t->page_w, t->page_h, frame, label);
		for (size_t k = 0; k < pg->count; k++) {
			const ac_vitem *it = pg->placed[k].item;
			for (size_t o = 0; o < it->nops; o++)
				dev->draw(dev, &it->ops[o], left, t->top + pg->placed[k].y);
		}
		if (!pg->blank) {
			double size = t->small;
			double head_y = t->top - t->leading * 1.6;
			double foot_y = t->page_h - t->bottom + t->leading * 2.2;
			double right = left + (t->page_w - t->inner - t->outer);
			if (pg->opener || pg->chapter < 0) {
				draw_text(dev, h, AC_FACE_HEADING, size, t->muted, label,
					  (left + right) / 2, foot_y, 2);
			} else {
				const char *title = recto ? b->seq[pg->chapter]->title : b->title;
				ac_face_role role = AC_FACE_HEADING;
				if (recto) {
					draw_text(dev, h, role, size, t->muted, title, right - size * 3, head_y, 1);
					draw_text(dev, h, AC_FACE_HEADING_BOLD, size, t->text, label, right, head_y, 1);
				} else {
					draw_text(dev, h, AC_FACE_HEADING_BOLD, size, t->text, label, left, head_y, 0);
					draw_text(dev, h, role, size, t->muted, title, left + size * 3, head_y, 0);
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
}

static void outline(const ac_book *b, ac_device *dev)
{
	int parent = 0;
	size_t next_part = 0;
	for (size_t i = 0; i < b->nseq; i++) {
		const ac_article *a = b->seq[i];
		if (next_part < b->nparts && b->parts[next_part].articles[0] == a) {
			char *dest = ac_xasprintf("ch-%s", a->slug);
			parent = dev->outline(dev, 0, b->parts[next_part].name, dest);
			free(dest);
			next_part++;
		}
		char *dest = ac_xasprintf("ch-%s", a->slug);
		int id = dev->outline(dev, parent, a->title, dest);
		free(dest);
		for (size_t k = 0; k < a->nheadings; k++)
			if (a->headings[k].level == 2)
				dev->outline(dev, id, a->headings[k].text, a->headings[k].id);
	}
}

int ac_handbook_write(const ac_book *b, const ac_handbook_resources *r, ac_buf *pdf,
		      ac_buf *trace, ac_diags *d)
{
	ac_theme t;
	int rc = -1;
	ac_fonts *fonts = NULL;
	ac_hyphenator *hy = NULL;
	ac_flow *flow = NULL;
	ac_vlist v = {0};
	ac_pages pages = {0};
	nameset dests = {0};
	if (ac_theme_load(&t, r->print_yml, r->page_size, d) != 0)
		goto done;
	fonts = ac_fonts_new(&t, r->fonts_dir, d);
	if (!fonts)
		goto done;
	hy = ac_hyphenator_new(r->hyphen_dict, d);
	flow = ac_flow_new(&t, fonts, hy, d);
	for (size_t i = 0; i < b->nseq; i++)
		ac_flow_article(flow, b, b->seq[i], (int)i, &v);
	collect_dests(&v, &dests);
	drop_dangling(&v, &dests);
	ac_paginate(&v, t.page_h - t.top - t.bottom, 1, &pages);
	heads h = {&t, fonts};

	ac_buf keywords = AC_BUF_INIT, authors = AC_BUF_INIT;
	for (size_t i = 0; i < b->nauthors; i++)
		ac_buf_printf(&authors, "%s%s", i ? ", " : "", b->authors[i]);
	for (size_t i = 0; i < b->nseq; i++)
		for (size_t k = 0; k < b->seq[i]->ntags; k++)
			if (!strstr(ac_buf_str(&keywords), b->seq[i]->tags[k]))
				ac_buf_printf(&keywords, "%s%s", keywords.len ? ", " : "",
					      b->seq[i]->tags[k]);
	ac_pdf_meta meta = {b->title, authors.len ? authors.ptr : NULL, b->subtitle,
			    keywords.len ? keywords.ptr : NULL, r->creator, b->epoch};
	ac_device *dev = ac_pdf_device_new(&meta, pdf);
	draw_pages(b, &pages, &h, dev);
	outline(b, dev);
	rc = dev->finish(dev);
	dev->free(dev);
	if (rc)
		ac_error(d, b->yml_path, 0, "cairo could not write the PDF");
	if (trace) {
		ac_device *tr = ac_trace_device_new(trace);
		draw_pages(b, &pages, &h, tr);
		outline(b, tr);
		tr->finish(tr);
		tr->free(tr);
	}
	ac_buf_free(&keywords);
	ac_buf_free(&authors);
done:
	free(dests.names);
	ac_pages_free(&pages);
	ac_vlist_free(&v);
	ac_flow_free(flow);
	ac_hyphenator_free(hy);
	ac_fonts_free(fonts);
	ac_theme_free(&t);
	return rc;
}
