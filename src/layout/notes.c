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
			f->marker = flow_shape(f, &st, label, strlen(label));
			f->marker_style = st;
			f->left += t->body * 1.6;
			flow_dest_before(out, flow_prop(li, "id"));
			for (xmlNodePtr c = li->children; c; c = c->next) {
				if (!flow_is(c, "p"))
					continue;
				f->no_indent = true;
				int saved_line = flow_enter_line(f, c);
				flow_paragraph(f, c, out, st, ALIGN_JUSTIFY, t->small_leading);
				f->line = saved_line;
			}
			f->marker = NULL;
			f->left -= t->body * 1.6;
			flow_vspace(out, t->space_between * 0.3);
		}
	}
}
