/* tags.h - the tag index: every tag, alphabetically, with its articles. */
#ifndef AC_TAGS_H
#define AC_TAGS_H

#include "book.h"

typedef struct {
	char *name;
	char *id;   /* "tag-SLUG", unique */
	char *href; /* "#tag-SLUG" */
	ac_article **articles; /* in book order */
	size_t count;
} ac_tag;

typedef struct {
	ac_tag *tags;
	size_t count;
} ac_tag_index;

/* Builds the index from the articles in book order; free with ac_tags_free. */
ac_tag_index *ac_tags_new(const ac_book *b);
void ac_tags_free(ac_tag_index *t);
/* The entry for a tag name; borrowed, NULL if absent. */
const ac_tag *ac_tags_lookup(const ac_tag_index *t, const char *name);

#endif
