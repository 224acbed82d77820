/* links.c - converting the whole book: articles, unique ids, links between them. */
#include "doc.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/parallel.h"

#include <libxml/parser.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *anchor_lookup(const ac_article *a, const char *anchor)
{
	return ac_strmap_get(&a->anchors, anchor);
}

/* The article a link names: "NAME.md" (or another Markdown extension) by
 * its file name, and an mdBook link "NAME.html" by the name without its
 * extension. Borrowed; NULL when there is none. */
static ac_article *linked_article(const ac_book *b, const char *file)
{
	size_t n = strlen(file);
	if (n > 5 && !strcmp(file + n - 5, ".html"))
		return ac_book_article_by_stem(b, file, n - 5);
	return ac_book_article_by_file(b, file);
}

/* Replaces element n by its children (the link text stays, the link goes). */
static void unwrap(xmlNodePtr n)
{
	xmlNodePtr child = n->children;
	while (child) {
		xmlNodePtr next = child->next;
		xmlUnlinkNode(child);
		xmlAddPrevSibling(n, child);
		child = next;
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static int prop_line(xmlNodePtr n)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "data-ac-line");
	int line = v ? atoi((const char *)v) : 0;
	xmlFree(v);
	return line;
}

static void resolve_link(ac_book *b, ac_article *a, xmlNodePtr n, ac_diags *d)
{
	xmlChar *target = xmlGetProp(n, BAD_CAST "data-ac-link");
	xmlChar *href = xmlGetProp(n, BAD_CAST "href");
	int line = prop_line(n);
	xmlUnsetProp(n, BAD_CAST "data-ac-line");
	xmlUnsetProp(n, BAD_CAST "data-ac-link");
	if (target) {
		char *file = ac_xstrdup((const char *)target);
		char *frag = strchr(file, '#');
		if (frag)
			*frag++ = '\0';
		ac_article *t = linked_article(b, file);
		if (!t) {
			ac_warn(d, a->path, line, "link to '%s': no such article; kept as plain text",
				(const char *)target);
			unwrap(n);
		} else {
			const char *id = frag && *frag ? anchor_lookup(t, frag) : NULL;
			if (frag && *frag && !id)
				ac_warn(d, a->path, line,
					"link to '%s': %s has no heading or anchor '%s'; linking to the article",
					(const char *)target, file, frag);
			char *chapter = ac_chapter_file(t);
			char *url = id ? ac_xasprintf("%s#%s", chapter, id) : ac_xstrdup(chapter);
			xmlSetProp(n, BAD_CAST "href", BAD_CAST url);
			free(url);
			free(chapter);
		}
		free(file);
	} else if (href && href[0] == '#') {
		const char *id = anchor_lookup(a, (const char *)href + 1);
		if (!id) {
			ac_warn(d, a->path, line, "link to '%s': no such heading or anchor in this article; kept as plain text",
				(const char *)href);
			unwrap(n);
		} else {
			char *url = ac_xasprintf("#%s", id);
			xmlSetProp(n, BAD_CAST "href", BAD_CAST url);
			free(url);
		}
	}
	xmlFree(target);
	xmlFree(href);
}

static void walk_links(ac_book *b, ac_article *a, xmlNodePtr n, ac_diags *d)
{
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_ELEMENT_NODE) {
			walk_links(b, a, n->children, d);
			if (!strcmp((const char *)n->name, "a"))
				resolve_link(b, a, n, d);
		}
		n = next;
	}
}

void ac_doc_resolve_links(ac_book *b, ac_diags *d)
{
	for (size_t i = 0; i < b->narticles; i++) {
		ac_article *a = &b->articles[i];
		if (a->doc)
			walk_links(b, a, xmlDocGetRootElement(a->doc), d);
	}
}

/* Image files become EPUB entries, whose names must differ otherwise than by
 * letter case or Unicode normalisation (OCF); they are also one name to
 * readers and to other systems' folders. */
static void check_image_names(const ac_book *b, ac_diags *d)
{
	ac_strmap keys = AC_STRMAP_INIT;
	for (size_t i = 0; i < b->narticles; i++) {
		const ac_article *a = &b->articles[i];
		for (size_t k = 0; k < a->nimages; k++) {
			const ac_image *im = &a->images[k];
			const char *other = ac_name_clash(&keys, im->book_path, im->book_path);
			if (other && strcmp(other, im->book_path) != 0)
				ac_error(d, a->path, im->line,
					 "image '%s': its name differs from '%s' only by letter case "
					 "or Unicode normalisation; rename one of them",
					 im->book_path, other);
		}
	}
	ac_strmap_free(&keys);
}

/* The articles handed out to the converting threads. */
typedef struct {
	const ac_book *b;
	ac_id_claims **claims; /* per article */
	ac_diags *diags;       /* per article */
} convert_job;

static void convert_one(void *ctx, size_t i)
{
	convert_job *j = ctx;
	j->claims[i] = ac_doc_convert(j->b, &j->b->articles[i], &j->diags[i]);
}

void ac_doc_convert_book(ac_book *b, ac_diags *d)
{
	size_t n = b->narticles;
	/* What the articles need of each other (unique ids, links between
	 * them) is settled after they are converted, one at a time; the
	 * conversions themselves are independent and run on several threads.
	 * Library state they share is set up before the threads start. */
	ac_doc_setup();
	convert_job job = {b, ac_xcalloc(n, sizeof *job.claims), ac_xcalloc(n, sizeof *job.diags)};
	for (size_t i = 0; i < n; i++)
		ac_diags_init(&job.diags[i]);
	/* A book of one or two articles is not worth a thread. */
	ac_parallel_for(n, 3, convert_one, &job);

	ac_idset ids = {0};
	/* Chapter headings are "ch-SLUG"; no body id may take those names. */
	for (size_t i = 0; i < n; i++) {
		char *base = ac_xasprintf("ch-%s", b->articles[i].slug);
		free(ac_idset_claim(&ids, base));
		free(base);
	}
	/* File-name order, not book order, so that ids do not change with
	 * --order; diagnostics in the same order as well. */
	for (size_t i = 0; i < n; i++) {
		ac_doc_claim_ids(&b->articles[i], job.claims[i], &ids);
		ac_diags_move(d, &job.diags[i]);
	}
	free(job.claims);
	free(job.diags);
	ac_doc_resolve_links(b, d);
	check_image_names(b, d);
	ac_idset_free(&ids);
}
