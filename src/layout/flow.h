/* flow.h - the article's XHTML tree to a vertical list of lines and blocks. */
#ifndef AC_FLOW_H
#define AC_FLOW_H

#include "../book/book.h"
#include "font.h"
#include "hyphen.h"
#include "theme.h"
#include "vlist.h"

typedef struct ac_flow ac_flow;

/* A flow shares fonts, hyphenation and loaded pictures across the book. */
ac_flow *ac_flow_new(const ac_theme *t, ac_fonts *fonts, ac_hyphenator *hy, ac_diags *d);
void ac_flow_free(ac_flow *f);

/* Appends the chapter for article a (index chapter in book order) to out:
 * a forced break to an odd page, the opener, then the content. */
void ac_flow_article(ac_flow *f, const ac_book *b, const ac_article *a, int chapter,
		     ac_vlist *out);

/* The width of the text block in points. */
double ac_flow_width(const ac_flow *f);

#endif
