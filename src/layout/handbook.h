/* handbook.h - the printed handbook: lays the book out and draws it. */
#ifndef AC_HANDBOOK_H
#define AC_HANDBOOK_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "../book/book.h"
#include "../doc/pagebreaks.h"
#include "../doc/terms.h"

typedef struct {
	const char *print_yml;   /* the theme's print.yml */
	const char *fonts_dir;
	const char *hyphen_dict; /* libhyphen patterns; NULL: none, no hyphenation */
	const char *page_size;   /* NULL: the theme's */
	const char *creator;     /* "autochitect VERSION" */
	/* Called, when set, once the layout no longer needs the XHTML of
	 * article seq[i] (i = -1: of any article), so that it may be freed. */
	void (*release)(void *ctx, int i);
	void *release_ctx;
	/* ac_handbook_layout only breaks the pages, for their page breaks: the
	 * body's boxes keep no drawing operations, and it may not be drawn. */
	bool pages_only;
	/* The index of terms (NULL: none): the layout sets the pages of its
	 * anchors and settles it, then sets it after the index of tags. */
	ac_terms *terms;
	/* Called, when set, as soon as the pages of article seq[i] are final,
	 * with its page breaks (those owned by i, of kinds AC_PB_TEXT,
	 * AC_PB_CHAPTER and AC_PB_AFTER; borrowed for the call). The layout
	 * reads the article's tree no more, and the index anchors in it have
	 * their pages: the tree may be written out and freed. */
	void (*paged)(void *ctx, size_t i, const ac_pagebreak *items, size_t n);
	void *paged_ctx;
	/* A PDF will be drawn: its SVG figures may be drawn beside the pages
	 * from the layout on, as soon as their pages are known. */
	bool pdf_to_come;
} ac_handbook_resources;

/* Lays out a converted book and writes the PDF into pdf and, when trace is
 * not NULL, a text trace of every page. Returns 0, or -1 after reporting. */
int ac_handbook_write(const ac_book *b, const ac_handbook_resources *r, ac_buf *pdf,
		      ac_buf *trace, ac_diags *d);

/* The theme, fonts and hyphenation patterns of r, loaded once for several
 * books in turn (the layout fuzzer lays out thousands). NULL after
 * reporting. */
typedef struct ac_handbook_kit ac_handbook_kit;
ac_handbook_kit *ac_handbook_kit_new(const ac_handbook_resources *r, ac_diags *d);
void ac_handbook_kit_free(ac_handbook_kit *k);
/* The handbook in two steps: the layout (every page broken), then the
 * drawing. Between them the EPUB learns where the pages begin. */
typedef struct ac_handbook ac_handbook;
/* Lays the book out with kit k (r as for ac_handbook_write); NULL after
 * reporting. b must outlive the result. */
ac_handbook *ac_handbook_layout(ac_handbook_kit *k, const ac_book *b,
				const ac_handbook_resources *r, ac_diags *d);
/* Where each body page begins (borrowed from h; the EPUB moves its places
 * along as it splits text nodes). Its nodes are the articles' trees': valid
 * while they are, so r->release must not have freed them for the EPUB. */
ac_pagebreaks *ac_handbook_pagebreaks(ac_handbook *h);
/* Draws the laid out pages into pdf (may be NULL) and trace (may be NULL),
 * once: their boxes are let go after the last page. Returns 0, or -1 after
 * reporting. */
int ac_handbook_draw(ac_handbook *h, ac_buf *pdf, ac_buf *trace, ac_diags *d);
void ac_handbook_free(ac_handbook *h);

/* ac_handbook_write with a kit made from the same resources. */
int ac_handbook_write_with(ac_handbook_kit *k, const ac_book *b, const ac_handbook_resources *r,
			   ac_buf *pdf, ac_buf *trace, ac_diags *d);

#endif
