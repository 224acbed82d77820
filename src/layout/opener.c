/* opener.c - a chapter's opener: title, date, tags and summary on a right-hand
 * page, or the next page (chapters-open: any). */
#include "flow_internal.h"

#include <stdlib.h>

void flow_opener(ac_flow *f, const ac_book *b, const ac_article *a, int chapter,
		 ac_vlist *out)
{
	const ac_theme *t = f->t;
	ac_vitem *brk = ac_vlist_push(out, AC_V_PENALTY, 0);
	brk->penalty = -AC_INF_PENALTY;
	/* On a right-hand page, unless the book asks for the next page
	 * (chapters-open: any, for blogs of short posts). */
	brk->odd = !b->open_any;
	brk->chapter = chapter;
	ac_vlist_push(out, AC_V_GLUE, t->leading * 4);
	char *id = ac_xasprintf("ch-%s", a->slug);
	flow_dest_before(out, id);
	free(id);
	style st = flow_base_style(f);
	st.role = AC_FACE_HEADING_BOLD;
	st.size = t->h1;
	st.color = t->heading;
	para p = {0};
	f->line = a->title_line;
	flow_add_text(f, &p, &st, a->title, ALIGN_LEFT);
	f->line = 1; /* the rest of the front matter */
	f->role = AC_ROLE_HEADING;
	f->level = 1;
	flow_set_para(f, &p, ALIGN_LEFT, 0, t->h1 * 1.2, out, true);
	f->role = AC_ROLE_PARA;
	flow_para_free(&p);
	flow_keep_with_next(out);
	ac_vlist_push(out, AC_V_GLUE, t->leading * 0.5);
	flow_keep_with_next(out);
	style ms = flow_base_style(f);
	ms.role = AC_FACE_HEADING;
	ms.size = t->small;
	ms.color = t->muted;
	char *date = ac_long_date(a->date);
	p = (para){0};
	flow_add_text(f, &p, &ms, date, ALIGN_LEFT);
	free(date);
	flow_set_para(f, &p, ALIGN_LEFT, 0, t->small_leading * 1.2, out, true);
	flow_para_free(&p);
	flow_keep_with_next(out);
	if (a->ntags) {
		/* Each tag links to its entry in the tag index. */
		p = (para){0};
		for (size_t i = 0; i < a->ntags; i++) {
			const ac_tag *tag = f->tags ? ac_tags_lookup(f->tags, a->tags[i]) : NULL;
			style ts = ms;
			ts.link = tag ? tag->href : NULL;
			char *word = ac_xasprintf("#%s", a->tags[i]);
			if (i)
				p.space_pending = true;
			flow_add_text(f, &p, &ts, word, ALIGN_LEFT);
			free(word);
		}
		flow_set_para(f, &p, ALIGN_LEFT, 0, t->small_leading * 1.2, out, true);
		flow_para_free(&p);
		flow_keep_with_next(out);
	}
	if (a->summary && *a->summary) {
		ac_vlist_push(out, AC_V_GLUE, t->leading * 0.6);
		flow_keep_with_next(out);
		style ss = flow_base_style(f);
		ss.role = AC_FACE_BODY_ITALIC;
		p = (para){0};
		flow_add_text(f, &p, &ss, a->summary, ALIGN_LEFT);
		flow_set_para(f, &p, ALIGN_LEFT, 0, t->leading, out, true);
		flow_para_free(&p);
	}
	flow_keep_with_next(out);
	ac_vitem *rule = ac_vlist_push(out, AC_V_BOX, t->leading * 1.5);
	ac_op *op = ac_vitem_op(rule, AC_OP_RULE);
	op->x = 0;
	op->y = t->leading * 0.75;
	op->w = f->width * 0.25;
	op->stroke = 0.8;
	op->color = t->rule;
	flow_keep_with_next(out);
	(void)b;
}
