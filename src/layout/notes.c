/* notes.c - the footnotes section: a short rule, then numbered notes in small type. */
#include "flow_internal.h"

#include <stdio.h>
#include <string.h>

void flow_notes(ac_flow *f, xmlNodePtr n, ac_vlist *out)
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
	/* The notes' text starts past the widest number and its gap. */
	int count = 0;
	for (xmlNodePtr ol = n->children; ol; ol = ol->next)
		if (flow_is(ol, "ol"))
			for (xmlNodePtr li = ol->children; li; li = li->next)
				count += flow_is(li, "li");
	style ws = flow_base_style(f);
	ws.size = t->small;
	char widest[16];
	snprintf(widest, sizeof widest, "%d.", count ? count : 1);
	double need = flow_shape(f, &ws, widest, strlen(widest))->width * ws.size + t->body * 0.6;
	double indent = need > t->body * 1.6 ? need : t->body * 1.6;
	int num = 1;
	for (xmlNodePtr ol = n->children; ol; ol = ol->next) {
		if (!flow_is(ol, "ol"))
			continue;
		for (xmlNodePtr li = ol->children; li; li = li->next) {
			if (!flow_is(li, "li"))
				continue;
			style st = flow_base_style(f);
			st.size = t->small;
			char label[16];
			snprintf(label, sizeof label, "%d.", num++);
			f->left += indent;
			int pending = flow_push_marker(f, flow_shape(f, &st, label, strlen(label)), st);
			flow_dest_before(out, flow_prop(li, "id"));
			for (xmlNodePtr c = li->children; c; c = c->next) {
				if (!flow_is(c, "p"))
					continue;
				f->no_indent = true;
				int saved_line = flow_enter_line(f, c);
				flow_paragraph(f, c, out, st, ALIGN_JUSTIFY, t->small_leading);
				f->line = saved_line;
			}
			flow_drop_markers(f, pending);
			f->left -= indent;
			flow_vspace(out, t->space_between * 0.3);
		}
	}
}
