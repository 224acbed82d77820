/* internal.h - what the EPUB writer's files share: entries and page builders. */
#ifndef AC_EPUB_INTERNAL_H
#define AC_EPUB_INTERNAL_H

#include "../base/buf.h"
#include "../book/book.h"
#include "../doc/terms.h"
#include "epub.h"
#include "../book/tags.h"
#include "../doc/pagebreaks.h"

#include <libxml/tree.h>

#include <stdbool.h>

/* One file of the container. */
typedef struct {
	char *path; /* inside the zip, e.g. "EPUB/text/raft.xhtml" */
	char *id;   /* manifest id; NULL for files outside the manifest */
	const char *media_type;
	const char *properties; /* manifest properties or NULL */
	bool spine;
	ac_buf data;
} epub_entry;

typedef struct {
	epub_entry *items;
	size_t count;
	size_t cap;
} epub_entries;

epub_entry *epub_add(epub_entries *e, const char *path, const char *id,
		     const char *media_type);

/* XHTML pages; each writes a complete document into out. href paths are
 * relative to the EPUB/ folder for pages at its top, and to EPUB/text/ for
 * chapters. */
void epub_chapter(const ac_book *b, const ac_tag_index *tags, size_t article,
		  const ac_pagebreaks *pb, ac_buf *out);
void epub_title_page(const ac_book *b, ac_buf *out);
void epub_cover_page(const ac_book *b, ac_buf *out);
void epub_part_page(const ac_book *b, size_t part, const ac_pagebreaks *pb, ac_buf *out);
void epub_tags_page(const ac_book *b, const ac_tag_index *tags, ac_buf *out);
/* The index of terms, settled (terms.h). */
void epub_terms_page(const ac_book *b, const ac_terms *terms, ac_buf *out);
/* terms: the book has an index of terms (index.xhtml). */
void epub_nav(const ac_book *b, const ac_pagebreaks *pb, bool terms, ac_buf *out);

/* pagelist.c: the print edition's pages (pb may be NULL: none). */
/* A page-break marker for the page labelled label, in doc. */
xmlNodePtr epub_pagebreak_new(xmlDocPtr doc, xmlNsPtr ns, xmlNsPtr epub, const char *label);
/* The marker's address from EPUB/ ("text/raft.xhtml#page-12"); caller frees. */
char *epub_pagebreak_href(const ac_book *b, const ac_pagebreak *e);
/* Puts the markers of the pages that begin in the text of b->seq[article]
 * into its tree, before the word that opens each; moves the places after a
 * split text node in pb along. */
void epub_mark_article(const ac_book *b, ac_pagebreaks *pb, size_t article);

/* Copies each endnote of chapter section sec that something in it refers
 * to into an <aside epub:type="footnote"> (namespaces ns and epub) after
 * the chapter's block holding its first reference; the note's id moves to
 * the aside, which its references then point at (notes.c). */
void epub_footnote_asides(xmlNodePtr sec, xmlNsPtr ns, xmlNsPtr epub);

/* chapters.c: moves chapter i's page (finished) into out. */
void epub_chapters_take(ac_epub_chapters *c, size_t i, ac_buf *out);

/* The package document and the NCX. */
void epub_opf(const ac_book *b, const ac_tag_index *tags, const epub_entries *e,
	      bool has_images, bool page_list, ac_buf *out);
void epub_ncx(const ac_book *b, bool terms, ac_buf *out);

/* A path as a URL: every byte but letters, digits, "-._~/" percent-encoded;
 * caller frees. */
char *epub_url_encode(const char *path);

/* Where the EPUB keeps an image, relative to EPUB/: "media/" and its book
 * path when that needs no escaping in a URL (ASCII letters, digits, "-._~/");
 * else "media/DIR/STEM-HASH.EXT", the folders and the stem slugified and HASH
 * from the whole book path, so that the names stay apart and the container
 * holds no space, '#', '?', quote or other character OCF or URLs refuse.
 * Caller frees. */
char *epub_media_path(const char *book_path);

/* The modification time as "YYYY-MM-DDThh:mm:ssZ" from b->epoch. */
void epub_timestamp(const ac_book *b, char out[21]);

#endif
