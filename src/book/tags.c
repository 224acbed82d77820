/* tags.c - builds the tag index shared by the EPUB tag page and the PDF index. */
#include "tags.h"

#include "../base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int cmp_tag(const void *a, const void *b)
{
	const ac_tag *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

ac_tag_index *ac_tags_new(const ac_book *b)
{
	ac_tag_index *t = ac_xcalloc(1, sizeof *t);
	size_t cap = 0;
	for (size_t i = 0; i < b->nseq; i++) {
		ac_article *a = b->seq[i];
		for (size_t k = 0; k < a->ntags; k++) {
			ac_tag *tag = NULL;
			for (size_t j = 0; j < t->count; j++)
				if (!strcmp(t->tags[j].name, a->tags[k]))
					tag = &t->tags[j];
			if (!tag) {
				if (t->count == cap) {
					cap = cap ? cap * 2 : 16;
					t->tags = ac_xrealloc(t->tags, cap * sizeof *t->tags);
				}
				tag = &t->tags[t->count++];
				memset(tag, 0, sizeof *tag);
				tag->name = ac_xstrdup(a->tags[k]);
				tag->articles = ac_xcalloc(b->nseq, sizeof *tag->articles);
			}
			/* A tag listed twice in one article counts once. */
			if (!tag->count || tag->articles[tag->count - 1] != a)
				tag->articles[tag->count++] = a;
		}
	}
	if (t->count)
		qsort(t->tags, t->count, sizeof *t->tags, cmp_tag);
	for (size_t i = 0; i < t->count; i++) {
		char *slug = ac_slugify(t->tags[i].name);
		char *id = ac_xasprintf("tag-%s", *slug ? slug : "x");
		for (int n = 2;; n++) {
			bool taken = false;
			for (size_t j = 0; j < i; j++)
				taken |= !strcmp(t->tags[j].id, id);
			if (!taken)
				break;
			free(id);
			id = ac_xasprintf("tag-%s-%d", *slug ? slug : "x", n);
		}
		t->tags[i].id = id;
		t->tags[i].href = ac_xasprintf("#%s", id);
		free(slug);
	}
	return t;
}

void ac_tags_free(ac_tag_index *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->count; i++) {
		free(t->tags[i].name);
		free(t->tags[i].id);
		free(t->tags[i].href);
		free(t->tags[i].articles);
	}
	free(t->tags);
	free(t);
}

const ac_tag *ac_tags_lookup(const ac_tag_index *t, const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (!strcmp(t->tags[i].name, name))
			return &t->tags[i];
	return NULL;
}
