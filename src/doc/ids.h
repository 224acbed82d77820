/* ids.h - ids unique in the whole book, and the GitHub-style anchors links
 * may use for headings. */
#ifndef AC_IDS_H
#define AC_IDS_H

#include "../base/strmap.h"

/* Ids already given out in the book, so that every id is unique book-wide. */
typedef struct {
	ac_strmap ids;  /* every id given out */
	ac_strmap next; /* root → the next suffix number to try */
} ac_idset;

void ac_idset_free(ac_idset *s);
/* Returns a fresh id derived from base ("x", "x-2", …) and records it;
 * caller frees the copy. "page-" or "ix-" and digits ("page-12", "ix-3") is
 * never given out: the EPUB's page-break markers and the index's anchors are
 * named so. */
char *ac_idset_claim(ac_idset *s, const char *base);

/* The GitHub-style anchor of a heading text: lower case, punctuation dropped,
 * spaces to '-'. Caller frees. */
char *ac_github_anchor(const char *text);

#endif
