/* parse.h - an article's Markdown to HTML with cmark-gfm, bounded against its
 * slow cases, for the converter (markdown.c) to read into the XHTML tree. */
#ifndef AC_PARSE_H
#define AC_PARSE_H

#include "../book/book.h"

#include <cmark-gfm.h>

/* Renders a->body as HTML (GFM tables, strikethrough, autolinks, task lists,
 * footnotes; smart punctuation; raw HTML kept). Every raw HTML piece is
 * preceded by <ac-line data-n="LINE"> (with data-block="1" for HTML blocks),
 * LINE counted from the body's first line, and block elements carry
 * data-sourcepos; document tags (<html>, <head>, <body>) in raw HTML are
 * removed. Input cmark-gfm 0.29 handles in quadratic time is defused first,
 * with a warning in d; Markdown nested deeper than 100 levels is flattened.
 * Safe on several threads at once (parsing itself is serialised). Caller
 * frees. */
char *ac_markdown_to_html(ac_article *a, ac_diags *d);

/* Parses text with cmark-gfm and the syntax extensions named in exts, one
 * parser at a time (cmark-gfm 0.29 is not safe otherwise: parse.c). Returns
 * the tree; *parser renders it with those extensions, and is freed with
 * cmark_parser_free after the tree. */
cmark_node *ac_cmark_parse(const char *text, int opts, const char *const *exts, size_t nexts,
			   cmark_parser **parser);

#endif
