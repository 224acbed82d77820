/* order.c - puts the articles in book order: by date, or in parts by topic. */
#include "book.h"

#include "../base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* Date order: oldest first; ties by title (case-insensitive, then exact),
 * then slug. With reverse, newest first and ties as before. */
static int cmp_date_dir(const ac_article *x, const ac_article *y, int dir)
{
	int c = strcmp(x->date, y->date);
	if (c)
		return dir * c;
	c = strcasecmp(x->title, y->title);
	if (c)
		return c;
	c = strcmp(x->title, y->title);
	if (c)
		return c;
	return strcmp(x->slug, y->slug);
}

static int cmp_fwd(const void *a, const void *b)
{
	return cmp_date_dir(*(ac_article *const *)a, *(ac_article *const *)b, 1);
}

static int cmp_rev(const void *a, const void *b)
{
	return cmp_date_dir(*(ac_article *const *)a, *(ac_article *const *)b, -1);
}

static int cmp_str(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = strcasecmp(x, y);
	return c ? c : strcmp(x, y);
}

static void clear_parts(ac_book *b)
{
	for (size_t i = 0; i < b->nparts; i++) {
		free(b->parts[i].name);
		free(b->parts[i].slug);
		free(b->parts[i].articles);
	}
	free(b->parts);
	b->parts = NULL;
	b->nparts = 0;
}

void ac_book_order(ac_book *b, ac_order order, bool reverse)
{
	free(b->seq);
	clear_parts(b);
	b->seq = ac_xcalloc(b->narticles, sizeof *b->seq);
	b->nseq = b->narticles;
	for (size_t i = 0; i < b->narticles; i++)
		b->seq[i] = &b->articles[i];
	qsort(b->seq, b->nseq, sizeof *b->seq, reverse ? cmp_rev : cmp_fwd);
	if (order != AC_ORDER_TOPIC)
		return;

	/* Part names: the listed topics that have articles, in the listed order,
	 * then every other topic alphabetically. */
	char **names = ac_xcalloc(b->ntopics + b->nseq + 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < b->ntopics; i++) {
		bool used = false, dup = false;
		for (size_t j = 0; j < b->nseq; j++)
			used |= !strcmp(b->seq[j]->topic, b->topics[i]);
		for (size_t j = 0; j < n; j++)
			dup |= !strcmp(names[j], b->topics[i]);
		if (used && !dup)
			names[n++] = b->topics[i];
	}
	size_t listed = n;
	for (size_t j = 0; j < b->nseq; j++) {
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= !strcmp(names[k], b->seq[j]->topic);
		if (!seen)
			names[n++] = b->seq[j]->topic;
	}
	qsort(names + listed, n - listed, sizeof *names, cmp_str);

	b->parts = ac_xcalloc(n ? n : 1, sizeof *b->parts);
	b->nparts = n;
	ac_article **flat = ac_xcalloc(b->nseq ? b->nseq : 1, sizeof *flat);
	size_t f = 0;
	for (size_t i = 0; i < n; i++) {
		ac_part *p = &b->parts[i];
		p->name = ac_xstrdup(names[i]);
		p->slug = ac_xasprintf("part-%zu", i + 1);
		p->articles = ac_xcalloc(b->nseq ? b->nseq : 1, sizeof *p->articles);
		for (size_t j = 0; j < b->nseq; j++)
			if (!strcmp(b->seq[j]->topic, names[i])) {
				p->articles[p->count++] = b->seq[j];
				flat[f++] = b->seq[j];
			}
	}
	free(names);
	free(b->seq);
	b->seq = flat;
}
