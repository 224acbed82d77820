/* parse.c - Markdown to HTML with cmark-gfm: pathological input defused,
 * deep nesting flattened, raw HTML marked with its source lines, other
 * tools' dialects read (dialects.c). */
#define _GNU_SOURCE /* memmem */
#include "parse.h"

#include "dialects.h"

#include "../base/buf.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Raw HTML carries no source position through the HTML renderer, so each
 * piece gets a marker element telling the converter its line. */
static void mark_raw_html_lines(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER ||
		    (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
			continue;
		int line = cmark_node_get_start_line(n);
		if (line <= 0 && cmark_node_parent(n))
			line = cmark_node_get_start_line(cmark_node_parent(n));
		const char *lit = cmark_node_get_literal(n);
		/* Block markers also tell where the Markdown after an unclosed
		 * element starts (convert_swallowed). */
		char *marked = ac_xasprintf("<ac-line data-n=\"%d\"%s></ac-line>%s", line,
					    t == CMARK_NODE_HTML_BLOCK ? " data-block=\"1\"" : "",
					    lit ? lit : "");
		cmark_node_set_literal(n, marked);
		free(marked);
	}
	cmark_iter_free(it);
}

/* cmark-gfm 0.29 keeps the table of characters that start inlines in a
 * global, which each parser switches its extensions' characters on in and
 * off again while it parses inlines (cmark_parser_finish, and table rows
 * in cmark_parser_feed): parsers on two threads would switch them under each
 * other's feet, so only one parses at a time. Rendering is safe. */
static pthread_mutex_t cmark_parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* Deeper Markdown than this (quotes in quotes, lists in lists, emphasis in
 * emphasis) is flattened in cmark's tree before it is rendered, so that the
 * HTML stays well inside libxml2's nesting limit (256 elements) without
 * XML_PARSE_HUGE. Nothing is lost: the converter sets everything past
 * MAX_DEPTH at that depth anyway. Each cmark node renders as at most two
 * elements. */
#define MAX_MD_DEPTH 100

/* Whether n's children can take n's place: quotes (their children are
 * blocks, as their parent takes), inline containers, and lists, whose items
 * give up their blocks. */
static bool unwrappable(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
		return true;
	default: {
		const char *t = cmark_node_get_type_string(n);
		return t && !strcmp(t, "strikethrough");
	}
	}
}

/* Moves n's children in front of it, in order, and frees n. Returns the
 * first node moved, or what followed n. */
static cmark_node *unwrap(cmark_node *n)
{
	bool list = cmark_node_get_type(n) == CMARK_NODE_LIST;
	cmark_node *first = NULL, *c;
	/* Paragraphs moved into an item of a tight list would lose their <p>
	 * and run together: that list becomes loose. */
	if (list || cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE)
		for (cmark_node *up = cmark_node_parent(n); up; up = cmark_node_parent(up))
			if (cmark_node_get_type(up) == CMARK_NODE_LIST) {
				cmark_node_set_list_tight(up, 0);
				break;
			}
	while ((c = cmark_node_first_child(n))) {
		cmark_node *m = list ? cmark_node_first_child(c) : c;
		if (!m) {
			cmark_node_free(c); /* an item given up all its blocks */
			continue;
		}
		if (!cmark_node_insert_before(n, m))
			return first ? first : cmark_node_next(n); /* n stays as it is */
		if (!first)
			first = m;
	}
	cmark_node *next = first ? first : cmark_node_next(n);
	cmark_node_free(n);
	return next;
}

/* Flattens containers nested deeper than MAX_MD_DEPTH, walking the tree
 * without recursion (hostile input nests thousands deep). */
static void cap_depth(cmark_node *doc)
{
	cmark_node *n = cmark_node_first_child(doc);
	int depth = 1;
	while (n) {
		if (depth > MAX_MD_DEPTH && cmark_node_first_child(n) && unwrappable(n)) {
			cmark_node *parent = cmark_node_parent(n);
			cmark_node *next = unwrap(n);
			if (next) {
				n = next;
				continue;
			}
			n = parent;
			depth--;
		} else if (cmark_node_first_child(n)) {
			n = cmark_node_first_child(n);
			depth++;
			continue;
		}
		while (n && n != doc && !cmark_node_next(n)) {
			n = cmark_node_parent(n);
			depth--;
		}
		n = n && n != doc ? cmark_node_next(n) : NULL;
	}
}

cmark_node *ac_cmark_parse(const char *text, int opts, const char *const *exts, size_t nexts,
			   cmark_parser **parser)
{
	pthread_mutex_lock(&cmark_parse_lock);
	cmark_parser *p = cmark_parser_new(opts);
	for (size_t i = 0; i < nexts; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text, strlen(text));
	cmark_node *doc = cmark_parser_finish(p);
	pthread_mutex_unlock(&cmark_parse_lock);
	*parser = p;
	return doc;
}

static char *render_markdown(const char *body, const ac_article *a, ac_diags *d)
{
	int opts = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES |
		   CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;
	static const char *const exts[] = {"table", "strikethrough", "autolink", "tasklist"};
	cmark_parser *p;
	cmark_node *doc = ac_cmark_parse(body, opts, exts, sizeof exts / sizeof *exts, &p);
	ac_dialects_apply(doc, a, d);
	mark_raw_html_lines(doc);
	cap_depth(doc);
	char *html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

/* Document-level tags in raw HTML (<html>, <head>, <body> and their ends)
 * would end the article early in the HTML parser: they are removed. Text that
 * cmark escaped never matches, so only raw HTML is touched. */
static void drop_document_tags(char *html)
{
	static const char *const names[] = {"html", "head", "body"};
	char *w = html;
	for (char *r = html; *r;) {
		if (*r == '<') {
			char *p = r + 1;
			if (*p == '/')
				p++;
			bool hit = false;
			for (size_t i = 0; i < 3 && !hit; i++) {
				size_t n = strlen(names[i]);
				if (!strncasecmp(p, names[i], n) &&
				    (p[n] == '>' || p[n] == ' ' || p[n] == '\t' || p[n] == '\n' || p[n] == '/'))
					hit = true;
			}
			if (hit) {
				char *end = strchr(p, '>');
				if (end) {
					r = end + 1;
					continue;
				}
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

#define MAX_TABLE_PIPES 2000
#define MAX_HTML_OPENS 1000

/* cmark-gfm 0.29's table extension takes quadratic time in the number of cells
 * of a row: a line with more than MAX_TABLE_PIPES pipes has them escaped, so
 * that it is set as text, with a warning. Returns a new body or NULL. */
static char *defuse_pathological(ac_article *a, ac_diags *d)
{
	const char *s = a->body;
	ac_buf out = AC_BUF_INIT;
	bool changed = false;
	int line = a->body_line;
	/* Its inline parser also rescans to the end for each unclosed "<?" or
	 * "<![" (processing instructions, CDATA): past a thousand of them, they
	 * are written as text. */
	size_t opens = 0;
	const char *end = s + strlen(s);
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), "<?", 2)); p += 2)
		opens++;
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), "<![", 3)); p += 3)
		opens++;
	bool escape_opens = opens > MAX_HTML_OPENS;
	if (escape_opens)
		ac_warn(d, a->path, a->body_line,
			"%zu '<?' and '<![' sequences are set as text, not parsed as HTML", opens);
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t n = eol ? (size_t)(eol - s + 1) : strlen(s);
		size_t pipes = 0;
		for (size_t i = 0; i < n; i++)
			pipes += s[i] == '|';
		if (pipes > MAX_TABLE_PIPES) {
			ac_warn(d, a->path, line,
				"a table row of %zu columns is set as text (at most %d are laid out as a table)",
				pipes, MAX_TABLE_PIPES);
			for (size_t i = 0; i < n; i++) {
				if (s[i] == '|' && (i == 0 || s[i - 1] != '\\'))
					ac_buf_addc(&out, '\\');
				ac_buf_addc(&out, s[i]);
			}
			changed = true;
		} else if (escape_opens) {
			for (size_t i = 0; i < n; i++) {
				if (s[i] == '<' && i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '!')) {
					ac_buf_adds(&out, "&lt;");
					changed = true;
				} else {
					ac_buf_addc(&out, s[i]);
				}
			}
		} else {
			ac_buf_add(&out, s, n);
		}
		s += n;
		line++;
	}
	if (!changed) {
		ac_buf_free(&out);
		return NULL;
	}
	return ac_buf_detach(&out);
}

char *ac_markdown_to_html(ac_article *a, ac_diags *d)
{
	char *defused = defuse_pathological(a, d);
	char *html = render_markdown(defused ? defused : a->body, a, d);
	free(defused);
	drop_document_tags(html);
	return html;
}
