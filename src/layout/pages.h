/* pages.h - breaks the vertical list into pages. */
#ifndef AC_PAGES_H
#define AC_PAGES_H

#include "vlist.h"

typedef struct {
	const ac_vitem *item;
	double y; /* top of the item from the top of the text block */
	double x; /* from the left of the text block: a column's offset */
} ac_placed;

typedef struct {
	int chapter;  /* the chapter the page belongs to, or -1 (front matter) */
	bool opener;  /* the first page of a chapter */
	bool blank;   /* inserted so that a chapter starts on a right-hand page */
	ac_placed *placed;
	size_t count, cap;
} ac_page;

typedef struct {
	ac_page *pages;
	size_t count;
} ac_pages;

/* Fills pages of text height h from v: breaks only where the list allows
 * (penalties below infinity, glue after a box), keeps what penalties keep
 * together, moves figures that do not fit to the next page while text goes
 * on, and starts chapters on odd pages. first_number is the physical number
 * of the first page (to know odd from even). */
void ac_paginate(const ac_vlist *v, double h, int first_number, ac_pages *out);
void ac_pages_free(ac_pages *p);

#endif
