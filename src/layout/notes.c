/* notes.c - footnotes: each note of the chapter's notes section set in small
 * type as an insertion of the box that first refers to it (the pages put it
 * at the foot of that box's page); notes nothing refers to, at the chapter's
 * end under a short rule, as endnotes. */
#include "flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *id; /* borrowed from the document */
	xmlNodePtr li;
	int number;
	bool used;
} note_src;

void flow_notes(ac_flow *f, xmlNodePtr n)
{
	if (f->nnote_sections == f->capnote_sections) {
		f->capnote_sections = f->capnote_sections ? f->capnote_sections * 2 : 4;
		f->note_sections = ac_xrealloc(f->note_sections,
					       f->capnote_sections * sizeof *f->note_sections);
	}
	f->note_sections[f->nnote_sections++] = n;
}

static int cmp_src(const void *a, const void *b)
{
	return strcmp(((const note_src *)a)->id, ((const note_src *)b)->id);
}

/* The notes' text starts past the widest number and its gap. */
static double note_indent(ac_flow *f, int count)
{
	const ac_theme *t = f->t;
	style ws = flow_base_style(f);
	ws.size = t->small;
	char widest[16];
	snprintf(widest, sizeof widest, "%d.", count ? count : 1);
	double need = flow_shape(f, &ws, widest, strlen(widest))->width * ws.size + t->body * 0.6;
	return need > t->body * 1.6 ? need : t->body * 1.6;
}

/* Sets note s's paragraphs, its number hanging, into out. */
static void set_note(ac_flow *f, const note_src *s, double indent, ac_vlist *out)
{
	style st = flow_base_style(f);
	st.size = f->t->small;
	char label[16];
	snprintf(label, sizeof label, "%d.", s->number);
	f->left += indent;
	int pending = flow_push_marker(f, flow_shape(f, &st, label, strlen(label)), st, NULL);
	flow_dest_before(out, s->id);
	/* Paragraphs in small type; other blocks (code, lists) as in the text;
	 * inline content outside paragraphs (raw HTML) as a paragraph. */
	xmlNodePtr c = s->li->children;
	while (c) {
		f->no_indent = true;
		int saved_line = flow_enter_line(f, c);
		if (flow_is(c, "p")) {
			flow_paragraph(f, c, out, st, ALIGN_JUSTIFY, f->t->small_leading);
			c = c->next;
		} else if (flow_is_block(c)) {
			flow_block(f, c, out);
			c = c->next;
		} else {
			para p = {0};
			bool text = false;
			for (xmlNodePtr k = c; k && !flow_is_block(k); k = k->next)
				text |= k->type == XML_ELEMENT_NODE ||
					(k->type == XML_TEXT_NODE && k->content &&
					 k->content[strspn((const char *)k->content, " \t\r\n")]);
			for (; c && !flow_is_block(c); c = c->next)
				if (text)
					flow_add_node(f, &p, c, st, ALIGN_JUSTIFY);
			flow_set_para(f, &p, ALIGN_JUSTIFY, 0, f->t->small_leading, out, false);
			flow_para_free(&p);
		}
		f->line = saved_line;
	}
	flow_drop_markers(f, pending);
	f->left -= indent;
}

/* The rule drawn above the notes of a page: a third of the measure. */
static void note_rule(ac_flow *f, ac_vlist *v)
{
	const ac_theme *t = f->t;
	v->note_rule = v->nnote_items;
	v->note_gap = t->small_leading * 0.3;
	ac_vitem *b = ac_vlist_push_note_item(v, AC_V_BOX, t->leading);
	ac_op *op = ac_vitem_op(b, AC_OP_RULE);
	op->x = 0;
	op->y = t->leading * 0.45;
	op->w = f->width / 3;
	op->stroke = 0.5;
	op->color = t->rule;
}

/* Makes note s an insertion of out's box at index at. */
static void attach(ac_flow *f, const note_src *s, double indent, ac_vlist *out, size_t at)
{
	/* A Note element holding the note's paragraphs and lists. */
	ac_vlist tmp = {0};
	ac_snode *note = ac_vlist_node(out, "Note", NULL);
	note->parent = NULL; /* drawn where the page puts it (pdf.c grafts it) */
	ac_vlist_enter(&tmp, note);
	f->role = AC_ROLE_NOTE;
	set_note(f, s, indent, &tmp);
	f->role = AC_ROLE_PARA;
	if (!out->nnote_items)
		note_rule(f, out);
	if (out->nnotes == out->capnotes) {
		out->capnotes = out->capnotes ? out->capnotes * 2 : 16;
		out->notes = ac_xrealloc(out->notes, out->capnotes * sizeof *out->notes);
	}
	ac_vnote *n = &out->notes[out->nnotes];
	/* The note's lines, numbered as one block; the space between its
	 * paragraphs kept, what keeps them together dropped (the pages split a
	 * note only between lines, two at least on each side). */
	int lines = 0, block = -1;
	for (size_t i = 0; i < tmp.count; i++)
		if (tmp.items[i].kind == AC_V_BOX && tmp.items[i].height > 0) {
			lines++;
			if (block < 0)
				block = tmp.items[i].block;
		}
	n->first = out->nnote_items;
	int line = 0;
	for (size_t i = 0; i < tmp.count; i++) {
		ac_vitem *it = &tmp.items[i];
		if (it->kind == AC_V_PENALTY) {
			free(it->ops);
			continue;
		}
		ac_vitem *dst = ac_vlist_push_note_item(out, (ac_vkind)it->kind, it->height);
		*dst = *it; /* its operations move with it */
		if (dst->kind == AC_V_BOX) {
			dst->role = AC_ROLE_NOTE;
			dst->block = block;
			dst->lines = lines;
			dst->line = dst->height > 0 ? ++line : 0;
		}
	}
	free(tmp.items);
	ac_vlist_adopt_nodes(out, &tmp);
	n->count = out->nnote_items - n->first;
	/* What heads the rest of a note carried to the next page: its number
	 * and "(continued)", in the muted colour. */
	const ac_theme *t = f->t;
	n->cont = out->nnote_items;
	ac_vitem *c = ac_vlist_push_note_item(out, AC_V_BOX, t->small_leading);
	c->role = AC_ROLE_NOTE;
	c->sn = note;
	c->block = block;
	c->lines = lines;
	style st = flow_base_style(f);
	st.size = t->small;
	st.color = t->muted;
	char label[16];
	snprintf(label, sizeof label, "%d.", s->number);
	frag num = {flow_shape(f, &st, label, strlen(label)), st, 0};
	double base = t->small_leading * 0.76;
	flow_draw_frag(f, c, &num, indent - num.shaped->width * st.size - t->body * 0.45, base);
	st.role = AC_FACE_BODY_ITALIC;
	frag word = {flow_shape(f, &st, "(continued)", strlen("(continued)")), st, 0};
	flow_draw_frag(f, c, &word, indent, base);
	ac_vitem *box = &out->items[at];
	if (!box->nnotes)
		box->note = (unsigned)out->nnotes;
	box->nnotes++;
	out->nnotes++;
}

/* Sets the notes nothing referred to at the end of the chapter. */
static void endnotes(ac_flow *f, note_src *src, size_t n, double indent, ac_vlist *out)
{
	const ac_theme *t = f->t;
	flow_vspace(out, t->space_between * 2);
	ac_vitem *b = ac_vlist_push(out, AC_V_BOX, t->small_leading);
	ac_op *op = ac_vitem_op(b, AC_OP_RULE);
	op->x = f->left;
	op->y = t->small_leading / 2;
	op->w = (f->width - f->left) * 0.3;
	op->stroke = 0.5;
	op->color = t->rule;
	flow_keep_with_next(out);
	for (size_t i = 0; i < n; i++) {
		if (src[i].used)
			continue;
		set_note(f, &src[i], indent, out);
		flow_vspace(out, t->space_between * 0.3);
	}
}

static int cmp_number(const void *a, const void *b)
{
	const note_src *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}

void flow_footnotes(ac_flow *f, ac_vlist *out, size_t from)
{
	for (size_t k = 0; k < f->nnote_sections; k++) {
		xmlNodePtr sec = f->note_sections[k];
		size_t n = 0;
		for (xmlNodePtr ol = sec->children; ol; ol = ol->next)
			if (flow_is(ol, "ol"))
				for (xmlNodePtr li = ol->children; li; li = li->next)
					n += flow_is(li, "li");
		if (!n)
			continue;
		note_src *src = ac_xcalloc(n, sizeof *src);
		size_t i = 0;
		for (xmlNodePtr ol = sec->children; ol; ol = ol->next)
			if (flow_is(ol, "ol"))
				for (xmlNodePtr li = ol->children; li; li = li->next)
					if (flow_is(li, "li")) {
						src[i].li = li;
						src[i].id = flow_prop(li, "id");
						src[i].number = (int)i + 1;
						i++;
					}
		double indent = note_indent(f, (int)n);
		/* Notes with an id go with the first box that links to it. */
		size_t nid = 0;
		for (i = 0; i < n; i++)
			if (src[i].id) {
				note_src tmp = src[nid];
				src[nid++] = src[i];
				src[i] = tmp;
			}
		qsort(src, nid, sizeof *src, cmp_src);
		size_t used = 0;
		for (size_t b = from; nid && b < out->count; b++) {
			const ac_vitem *it = &out->items[b];
			if (it->kind != AC_V_BOX || it->role == AC_ROLE_NOTE)
				continue;
			for (unsigned o = 0; o < it->nops; o++) {
				const ac_op *op = &out->items[b].ops[o];
				if (op->kind != AC_OP_LINK || op->target[0] != '#')
					continue;
				note_src key = {op->target + 1, NULL, 0, false};
				note_src *s = bsearch(&key, src, nid, sizeof *src, cmp_src);
				if (!s || s->used)
					continue;
				s->used = true;
				used++;
				int saved = flow_enter_line(f, s->li);
				attach(f, s, indent, out, b);
				f->line = saved;
			}
		}
		if (used < n) {
			qsort(src, n, sizeof *src, cmp_number);
			endnotes(f, src, n, indent, out);
		}
		free(src);
	}
	f->nnote_sections = 0;
}
