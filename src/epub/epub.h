/* epub.h - the EPUB 3 writer: package, navigation, pages, container. */
#ifndef AC_EPUB_H
#define AC_EPUB_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "../book/book.h"
#include "../doc/pagebreaks.h"
#include "../doc/terms.h"

/* The chapter pages, written while the handbook is laid out (chapters.c):
 * started before the layout, given each article's page breaks from the
 * layout's paged callback (on the layout's thread), finished when the
 * layout is. Each chapter is written, and its article's tree freed, on a
 * thread of its own as soon as it is given. */
typedef struct ac_epub_chapters ac_epub_chapters;
ac_epub_chapters *ac_epub_chapters_start(const ac_book *b, const ac_terms *terms);
void ac_epub_chapters_give(ac_epub_chapters *c, size_t i, const ac_pagebreak *items, size_t n);
/* Waits until every chapter is written (one never given is written without
 * page-break markers). */
void ac_epub_chapters_finish(ac_epub_chapters *c);
void ac_epub_chapters_free(ac_epub_chapters *c);

typedef struct {
	const char *css_path;  /* the theme's EPUB stylesheet */
	const char *fonts_dir; /* where the fonts the stylesheet names live */
	const ac_buf *cover_png;
	/* Where the print edition's pages begin (NULL: no page-list); the
	 * markers are put into the articles' trees. */
	ac_pagebreaks *breaks;
	/* The index of terms, settled by the layout (NULL: no index): an index
	 * page. */
	const ac_terms *terms;
	/* The chapter pages, finished. */
	ac_epub_chapters *chapters;
} ac_epub_resources;

/* Writes the whole EPUB of a converted book into out (the zip bytes).
 * Returns 0, or -1 after reporting to d. */
int ac_epub_write(const ac_book *b, const ac_epub_resources *r, ac_buf *out, ac_diags *d);

#endif
