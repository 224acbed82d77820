/* dialects.c - GitHub's alerts and mdBook's listings read into cmark's
 * tree (dialects.h). */
#include "dialects.h"

#include "parse.h"

#include "../base/buf.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The nodes of doc of one type, in document order: found first, changed
 * after, since cmark's iterator cannot walk a changing tree. */
static cmark_node **nodes_of(cmark_node *doc, cmark_node_type type, size_t *n)
{
	cmark_node **found = NULL;
	size_t cap = 0;
	*n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != type)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			found = ac_xrealloc(found, cap * sizeof *found);
		}
		found[(*n)++] = node;
	}
	cmark_iter_free(it);
	return found;
}

/* ---- GitHub's alerts ---- */

static const char *const alert_kinds[][2] = {{"note", "Note"},
					     {"tip", "Tip"},
					     {"important", "Important"},
					     {"warning", "Warning"},
					     {"caution", "Caution"}};
#define NALERT_KINDS (sizeof alert_kinds / sizeof *alert_kinds)

/* The kind of alert quote q opens, or -1. *after is the node ending the
 * marker's line in the first paragraph (NULL: the marker is all of it). */
static int alert_kind(cmark_node *q, cmark_node **after)
{
	cmark_node *p = cmark_node_first_child(q);
	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return -1;
	/* cmark keeps "[", "!NOTE" and "]" as text nodes of their own. */
	char line[16];
	size_t len = 0;
	cmark_node *n = cmark_node_first_child(p);
	for (; n && cmark_node_get_type(n) == CMARK_NODE_TEXT; n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_literal(n);
		size_t l = lit ? strlen(lit) : 0;
		if (len + l >= sizeof line)
			return -1;
		if (l)
			memcpy(line + len, lit, l);
		len += l;
	}
	line[len] = '\0';
	if (n && cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(n) != CMARK_NODE_LINEBREAK)
		return -1;
	if (!n && !cmark_node_next(p))
		return -1; /* the marker and nothing else */
	*after = n;
	for (size_t k = 0; k < NALERT_KINDS; k++) {
		char marker[16];
		snprintf(marker, sizeof marker, "[!%s]", alert_kinds[k][0]);
		if (!strcasecmp(line, marker))
			return (int)k;
	}
	return -1;
}

/* Makes alert quote q of kind k a custom block rendered as GitHub's alert. */
static void make_alert(cmark_node *q, int k, cmark_node *after)
{
	cmark_node *box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	if (!cmark_node_insert_before(q, box)) {
		cmark_node_free(box); /* where no block may go: left a quote */
		return;
	}
	char *enter = ac_xasprintf("<div class=\"markdown-alert markdown-alert-%s\">"
				   "<p class=\"markdown-alert-title\">%s</p>\n",
				   alert_kinds[k][0], alert_kinds[k][1]);
	cmark_node_set_on_enter(box, enter);
	cmark_node_set_on_exit(box, "</div>\n");
	free(enter);
	/* The marker's line goes: its text and the break ending it. */
	cmark_node *p = cmark_node_first_child(q);
	cmark_node *n = cmark_node_first_child(p);
	while (n && n != after) {
		cmark_node *next = cmark_node_next(n);
		cmark_node_free(n);
		n = next;
	}
	if (after)
		cmark_node_free(after);
	if (!cmark_node_first_child(p))
		cmark_node_free(p);
	cmark_node *c;
	while ((c = cmark_node_first_child(q)) && cmark_node_append_child(box, c))
		;
	/* A custom block takes any block; one refused would stay in the quote,
	 * after the alert. */
	if (!cmark_node_first_child(q))
		cmark_node_free(q);
}

static void make_alerts(cmark_node *doc)
{
	size_t n;
	cmark_node **quotes = nodes_of(doc, CMARK_NODE_BLOCK_QUOTE, &n);
	for (size_t i = 0; i < n; i++) {
		cmark_node *after = NULL;
		int k = alert_kind(quotes[i], &after);
		if (k >= 0)
			make_alert(quotes[i], k, after);
	}
	free(quotes);
}

/* ---- mdBook's listings ---- */

/* Where the start tag that opens s ends (just past its '>'), quotes
 * respected, or NULL. */
static const char *tag_end(const char *s)
{
	char quote = 0;
	for (const char *p = s; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return NULL;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

typedef struct {
	char *number, *file_name, *caption; /* NULL when the tag has none */
} listing;

/* Attribute name of n, or NULL when it is missing or empty; free it with
 * free. */
static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *copy = v && *v ? ac_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return copy;
}

/* Whether the HTML block text is one <Listing …> start tag and nothing
 * else; its attributes, read by libxml2's HTML parser, go into *l. */
static bool listing_open(const char *text, listing *l)
{
	if (!text)
		return false;
	while (isspace((unsigned char)*text))
		text++;
	if (strncasecmp(text, "<listing", 8) || (!isspace((unsigned char)text[8]) && text[8] != '>'))
		return false;
	const char *end = tag_end(text);
	if (!end || !blank(end))
		return false;
	ac_buf html = AC_BUF_INIT;
	ac_buf_add(&html, text, (size_t)(end - text));
	ac_buf_adds(&html, "</listing>");
	htmlDocPtr doc = htmlReadMemory(html.ptr, (int)html.len, NULL, "utf-8",
					HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	ac_buf_free(&html);
	xmlNodePtr n = doc ? xmlDocGetRootElement(doc) : NULL;
	/* <html><body><listing>: the first element all the way down. */
	while (n && xmlStrcasecmp(n->name, BAD_CAST "listing")) {
		xmlNodePtr c = n->children;
		while (c && c->type != XML_ELEMENT_NODE)
			c = c->next;
		n = c;
	}
	bool ok = n != NULL;
	if (ok) {
		l->number = prop(n, "number");
		l->file_name = prop(n, "file-name");
		l->caption = prop(n, "caption");
	}
	xmlFreeDoc(doc);
	return ok;
}

static bool listing_close(const char *text)
{
	if (!text)
		return false;
	while (isspace((unsigned char)*text))
		text++;
	return !strncasecmp(text, "</listing>", 10) && blank(text + 10);
}

/* s with &, <, > and " written as entities (into out). */
static void add_escaped(ac_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			ac_buf_adds(out, "&amp;");
		else if (*s == '<')
			ac_buf_adds(out, "&lt;");
		else if (*s == '>')
			ac_buf_adds(out, "&gt;");
		else if (*s == '"')
			ac_buf_adds(out, "&quot;");
		else
			ac_buf_addc(out, *s);
	}
}

/* A caption longer than this is set as text: cmark's inline parser takes
 * quadratic time over some input, which the body is defused against
 * (parse.c) and a caption, read from an attribute, is not. */
#define MAX_CAPTION_BYTES 1000

/* The caption's Markdown as HTML, its paragraph's tags left out, if it is
 * one paragraph of at most MAX_CAPTION_BYTES holding no HTML comment,
 * declaration, CDATA or processing instruction; else false. */
static bool add_caption_markdown(ac_buf *out, const char *md)
{
	if (strlen(md) > MAX_CAPTION_BYTES || strstr(md, "<!") || strstr(md, "<?"))
		return false;
	int opts = CMARK_OPT_UNSAFE | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;
	/* The inline extensions the body has (parse.c). */
	static const char *const exts[] = {"strikethrough", "autolink"};
	cmark_parser *parser;
	cmark_node *doc = ac_cmark_parse(md, opts, exts, sizeof exts / sizeof *exts, &parser);
	cmark_node *p = doc ? cmark_node_first_child(doc) : NULL;
	bool one = p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH && !cmark_node_next(p);
	if (one) {
		char *html = cmark_render_html(p, opts, cmark_parser_get_syntax_extensions(parser));
		size_t len = strlen(html);
		while (len && isspace((unsigned char)html[len - 1]))
			len--;
		/* "<p>…</p>": the tags go. */
		if (len >= 7 && !strncmp(html, "<p>", 3) && !strncmp(html + len - 4, "</p>", 4))
			ac_buf_add(out, html + 3, len - 7);
		else
			one = false;
		free(html);
	}
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return one;
}

/* Where dialects report, and what they report about. */
typedef struct {
	const ac_article *a;
	ac_diags *d;
} ctx;

static void make_listing(const ctx *c, cmark_node *open, cmark_node *close, const listing *l)
{
	ac_buf b = AC_BUF_INIT;
	ac_buf_adds(&b, "<figure class=\"listing\"");
	if (l->number) {
		ac_buf_adds(&b, " id=\"listing-");
		add_escaped(&b, l->number);
		ac_buf_adds(&b, "\"");
	}
	ac_buf_adds(&b, ">\n");
	if (l->file_name) {
		ac_buf_adds(&b, "<p class=\"listing-file-name\">Filename: ");
		add_escaped(&b, l->file_name);
		ac_buf_adds(&b, "</p>\n");
	}
	cmark_node_set_literal(open, ac_buf_str(&b));
	b.len = 0;
	if (l->number || l->caption) {
		ac_buf_adds(&b, "<figcaption>");
		if (l->number) {
			ac_buf_adds(&b, "Listing ");
			add_escaped(&b, l->number);
			if (l->caption)
				ac_buf_adds(&b, ": ");
		}
		if (l->caption && !add_caption_markdown(&b, l->caption)) {
			add_escaped(&b, l->caption);
			ac_warn(c->d, c->a->path, c->a->body_line - 1 + cmark_node_get_start_line(open),
				"the caption of this <Listing> is set as text: it is not one paragraph "
				"of Markdown of at most %d bytes without <! or <?",
				MAX_CAPTION_BYTES);
		}
		ac_buf_adds(&b, "</figcaption>\n");
	}
	ac_buf_adds(&b, "</figure>\n");
	cmark_node_set_literal(close, ac_buf_str(&b));
	ac_buf_free(&b);
}

static void free_listing(listing *l)
{
	free(l->number);
	free(l->file_name);
	free(l->caption);
	*l = (listing){0};
}

static void make_listings(const ctx *c, cmark_node *doc)
{
	size_t n;
	cmark_node **blocks = nodes_of(doc, CMARK_NODE_HTML_BLOCK, &n);
	/* A close tag ends the last open tag before it when nothing but other
	 * blocks stands between them, both in the same container; an open tag
	 * followed by another open tag first, or never closed, is left as
	 * written (the converter unwraps the element with a warning). One pass:
	 * hostile input may hold thousands of open tags and none closed. */
	cmark_node *open = NULL;
	listing l = {0};
	for (size_t i = 0; i < n; i++) {
		const char *text = cmark_node_get_literal(blocks[i]);
		listing next = {0};
		if (listing_open(text, &next)) {
			free_listing(&l);
			l = next;
			open = blocks[i];
		} else if (open && listing_close(text)) {
			if (cmark_node_parent(open) == cmark_node_parent(blocks[i]))
				make_listing(c, open, blocks[i], &l);
			free_listing(&l);
			open = NULL;
		}
	}
	free_listing(&l);
	free(blocks);
}

void ac_dialects_apply(cmark_node *doc, const ac_article *a, ac_diags *d)
{
	ctx c = {a, d};
	make_alerts(doc);
	make_listings(&c, doc);
}
