/* terms.h - the back-of-book index: the terms each article names in its
 * front matter ("index:"), found in its prose and marked with anchors that
 * both editions point their locators at. */
#ifndef AC_TERMS_H
#define AC_TERMS_H

#include "../base/diag.h"
#include "../book/book.h"

#include <stdbool.h>
#include <stddef.h>

/* One place an entry is found. */
typedef struct {
	size_t seq;    /* the article's place in b->seq */
	int anchor;    /* n of the anchor "ix-n" before the words; -1: the term
			* does not occur, the locator is the chapter's start */
	int page;      /* the printed page (body numbering), once settled */
} ac_term_hit;

/* Consecutive pages, "12–14", or one page (first == last); from and to are
 * the first hits on the first and the last page. */
typedef struct {
	int first, last;
	const ac_term_hit *from, *to;
} ac_term_range;

typedef struct {
	char *primary;
	char *secondary; /* NULL: a main entry */
	char *key;       /* what it sorts by */
	ac_term_hit *hits; /* book order, then text order */
	size_t nhits, caphits;
	ac_term_range *ranges; /* once settled */
	size_t nranges;
} ac_term_entry;

/* An anchor of an article and the entry it counts for. */
typedef struct {
	size_t entry;
	int anchor;
} ac_term_ref;

typedef struct ac_terms {
	/* A–Z by primary, then secondary; a primary that is only named with
	 * sub-entries has an entry without hits (a heading for them). */
	ac_term_entry *entries;
	size_t count;
	int nanchors;     /* anchors "ix-0" … given out */
	int *anchor_page; /* the page each anchor is set on (0: not set) */
	/* Per article in book order: its anchors' entries, and the range of
	 * anchor numbers it holds. Read by ac_terms_prune, which may run while
	 * ac_terms_settle sorts the entries' hits. */
	ac_term_ref **refs;
	size_t *nrefs;
	int *first_anchor, *end_anchor;
	size_t narticles;
} ac_terms;

/* Reads every article's index terms, finds them in its converted tree
 * (whole words, case-insensitive, in prose: not code, not headings) and
 * puts an empty <span id="ix-N"/> before each occurrence. Malformed terms
 * are errors, terms that do not occur warnings, at their front matter
 * lines. Returns NULL when no article names a term. Call after
 * ac_doc_convert_book; single-threaded. */
ac_terms *ac_terms_find(ac_book *b, ac_diags *d);
void ac_terms_free(ac_terms *t);

/* After the layout has set anchor_page: each hit's page (a hit without an
 * anchor, or whose anchor was set on no page, takes chapter_page[seq], the
 * page its chapter opens on) and the ranges. */
void ac_terms_settle(ac_terms *t, const int *chapter_page);

/* The anchor's id: "ix-12". */
void ac_terms_anchor_id(int anchor, char out[24]);
/* The anchor number of an id "ix-N", or -1. */
int ac_terms_anchor_of(const char *id);

/* The letter heading an entry goes under: "A" … "Z", another letter of any
 * script in upper case, or "Symbols and numbers". */
void ac_terms_letter(const ac_term_entry *e, char out[64]);

/* Removes from the tree of b->seq[seq] (a) the anchors no locator can use,
 * once its anchors have their pages: an entry's locator for a page is its
 * first place on that page, so only those anchors stay. */
void ac_terms_prune(const ac_terms *t, ac_article *a, size_t seq);

#endif
