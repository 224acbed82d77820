/* list.c - lists (bullets, numbers, task items) and block quotes. */
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

void flow_quote(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	/* Deep nesting stops indenting at a third of the measure. */
	double in = f->left < f->width / 3 ? f->t->body * 1.4 : 0;
	flow_vspace(out, f->t->space_between);
	bool bar = f->nbars < 8 && in > 0;
	if (bar)
		f->bars[f->nbars++] = f->left + in * 0.3;
	f->left += in;
	f->right += in * 0.5;
	f->no_indent = true;
	ac_vlist_enter(out, ac_vlist_node(out, "BlockQuote", NULL));
	flow_blocks(f, n, out);
	ac_vlist_leave(out);
	f->left -= in;
	f->right -= in * 0.5;
	if (bar)
		f->nbars--;
	flow_vspace(out, f->t->space_between);
	f->no_indent = true;
}
