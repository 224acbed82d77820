/* backmatter.c - the handbook's indexes: of tags, and of terms. */
#include "backmatter.h"

#include "flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ac_back_tag_index(ac_flow *f, const ac_theme *t, const ac_book *b,
		       const ac_tag_index *tags, const int *chapter_page, ac_vlist *out)
{
	ac_flow_break(out, true, -1);
	ac_flow_space(out, t->leading * 3);
	ac_flow_dest(out, "tag-index");
	ac_flow_text(f, out, "Index of tags", AC_FACE_HEADING_BOLD, t->h1, t->heading,
		     AC_ALIGN_LEFT, t->h1 * 1.3, NULL);
	ac_flow_space(out, t->leading);
	ac_vlist_enter(out, ac_vlist_node(out, "Index", NULL));
	for (size_t i = 0; i < tags->count; i++) {
		const ac_tag *tag = &tags->tags[i];
		ac_flow_space(out, t->leading * 0.5);
		ac_flow_dest(out, tag->id);
		ac_flow_text(f, out, tag->name, AC_FACE_HEADING_BOLD, t->body, t->heading,
			     AC_ALIGN_LEFT, t->leading * 1.2, NULL);
		/* The tag's name stays with its first two entries. */
		ac_flow_keep(out);
		for (size_t k = 0; k < tag->count; k++) {
			size_t ch = 0;
			for (size_t j = 0; j < b->nseq; j++)
				if (b->seq[j] == tag->articles[k])
					ch = j;
			char num[16];
			snprintf(num, sizeof num, "%d", chapter_page[ch]);
			char *link = ac_xasprintf("#ch-%s", tag->articles[k]->slug);
			ac_flow_leader_line(f, out, tag->articles[k]->title, AC_FACE_BODY, t->body,
					    t->body * 1.2, NULL, num, t->leading * 1.2, link);
			if (k == 0 && tag->count > 1)
				ac_flow_keep(out);
			free(link);
		}
	}
	ac_vlist_leave(out);
}

/* Where a locator leads: the anchor before the words, or the chapter. */
static char *locator_link(const ac_book *b, const ac_term_hit *h)
{
	if (h->anchor >= 0)
		return ac_xasprintf("#ix-%d", h->anchor);
	return ac_xasprintf("#ch-%s", b->seq[h->seq]->slug);
}

static void add_number(ac_flow *f, para *p, const style *st, int page, char **link)
{
	style s = *st;
	s.link = *link;
	char num[16];
	snprintf(num, sizeof num, "%d", page);
	flow_add_text(f, p, &s, num, ALIGN_LEFT);
}

/* One entry: its term, then ", 3, 12–14": wrapped lines hang under the
 * term, sub-entries are indented by one em. */
static void entry_line(ac_flow *f, const ac_theme *t, const ac_book *b, const ac_term_entry *e,
		       ac_vlist *out)
{
	style st = flow_base_style(f);
	st.size = t->body * 0.95;
	/* The links' targets live until the paragraph is set. */
	char **links = ac_xcalloc(e->nranges * 2 + 1, sizeof *links);
	size_t nlinks = 0;
	para p = {0};
	flow_add_text(f, &p, &st, e->secondary ? e->secondary : e->primary, ALIGN_LEFT);
	for (size_t k = 0; k < e->nranges; k++) {
		const ac_term_range *r = &e->ranges[k];
		flow_add_text(f, &p, &st, ",", ALIGN_LEFT);
		flow_add_text(f, &p, &st, " ", ALIGN_LEFT);
		links[nlinks] = locator_link(b, r->from);
		add_number(f, &p, &st, r->first, &links[nlinks++]);
		if (r->last != r->first) {
			flow_add_text(f, &p, &st, "\xe2\x80\x93", ALIGN_LEFT); /* en dash */
			links[nlinks] = locator_link(b, r->to);
			add_number(f, &p, &st, r->last, &links[nlinks++]);
		}
	}
	double hang = t->body * 1.5;
	double sub = e->secondary ? t->body : 0;
	double left = f->left;
	f->left = left + sub + hang;
	flow_set_para(f, &p, ALIGN_LEFT, -hang, t->leading * 1.05, out, false);
	f->left = left;
	flow_para_free(&p);
	for (size_t i = 0; i < nlinks; i++)
		free(links[i]);
	free(links);
}

void ac_back_term_index(ac_flow *f, const ac_theme *t, const ac_book *b, const ac_terms *terms,
			ac_vlist *out)
{
	ac_flow_space(out, t->leading * 3);
	ac_flow_dest(out, "term-index");
	ac_flow_text(f, out, "Index", AC_FACE_HEADING_BOLD, t->h1, t->heading, AC_ALIGN_LEFT,
		     t->h1 * 1.3, NULL);
	ac_vlist_enter(out, ac_vlist_node(out, "Index", NULL));
	char letter[64] = "";
	for (size_t i = 0; i < terms->count; i++) {
		const ac_term_entry *e = &terms->entries[i];
		char now[64];
		ac_terms_letter(e, now);
		if (strcmp(now, letter)) {
			snprintf(letter, sizeof letter, "%s", now);
			ac_flow_space(out, t->leading * 1.2);
			ac_flow_text(f, out, letter, AC_FACE_HEADING_BOLD, t->h3, t->heading,
				     AC_ALIGN_LEFT, t->h3 * 1.4, NULL);
			ac_flow_keep(out);
			ac_flow_space(out, t->leading * 0.2);
			ac_flow_keep(out);
		}
		entry_line(f, t, b, e, out);
		/* A main entry stays with its first sub-entry. */
		if (!e->secondary && i + 1 < terms->count && terms->entries[i + 1].secondary)
			ac_flow_keep(out);
	}
	ac_vlist_leave(out);
}
