/* body.h - the handbook's body, chapter by chapter: each chapter's list is
 * broken into pages as soon as it is set, so that where its pages begin in
 * its XHTML and the pages of its index anchors are known while the next
 * chapter is laid out. */
#ifndef AC_BODY_H
#define AC_BODY_H

#include "../doc/pagebreaks.h"
#include "../doc/terms.h"
#include "flow.h"
#include "handbook.h"
#include "pages.h"

typedef struct {
	ac_vlist *lists; /* one per article in book order; a part's page is in
			  * the list of its first article */
	size_t count;
	size_t *page_end; /* one past the last page of each list */
	ac_pages pages;  /* every body page; items point into lists */
	size_t cap_pages;
	ac_pagebreaks breaks; /* where each page begins */
	size_t cap_breaks;
} ac_body;

/* Called, when given, as soon as body pages [first, end) are final: their
 * boxes placed, drawn as they are. */
typedef void (*ac_body_pages_fn)(void *ctx, const ac_pages *pages, size_t first, size_t end);

/* Sets every chapter of b (and the part pages) and breaks each into pages
 * of height text_h; calls r->release after setting each chapter, then
 * placed (with placed_ctx) with its pages, and r->paged once its page
 * breaks are final; sets the pages of r->terms's anchors. */
void ac_body_layout(ac_body *body, ac_flow *f, const ac_theme *t, const ac_book *b,
		    const ac_handbook_resources *r, double text_h, ac_body_pages_fn placed,
		    void *placed_ctx);
void ac_body_free(ac_body *body);

#endif
