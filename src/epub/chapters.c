/* chapters.c - the EPUB's chapter pages written while the handbook is laid
 * out: each as soon as its print pages are known, on a thread of its own,
 * and its tree freed then (a long book's trees need not all wait for the
 * end of the layout). */
#include "internal.h"

#include "../base/parallel.h"
#include "../book/tags.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct ac_epub_chapters {
	const ac_book *b;
	const ac_terms *terms;
	ac_tag_index *tags;
	ac_buf *pages;            /* the chapter pages, by book order */
	ac_pagebreaks *breaks;    /* each article's page breaks, as given */
	bool *given;
	bool closed;              /* nothing more will be given */
	pthread_mutex_t lock;
	pthread_cond_t more;
	pthread_t th;
	bool threaded;
	size_t next;              /* the next chapter to write */
};

/* Writes chapter i: its page-break markers put in, the index anchors no
 * locator can use taken out, the page made; then its tree freed. */
static void write_one(ac_epub_chapters *c, size_t i)
{
	ac_article *a = c->b->seq[i]; /* seq holds the book's own articles */
	ac_pagebreaks *pb = &c->breaks[i];
	epub_mark_article(c->b, pb, i);
	ac_terms_prune(c->terms, a, i);
	epub_chapter(c->b, c->tags, i, pb, &c->pages[i]);
	ac_buf_shrink(&c->pages[i]); /* kept until the EPUB is put together */
	xmlFreeDoc(a->doc);
	a->doc = NULL;
	/* The places were in the freed tree. */
	for (size_t k = 0; k < pb->count; k++)
		pb->items[k].node = NULL;
}

static void *worker(void *arg)
{
	ac_epub_chapters *c = arg;
	for (;;) {
		pthread_mutex_lock(&c->lock);
		while (c->next < c->b->nseq && !c->given[c->next] && !c->closed)
			pthread_cond_wait(&c->more, &c->lock);
		size_t i = c->next;
		bool done = i >= c->b->nseq || !c->given[i];
		pthread_mutex_unlock(&c->lock);
		if (done)
			break;
		write_one(c, i);
		c->next++; /* only this thread writes it after the start */
	}
	return NULL;
}

ac_epub_chapters *ac_epub_chapters_start(const ac_book *b, const ac_terms *terms)
{
	ac_epub_chapters *c = ac_xcalloc(1, sizeof *c);
	c->b = b;
	c->terms = terms;
	c->tags = ac_tags_new(b);
	size_t n = b->nseq + 1;
	c->pages = ac_xcalloc(n, sizeof *c->pages);
	c->breaks = ac_xcalloc(n, sizeof *c->breaks);
	c->given = ac_xcalloc(n, sizeof *c->given);
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->more, NULL);
	c->threaded = ac_thread_start(&c->th, worker, c);
	return c;
}

void ac_epub_chapters_give(ac_epub_chapters *c, size_t i, const ac_pagebreak *items, size_t n)
{
	if (i >= c->b->nseq)
		return;
	ac_pagebreaks *pb = &c->breaks[i];
	pb->items = ac_xcalloc(n + 1, sizeof *pb->items);
	memcpy(pb->items, items, n * sizeof *items);
	pb->count = n;
	if (!c->threaded) {
		/* No thread: written here, in order. */
		c->given[i] = true;
		while (c->next < c->b->nseq && c->given[c->next])
			write_one(c, c->next++);
		return;
	}
	pthread_mutex_lock(&c->lock);
	c->given[i] = true;
	pthread_cond_signal(&c->more);
	pthread_mutex_unlock(&c->lock);
}

void ac_epub_chapters_finish(ac_epub_chapters *c)
{
	if (c->threaded) {
		ac_thread_stop(c->th, &c->lock, &c->more, &c->closed);
		c->threaded = false;
	}
	/* A chapter the layout never gave (none should be): written without
	 * page-break markers, nothing lost. */
	for (; c->next < c->b->nseq; c->next++)
		write_one(c, c->next);
}

void epub_chapters_take(ac_epub_chapters *c, size_t i, ac_buf *out)
{
	ac_buf_free(out);
	*out = c->pages[i];
	memset(&c->pages[i], 0, sizeof c->pages[i]);
}

void ac_epub_chapters_free(ac_epub_chapters *c)
{
	if (!c)
		return;
	if (c->threaded)
		ac_epub_chapters_finish(c);
	for (size_t i = 0; i < c->b->nseq; i++) {
		ac_buf_free(&c->pages[i]);
		free(c->breaks[i].items);
	}
	free(c->pages);
	free(c->breaks);
	free(c->given);
	ac_tags_free(c->tags);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->more);
	free(c);
}
