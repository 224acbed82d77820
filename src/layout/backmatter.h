/* backmatter.h - the handbook's indexes: of tags, and of terms. */
#ifndef AC_BACKMATTER_H
#define AC_BACKMATTER_H

#include "../book/tags.h"
#include "../doc/terms.h"
#include "flow.h"

/* The index of tags: each tag, then the chapters it marks with the pages
 * they open on (chapter_page, by book order). */
void ac_back_tag_index(ac_flow *f, const ac_theme *t, const ac_book *b,
		       const ac_tag_index *tags, const int *chapter_page, ac_vlist *out);

/* The index of terms, settled (ac_terms_settle), set in one column of the
 * flow's width: the title, letter headings, entries with their pages and
 * ranges, each number a link to the place it counts. */
void ac_back_term_index(ac_flow *f, const ac_theme *t, const ac_book *b, const ac_terms *terms,
			ac_vlist *out);

#endif
