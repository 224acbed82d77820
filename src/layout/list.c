/* list.c - lists (bullets, numbers, task items), block quotes and GitHub's
 * alerts. */
#include "flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void flow_list(ac_flow *f, xmlNodePtr n, ac_vlist *out, bool ordered)
{
	const ac_theme *t = f->t;
	int num = 1;
	const char *start = flow_prop(n, "start");
	if (start)
		num = atoi(start);
	double indent = 0;
	if (f->left < f->width / 3) {
		/* Wide enough for the widest number and the gap after it. */
		int count = 0;
		for (xmlNodePtr li = n->children; li; li = li->next)
			count += flow_is(li, "li");
		char widest[32];
		snprintf(widest, sizeof widest, "%d.", num + (count ? count - 1 : 0));
		style ms = flow_base_style(f);
		const ac_shaped *sh = flow_shape(f, &ms, widest, strlen(widest));
		double need = (ordered ? sh->width * ms.size : 0) + t->body * 0.6;
		indent = need > t->body * 1.6 ? need : t->body * 1.6;
	}
	flow_vspace(out, t->space_between * 0.5);
	f->left += indent;
	f->list_depth++;
	ac_vlist_enter(out, ac_vlist_node(out, "L", NULL));
	for (xmlNodePtr li = n->children; li; li = li->next) {
		if (!flow_is(li, "li"))
			continue;
		style ms = flow_base_style(f);
		char label[32];
		if (ordered)
			snprintf(label, sizeof label, "%d.", num++);
		else
			snprintf(label, sizeof label, "%s",
				 (f->list_depth - 1) % 2 ? "\xe2\x80\x93" : "\xe2\x80\xa2");
		/* A task list item shows its check box, not a bullet. */
		xmlNodePtr first = li->children;
		while (first && first->type == XML_TEXT_NODE)
			first = first->next;
		if (first && first->type == XML_ELEMENT_NODE && flow_is(first, "p")) {
			first = first->children;
			while (first && first->type == XML_TEXT_NODE)
				first = first->next;
		}
		bool task = first && flow_is(first, "span") && flow_prop(first, "class") &&
			    strstr(flow_prop(first, "class"), "task");
		/* LI holds the marker's Lbl and the item's blocks in LBody. */
		ac_vlist_enter(out, ac_vlist_node(out, "LI", NULL));
		ac_snode *lbl = task ? NULL : ac_vlist_node(out, "Lbl", NULL);
		if (lbl)
			lbl->leaf = true;
		ac_vlist_enter(out, ac_vlist_node(out, "LBody", NULL));
		int pending = task ? f->nmarkers
				   : flow_push_marker(f, flow_shape(f, &ms, label, strlen(label)), ms,
						      lbl);
		flow_dest_before(out, flow_prop(li, "id"));
		f->no_indent = true;
		int saved_line = flow_enter_line(f, li);
		flow_blocks(f, li, out);
		f->line = saved_line;
		flow_drop_markers(f, pending);
		ac_vlist_leave(out);
		ac_vlist_leave(out);
		flow_vspace(out, t->space_between * 0.3);
	}
	ac_vlist_leave(out);
	f->left -= indent;
	f->list_depth--;
	flow_vspace(out, t->space_between * 0.5);
	f->no_indent = true;
}

/* A quote's setting, kept while its blocks are flowed. */
typedef struct {
	double in; /* the left indent; the right one is half of it */
	bool bar;
} quoted;

/* Starts a block set as a quote: space above, indented, a rule of width w
 * and colour left of its lines, a structure element of type. */
static quoted quote_begin(ac_flow *f, ac_vlist *out, double w, ac_rgb color, const char *type)
{
	/* Deep nesting stops indenting at a third of the measure. */
	quoted q = {f->left < f->width / 3 ? f->t->body * 1.4 : 0, false};
	flow_vspace(out, f->t->space_between);
	q.bar = f->nbars < 8 && q.in > 0;
	if (q.bar) {
		f->bars[f->nbars].x = f->left + q.in * 0.3;
		f->bars[f->nbars].w = w;
		f->bars[f->nbars++].color = color;
	}
	f->left += q.in;
	f->right += q.in * 0.5;
	f->no_indent = true;
	ac_vlist_enter(out, ac_vlist_node(out, type, NULL));
	return q;
}

static void quote_end(ac_flow *f, ac_vlist *out, quoted q)
{
	ac_vlist_leave(out);
	f->left -= q.in;
	f->right -= q.in * 0.5;
	if (q.bar)
		f->nbars--;
	flow_vspace(out, f->t->space_between);
	f->no_indent = true;
}

void flow_quote(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	quoted q = quote_begin(f, out, 1.2, f->t->rule, "BlockQuote");
	flow_blocks(f, n, out);
	quote_end(f, out, q);
}

int flow_alert_kind(xmlNodePtr n)
{
	if (!flow_has_class(n, "markdown-alert"))
		return -1;
	for (int k = 0; k < AC_ALERT_COUNT; k++) {
		char name[32];
		snprintf(name, sizeof name, "markdown-alert-%s", ac_alert_names[k]);
		if (flow_has_class(n, name))
			return k;
	}
	return -1;
}

/* Set as a quote whose rule has the kind's colour, under a title (its
 * first paragraph, as doc/dialects.c writes it) in that colour, kept with
 * what follows. */
void flow_alert(ac_flow *f, xmlNodePtr n, ac_alert_kind kind, ac_vlist *out)
{
	const ac_theme *t = f->t;
	quoted q = quote_begin(f, out, 2, t->alert[kind], "Div");
	xmlNodePtr c = n->children;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	if (flow_is(c, "p") && flow_has_class(c, "markdown-alert-title")) {
		style st = flow_base_style(f);
		st.role = AC_FACE_HEADING_BOLD;
		st.color = t->alert[kind];
		flow_paragraph(f, c, out, st, ALIGN_LEFT, t->leading);
		flow_keep_with_next(out);
		f->no_indent = true;
		c = c->next;
	} else {
		c = n->children;
	}
	flow_blocks_from(f, c, NULL, out);
	quote_end(f, out, q);
}
