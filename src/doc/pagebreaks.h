/* pagebreaks.h - where the pages of the print edition begin, as places in
 * the articles' XHTML: what the layout tells the EPUB for its page-list. */
#ifndef AC_PAGEBREAKS_H
#define AC_PAGEBREAKS_H

#include <libxml/tree.h>
#include <stddef.h>

#define AC_PB_BEFORE 0xffffffffu

typedef enum {
	AC_PB_TEXT,    /* in article `owner`'s tree, at node and offset */
	AC_PB_CHAPTER, /* the opening page of article `owner` (its title) */
	AC_PB_PART,    /* the page of part `owner` */
	AC_PB_AFTER    /* a blank page: at the end of article `owner` (part
			* -10 - `owner` when owner <= -10) */
} ac_pb_kind;

typedef struct {
	char label[24];  /* the printed page label: "12" */
	ac_pb_kind kind;
	int owner;       /* index in b->seq, or in b->parts for AC_PB_PART */
	xmlNodePtr node; /* AC_PB_TEXT: a text node, or an element when off is
			  * AC_PB_BEFORE: the marker goes before it */
	unsigned off;    /* the byte where the word opening the page starts */
} ac_pagebreak;

/* Every page of the body in order. */
typedef struct {
	ac_pagebreak *items;
	size_t count;
} ac_pagebreaks;

#endif
