/* doc.h - Markdown to the XHTML document model, and links between articles. */
#ifndef AC_DOC_H
#define AC_DOC_H

#include "../book/book.h"
#include "ids.h"

#define AC_XHTML_NS "http://www.w3.org/1999/xhtml"
#define AC_EPUB_NS "http://www.idpf.org/2007/ops"

/* The ids an article's conversion asks for, in the order it asks. */
typedef struct ac_id_claims ac_id_claims;

/* Converts a->body into a->doc: an <article> element in the XHTML namespace
 * holding the article's content, filtered by the HTML allowlist and
 * repaired to the EPUB content models (repair.h), with figures, EPUB
 * footnotes and resolved images. Cross-article links are
 * marked for ac_doc_resolve_links. Each element's line field holds the file
 * line of the Markdown it came from (0 unknown, at most 65535). Problems go
 * to d. It changes nothing but a and d, so different articles may be
 * converted on different threads (after cmark-gfm's extensions and libxml2
 * are set up). The ids of headings and anchors are not given out yet: the
 * caller passes the result to ac_doc_claim_ids. */
ac_id_claims *ac_doc_convert(const ac_book *b, ac_article *a, ac_diags *d);

/* Sets up the libraries' shared state, once however often it is called (do
 * it before other threads use libxml2):
 * libxml2 initialised, with an external entity loader that refuses every
 * request and a nesting limit of AC_XML_MAX_DEPTH (instead of lifting all its
 * limits with XML_PARSE_HUGE); cmark-gfm's extensions registered. */
#define AC_XML_MAX_DEPTH 1024
void ac_doc_setup(void);

/* Gives out the ids claims asked for, in that order, from ids: sets them on
 * the elements, in a->headings and in a->anchors. Frees claims. */
void ac_doc_claim_ids(ac_article *a, ac_id_claims *claims, ac_idset *ids);

/* After every article is converted: points links to other articles at
 * "SLUG.xhtml#ID", links inside the article at "#ID"; warns about targets that
 * do not exist and turns those links into plain text. */
void ac_doc_resolve_links(ac_book *b, ac_diags *d);

/* Converts every article of the book (on several threads when there are
 * several articles and processors) and resolves links. Ids are given out in
 * file-name order whatever the threads do, so the output is always the same. */
void ac_doc_convert_book(ac_book *b, ac_diags *d);

#endif
