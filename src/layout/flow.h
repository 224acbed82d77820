/* flow.h - the article's XHTML tree to a vertical list of lines and blocks. */
#ifndef AC_FLOW_H
#define AC_FLOW_H

#include "../book/book.h"
#include "../book/tags.h"
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

/* Diagnostics about the text set next (characters no font has, lines that
 * do not fit) name path (borrowed) and line; path NULL reports nothing.
 * ac_flow_article reports against the article and clears the origin after. */
void ac_flow_set_origin(ac_flow *f, const char *path, int line);

/* The width of the text block in points. */
double ac_flow_width(const ac_flow *f);
/* Sets text in a narrower measure (a column) until set back; returns the
 * width before. */
double ac_flow_set_width(ac_flow *f, double width);

/* Tag names to their index destinations, for links from chapter openers. */
void ac_flow_set_tags(ac_flow *f, const ac_tag_index *tags);

/* Has f take its pictures from the pictures of b loaded ahead on a thread
 * of their own (preload.h), while it sets the text; b NULL stops that,
 * freeing what was loaded and not taken. */
void ac_flow_preload(ac_flow *f, const ac_book *b);

/* Building blocks for the book's apparatus (title page, contents, index). */
typedef enum { AC_ALIGN_JUSTIFY, AC_ALIGN_LEFT, AC_ALIGN_CENTER, AC_ALIGN_RIGHT } ac_align;
/* Sets text as a paragraph in one face; link (may be NULL) covers all of it. */
void ac_flow_text(ac_flow *f, ac_vlist *out, const char *text, ac_face_role role,
		  double size, ac_rgb color, ac_align al, double leading, const char *link);
/* One line: text at indent on the left, number flush right, dot leaders
 * between; note (may be NULL) follows the text, smaller and muted; the whole
 * line links to link. */
void ac_flow_leader_line(ac_flow *f, ac_vlist *out, const char *text, ac_face_role role,
			 double size, double indent, const char *note, const char *number,
			 double leading, const char *link);
void ac_flow_space(ac_vlist *out, double h);
void ac_flow_keep(ac_vlist *out);
void ac_flow_dest(ac_vlist *out, const char *name);
/* A forced page break; odd: to a right-hand page; chapter as in ac_vitem. */
void ac_flow_break(ac_vlist *out, bool odd, int chapter);

#endif
