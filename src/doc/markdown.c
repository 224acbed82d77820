/* markdown.c - the article's XHTML tree (libxml2) from the HTML cmark-gfm renders
 * (parse.c): raw HTML read by libxml2's HTML parser and rebuilt through an
 * allowlist, images resolved, figures, footnotes, ids asked for. */
#include "doc.h"

#include "../base/buf.h"
#include "codeblock.h"
#include "images.h"
#include "parse.h"
#include "repair.h"
#include "uri.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/chvalid.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlstring.h>

#include <ctype.h>
#include <libgen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 64

/* An id the conversion asks for. Ids are unique book-wide, so they are given
 * out afterwards by ac_doc_claim_ids, one article after the other, in the
 * order the conversion asked for them. */
typedef struct {
	xmlNodePtr e; /* holds base in its id attribute until then */
	char *base;   /* what the id is derived from */
	/* Names that will point at the id in a->anchors, in this order (NULL:
	 * none); a heading's id points at itself too. */
	char *names[3];
	size_t heading; /* 1 + its index in a->headings, or 0 */
} pending_id;

struct ac_id_claims {
	pending_id *items;
	size_t count, cap;
};

typedef struct {
	const ac_book *b;
	ac_article *a;
	ac_id_claims *claims;
	ac_diags *d;
	xmlDocPtr out;
	xmlNsPtr ns;
	xmlNsPtr epub;
	int line; /* file line of the block being converted */
	/* The open body headings, outermost first: their level in the source
	 * and the one they were given (levels without gaps, from h2). */
	int heading_src[6], heading_out[6];
	int nopen_headings;
	int styles;	/* style attributes removed */
	int style_line; /* where the first one was */
	int depth;
	char *art_dir;
	bool depth_warned;
	int footnote_count;
	uint64_t highlight_spent; /* see ac_doc_highlight */
} conv;

/* How the allowlist treats an element. */
typedef enum { KEEP, UNWRAP, DROP } policy;

static const char *const keep_elems[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre",
	"code", "em", "strong", "del", "s", "a", "img", "br", "hr", "table", "thead",
	"tbody", "tfoot", "tr", "th", "td", "caption", "sup", "sub", "span", "div",
	"section", "figure", "figcaption", "dl", "dt", "dd", "abbr", "cite", "q", "kbd",
	"samp", "var", "mark", "small", "b", "i", "u", "aside", "input", "wbr", "ins",
	"details", "summary", NULL};
/* Obsolete elements kept as their modern equivalent. */
static const char *const renamed_elems[][2] = {{"tt", "code"}, {"strike", "s"}};
/* Elements removed with everything inside them. */
static const char *const drop_elems[] = {
	"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
	"form", "button", "select", "textarea", "option", "link", "meta", "base",
	"noscript", "template", "audio", "video", "source", "track", "canvas", "svg",
	"math", "head", "title", "param", "portal", "dialog", "map", "area", NULL};

static bool in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

static policy policy_of(const char *name)
{
	if (in_list(keep_elems, name))
		return KEEP;
	if (in_list(drop_elems, name))
		return DROP;
	return UNWRAP;
}

static const char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr p = n->properties; p; p = p->next)
		if (!strcmp((const char *)p->name, name) && p->children)
			return (const char *)p->children->content;
	return NULL;
}

static xmlNodePtr new_elem(conv *c, xmlNodePtr parent, const char *name)
{
	xmlNodePtr e = xmlNewDocNode(c->out, c->ns, BAD_CAST name, NULL);
	/* The source line rides in the node's line field, which is never
	 * serialised: the layout reports its diagnostics there. */
	e->line = (unsigned short)(c->line < 0 ? 0 : c->line > 65535 ? 65535 : c->line);
	xmlAddChild(parent, e);
	return e;
}

static void set_attr(xmlNodePtr e, const char *name, const char *value)
{
	xmlSetProp(e, BAD_CAST name, BAD_CAST value);
}

static char *dup_or_null(const char *s)
{
	return s ? ac_xstrdup(s) : NULL;
}

/* Asks for an id derived from base for e. The id attribute is set now, to
 * base, so that it keeps its place among e's attributes; its value is the
 * claimed id from ac_doc_claim_ids on. */
static pending_id *ask_id(conv *c, xmlNodePtr e, const char *base)
{
	ac_id_claims *q = c->claims;
	if (q->count == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->items = ac_xrealloc(q->items, q->cap * sizeof *q->items);
	}
	pending_id *p = &q->items[q->count++];
	*p = (pending_id){.e = e, .base = ac_xstrdup(base)};
	set_attr(e, "id", base);
	return p;
}

/* Gives e a book-unique id derived from the author's id, remembering the
 * author's name for links. */
static void take_id(conv *c, xmlNodePtr e, const char *author_id, const char *fallback)
{
	char *base = ac_slugify(author_id && *author_id ? author_id : fallback);
	pending_id *p = ask_id(c, e, *base ? base : "id");
	if (author_id && *author_id)
		p->names[0] = ac_xstrdup(author_id);
	free(base);
}

static void convert_children(conv *c, xmlNodePtr src, xmlNodePtr parent);
static void convert_node(conv *c, xmlNodePtr n, xmlNodePtr parent);

/* Event handlers and style attributes are removed; returns whether an was
 * one of them. Each handler is a warning; styles, which books written for
 * the web hold by the thousand, are counted for one warning per article. */
static bool refuse_attr(conv *c, const char *an, const char *name)
{
	if (!strncasecmp(an, "on", 2)) {
		ac_warn(c->d, c->a->path, c->line, "event handler '%s' on <%s> removed", an, name);
		return true;
	}
	if (!strcasecmp(an, "style")) {
		if (!c->styles++)
			c->style_line = c->line;
		return true;
	}
	return false;
}

/* For elements that copy only the attributes they know (img, a): warns about
 * the handlers and styles among the rest. */
static void refuse_attrs(conv *c, xmlNodePtr src, const char *name)
{
	for (xmlAttrPtr p = src->properties; p; p = p->next)
		refuse_attr(c, (const char *)p->name, name);
}

static void copy_attrs(conv *c, xmlNodePtr src, xmlNodePtr e, const char *name)
{
	for (xmlAttrPtr p = src->properties; p; p = p->next) {
		const char *an = (const char *)p->name;
		const char *v = p->children ? (const char *)p->children->content : "";
		if (refuse_attr(c, an, name)) {
			continue;
		} else if (!strcmp(an, "class") || !strcmp(an, "title") || !strcmp(an, "lang") ||
			   !strcmp(an, "dir") || !strcmp(an, "abbr")) {
			if (strcmp(an, "dir") || !strcmp(v, "ltr") || !strcmp(v, "rtl") ||
			    !strcmp(v, "auto"))
				set_attr(e, an, v);
		} else if ((!strcmp(an, "colspan") || !strcmp(an, "rowspan") ||
			    !strcmp(an, "start")) &&
			   strspn(v, "0123456789") == strlen(v) && *v && strlen(v) < 6) {
			set_attr(e, an, v);
		} else if (!strcmp(an, "scope") && (!strcmp(v, "col") || !strcmp(v, "row") ||
						    !strcmp(v, "colgroup") || !strcmp(v, "rowgroup"))) {
			set_attr(e, an, v);
		} else if (!strcmp(an, "open") && !strcmp(name, "details")) {
			set_attr(e, an, "open");
		} else if (!strcmp(an, "reversed") && !strcmp(name, "ol")) {
			set_attr(e, an, "reversed");
		} else if (!strcmp(an, "type") && !strcmp(name, "ol") && strlen(v) == 1 &&
			   strchr("1aAiI", v[0])) {
			set_attr(e, an, v);
		} else if (!strcmp(an, "align") && (!strcmp(name, "td") || !strcmp(name, "th"))) {
			/* HTML5 has no align: the theme aligns cells by class. */
			xmlChar *cls = xmlGetProp(e, BAD_CAST "class");
			char *nc = cls ? ac_xasprintf("%s align-%s", (char *)cls, v)
				       : ac_xasprintf("align-%s", v);
			if (!strcmp(v, "left") || !strcmp(v, "right") || !strcmp(v, "center"))
				set_attr(e, "class", nc);
			free(nc);
			xmlFree(cls);
		}
		/* Everything else (data-*, width, cite, …) is dropped silently. */
	}
}

static int heading_level(const char *name)
{
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
		return name[1] - '0';
	return 0;
}

static char *text_of(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = ac_xstrdup(t ? (const char *)t : "");
	xmlFree(t);
	/* Collapse white space. */
	char *w = s;
	bool space = false;
	for (char *r = s; *r; r++) {
		if (isspace((unsigned char)*r)) {
			space = w != s;
		} else {
			if (space)
				*w++ = ' ';
			space = false;
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

/* The level a body heading of source level src gets: no heading is more than
 * one level below the one before it, and the first is h2, below the
 * article's title ("###, ####, ##, ###" become h2, h3, h2, h3). */
static int heading_level_out(conv *c, int src)
{
	while (c->nopen_headings && c->heading_src[c->nopen_headings - 1] >= src)
		c->nopen_headings--;
	int n = c->nopen_headings;
	int level = n ? c->heading_out[n - 1] + 1 : 2;
	if (level > 6)
		level = 6;
	c->heading_src[n] = src;
	c->heading_out[n] = level;
	c->nopen_headings++;
	return level;
}

/* The letters and digits of s, lower case (ASCII), without punctuation
 * (typographic quotes and dashes included): how a heading's text is compared
 * with the article's title. Caller frees. */
static char *title_key(const char *s)
{
	ac_buf b = AC_BUF_INIT;
	ac_buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2]) {
			p += 2; /* U+2000 to U+203F: spaces, dashes, quotes */
		} else if (*p >= 0x80 || isalnum(*p)) {
			ac_buf_addc(&b, (char)tolower(*p));
		}
	}
	return ac_buf_detach(&b);
}

/* Whether heading n, met before any other block, repeats the article's
 * title (mdBook chapters open with "# Title", which the title already
 * shows). Such a heading is left out; links to it go to the chapter. */
static bool repeats_title(conv *c, xmlNodePtr n, xmlNodePtr parent)
{
	if (parent != xmlDocGetRootElement(c->out))
		return false;
	for (xmlNodePtr k = parent->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return false;
	char *text = text_of(n);
	char *a = title_key(text), *b = title_key(c->a->title);
	bool same = *a && !strcmp(a, b);
	if (same) {
		char *chapter = ac_xasprintf("ch-%s", c->a->slug);
		char *slug = ac_slugify(text), *anchor = ac_github_anchor(text);
		if (attr(n, "id"))
			ac_strmap_add(&c->a->anchors, attr(n, "id"), chapter);
		ac_strmap_add(&c->a->anchors, anchor, chapter);
		ac_strmap_add(&c->a->anchors, slug, chapter);
		free(anchor);
		free(slug);
		free(chapter);
	}
	free(a);
	free(b);
	free(text);
	return same;
}

/* The text of the first image in n with alt text, or NULL; borrowed. */
static const char *first_alt(xmlNodePtr n)
{
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		const char *alt = !strcmp((const char *)k->name, "img") ? attr(k, "alt") : first_alt(k);
		if (alt && alt[strspn(alt, " \t\n\r")])
			return alt;
	}
	return NULL;
}

static void convert_heading(conv *c, xmlNodePtr src, xmlNodePtr parent, int level)
{
	level = heading_level_out(c, level);
	char name[3] = {'h', (char)('0' + level), 0};
	xmlNodePtr e = new_elem(c, parent, name);
	convert_children(c, src, e);
	char *text = text_of(e);
	if (!*text && first_alt(e)) {
		free(text);
		text = ac_xstrdup(first_alt(e));
	}
	if (!*text) {
		/* Nothing to name it by in the navigation or the outline: it stays
		 * in the text only, with the author's id for links. */
		if (attr(src, "id"))
			take_id(c, e, attr(src, "id"), "section");
		free(text);
		return;
	}
	char *base = ac_slugify(text);
	/* Links find the heading by the author's id, the GitHub-style anchor,
	 * the slug or the id itself (ac_doc_claim_ids). */
	pending_id *p = ask_id(c, e, *base ? base : "section");
	p->names[0] = dup_or_null(attr(src, "id"));
	p->names[1] = ac_github_anchor(text);
	p->names[2] = base;
	ac_article *a = c->a;
	a->headings = ac_xrealloc(a->headings, (a->nheadings + 1) * sizeof *a->headings);
	a->headings[a->nheadings].level = level;
	a->headings[a->nheadings].id = NULL;
	a->headings[a->nheadings].text = text;
	a->nheadings++;
	p->heading = a->nheadings;
}

static xmlNodePtr convert_img(conv *c, xmlNodePtr src, xmlNodePtr parent, bool keep_title)
{
	const char *s = attr(src, "src");
	const char *alt = attr(src, "alt");
	const char *path = s ? ac_image_resolve(c->b, c->a, c->art_dir, c->line, s, c->d) : NULL;
	refuse_attrs(c, src, "img");
	if (!s)
		ac_warn(c->d, c->a->path, c->line, "image without a source removed");
	if (!path)
		return NULL;
	xmlNodePtr e = new_elem(c, parent, "img");
	set_attr(e, "src", path);
	if (!alt || !*alt)
		ac_warn(c->d, c->a->path, c->line,
			"image '%s' has no alt text; describe it for readers who cannot see it", s);
	set_attr(e, "alt", alt ? alt : "");
	const char *t = attr(src, "title");
	if (keep_title && t && *t)
		set_attr(e, "title", t);
	return e;
}

/* A paragraph holding one image and nothing else is a figure; the image's
 * title becomes the caption. */
static bool is_figure_para(xmlNodePtr p, xmlNodePtr *img)
{
	*img = NULL;
	for (xmlNodePtr n = p->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			for (const xmlChar *t = n->content; t && *t; t++)
				if (!isspace(*t))
					return false;
		} else if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "img") &&
			   !*img) {
			*img = n;
		} else if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "ac-line")) {
			continue; /* the line marker of raw HTML (<img> written as HTML) */
		} else {
			return false;
		}
	}
	return *img != NULL;
}

/* A paragraph holding nothing but <span class="caption">: returns the span. */
static xmlNodePtr caption_para(xmlNodePtr p)
{
	xmlNodePtr span = NULL;
	for (xmlNodePtr n = p->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			for (const xmlChar *t = n->content; t && *t; t++)
				if (!isspace(*t))
					return NULL;
		} else if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "ac-line")) {
			continue;
		} else if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "span") &&
			   attr(n, "class") && !strcmp(attr(n, "class"), "caption") && !span) {
			span = n;
		} else {
			return NULL;
		}
	}
	return span;
}

/* The figure just converted into parent, when it has no caption yet. */
static xmlNodePtr captionless_figure(xmlNodePtr parent)
{
	xmlNodePtr last = parent->last;
	while (last && last->type != XML_ELEMENT_NODE)
		last = last->prev;
	if (!last || strcmp((const char *)last->name, "figure"))
		return NULL;
	for (xmlNodePtr n = last->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "img"))
			return NULL;
	return last;
}

static void convert_link(conv *c, xmlNodePtr src, xmlNodePtr parent)
{
	const char *href = attr(src, "href");
	const char *name = attr(src, "name");
	refuse_attrs(c, src, "a");
	if (href && ac_url_is_dangerous(href)) {
		ac_warn(c->d, c->a->path, c->line, "link to '%.60s' removed: only http, https, mailto and ftp links and links inside the book are kept",
			href);
		convert_children(c, src, parent);
		return;
	}
	xmlNodePtr e = new_elem(c, parent, "a");
	if (href && ac_url_is_external(href)) {
		const char *why = NULL;
		char *uri = ac_url_repair(href, &why);
		if (uri) {
			set_attr(e, "href", uri);
		} else {
			ac_warn(c->d, c->a->path, c->line, "link to '%.60s' kept as plain text: %s",
				href, why);
			xmlUnlinkNode(e);
			xmlFreeNode(e);
			e = NULL;
		}
		free(uri);
	} else if (href && href[0] == '#') {
		set_attr(e, "href", href);
		char ln[16];
		snprintf(ln, sizeof ln, "%d", c->line);
		set_attr(e, "data-ac-line", ln);
	} else if (href) {
		const char *h = href;
		while (!strncmp(h, "./", 2))
			h += 2;
		char *copy = ac_xstrdup(h);
		char *frag = strchr(copy, '#');
		if (frag)
			*frag++ = '\0';
		char *file = ac_percent_decode(copy);
		size_t n = file ? strlen(file) : 0;
		/* An article, by its Markdown file or as mdBook links it. */
		bool article = (file && ac_markdown_ext(file)) ||
			       (n > 5 && !strcmp(file + n - 5, ".html"));
		if (article && !strchr(file, '/')) {
			char *target = frag ? ac_xasprintf("%s#%s", file, frag) : ac_xstrdup(file);
			char ln[16];
			snprintf(ln, sizeof ln, "%d", c->line);
			set_attr(e, "data-ac-link", target);
			set_attr(e, "data-ac-line", ln);
			free(target);
		} else {
			ac_warn(c->d, c->a->path, c->line,
				"link to '%s' is neither a web address nor an article; kept as plain text",
				href);
			xmlUnlinkNode(e);
			xmlFreeNode(e);
			e = NULL;
		}
		free(file);
		free(copy);
	}
	if (!e) {
		convert_children(c, src, parent);
		return;
	}
	const char *t = attr(src, "title");
	if (t && *t)
		set_attr(e, "title", t);
	if (xmlHasProp(src, BAD_CAST "data-footnote-ref")) {
		xmlNewNsProp(e, c->epub, BAD_CAST "type", BAD_CAST "noteref");
		set_attr(e, "role", "doc-noteref");
	}
	if (xmlHasProp(src, BAD_CAST "data-footnote-backref")) {
		set_attr(e, "class", "footnote-backref");
		set_attr(e, "role", "doc-backlink");
		set_attr(e, "aria-label", "Back to the text");
	}
	if (name && !attr(src, "id"))
		take_id(c, e, name, "anchor");
	else if (attr(src, "id"))
		take_id(c, e, attr(src, "id"), "anchor");
	convert_children(c, src, e);
}

/* Text as XML allows it: characters XML forbids (control characters,
 * noncharacters, which numeric references in raw HTML can produce) become
 * U+FFFD with a warning. Returns a new string or NULL when text is fine. */
static char *xml_safe(conv *c, const xmlChar *text)
{
	int len = 0;
	bool bad = false;
	for (const xmlChar *p = text; *p; p += len) {
		len = 4;
		int ch = xmlGetUTF8Char(p, &len);
		if (ch < 0 || !xmlIsCharQ(ch) || (ch & 0xfffe) == 0xfffe) {
			bad = true;
			break;
		}
	}
	if (!bad)
		return NULL;
	ac_buf b = AC_BUF_INIT;
	for (const xmlChar *p = text; *p;) {
		len = 4;
		int ch = xmlGetUTF8Char(p, &len);
		if (ch < 0 || len <= 0) {
			ac_buf_adds(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (!xmlIsCharQ(ch) || (ch & 0xfffe) == 0xfffe)
			ac_buf_adds(&b, "\xef\xbf\xbd");
		else
			ac_buf_add(&b, p, (size_t)len);
		p += len;
	}
	ac_warn(c->d, c->a->path, c->line,
		"a character XML does not allow (from a numeric reference?) was replaced by U+FFFD");
	return ac_buf_detach(&b);
}

/* Where the Markdown after an element starts: a block cmark wrote (it has a
 * source position) or the marker of a raw HTML block. */
static bool is_later_block(xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (!strcmp((const char *)n->name, "ac-line"))
		return attr(n, "data-block") != NULL;
	return attr(n, "data-sourcepos") != NULL;
}

/* An element left unclosed (<select>, <textarea>, <option>) holds the blocks
 * that follow it in the parsed tree. Its own content goes with it; from the
 * first later block on, in document order, everything is converted. */
static void convert_swallowed(conv *c, xmlNodePtr src, xmlNodePtr parent)
{
	xmlNodePtr n = src->children;
	while (n && !is_later_block(n)) {
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != src && !n->next)
			n = n->parent;
		n = n != src ? n->next : NULL;
	}
	/* The block, its following siblings, then those of each ancestor. */
	for (xmlNodePtr up = n; up && up != src; up = up->parent)
		for (xmlNodePtr s = up == n ? n : up->next; s; s = s->next)
			convert_node(c, s, parent);
}

/* Whether e holds blocks (flow content), not a line of text. Table cells
 * hold pictures as icons in their text. */
static bool holds_blocks(xmlNodePtr e)
{
	static const char *const flow[] = {"article", "div", "section", "aside",
					   "blockquote", "li", "dd", "details", NULL};
	return e && e->type == XML_ELEMENT_NODE && in_list(flow, (const char *)e->name);
}

static void convert_node(conv *c, xmlNodePtr n, xmlNodePtr parent)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		char *safe = n->content ? xml_safe(c, n->content) : NULL;
		xmlAddChild(parent, xmlNewDocText(c->out, safe ? BAD_CAST safe : n->content));
		free(safe);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return; /* comments, processing instructions */
	const char *name = (const char *)n->name;
	for (size_t i = 0; i < sizeof renamed_elems / sizeof *renamed_elems; i++)
		if (!strcmp(name, renamed_elems[i][0]))
			name = renamed_elems[i][1];
	if (!strcmp(name, "ac-line")) {
		const char *v = attr(n, "data-n");
		if (v && atoi(v) > 0)
			c->line = atoi(v) + c->a->body_line - 1;
		return;
	}
	int saved_line = c->line;
	const char *pos = attr(n, "data-sourcepos");
	if (pos)
		c->line = atoi(pos) + c->a->body_line - 1;
	policy pol = policy_of(name);
	if (pol == DROP) {
		ac_warn(c->d, c->a->path, c->line, "<%s> removed: it is not allowed in the book",
			name);
		/* Empty elements the HTML parser may have wrapped around the text
		 * that follows them: the element goes, that text stays. */
		static const char *const empty[] = {"embed",  "source",	  "track",  "param",
						    "link",   "meta",	  "base",   "area",
						    "iframe", "frameset", "frame",  "audio",  "video",
						    "canvas", "form",	  "title",  "map",
						    "dialog", "portal",	  NULL};
		if (in_list(empty, name))
			convert_children(c, n, parent);
		else
			convert_swallowed(c, n, parent);
		goto out;
	}
	if (c->depth >= MAX_DEPTH) {
		if (!c->depth_warned)
			ac_warn(c->d, c->a->path, c->line,
				"nesting deeper than %d levels flattened", MAX_DEPTH);
		c->depth_warned = true;
		convert_children(c, n, parent);
		goto out;
	}
	if (pol == UNWRAP) {
		if (strcmp(name, "html") && strcmp(name, "body"))
			ac_warn(c->d, c->a->path, c->line, "<%s> is not supported; its content is kept",
				name);
		convert_children(c, n, parent);
		goto out;
	}
	int level = heading_level(name);
	xmlNodePtr img = NULL, cap = NULL, fig = NULL;
	if (level && repeats_title(c, n, parent)) {
		/* Left out: the chapter's title says it. */
	} else if (level) {
		convert_heading(c, n, parent, level);
	} else if (!strcmp(name, "img") && holds_blocks(parent)) {
		/* A picture standing among blocks (raw HTML, as mdBook books
		 * write their figures) is a figure, in print too. */
		fig = new_elem(c, parent, "figure");
		if (!convert_img(c, n, fig, true)) {
			xmlUnlinkNode(fig);
			xmlFreeNode(fig);
		}
	} else if (!strcmp(name, "img")) {
		convert_img(c, n, parent, true);
	} else if (!strcmp(name, "a")) {
		convert_link(c, n, parent);
	} else if (!strcmp(name, "p") && is_figure_para(n, &img)) {
		fig = new_elem(c, parent, "figure");
		if (!convert_img(c, img, fig, false)) {
			xmlUnlinkNode(fig);
			xmlFreeNode(fig);
		} else {
			const char *title = attr(img, "title");
			if (title && *title)
				xmlNodeAddContent(new_elem(c, fig, "figcaption"), BAD_CAST title);
		}
	} else if (!strcmp(name, "p") && (cap = caption_para(n)) && (fig = captionless_figure(parent))) {
		/* mdBook's figures: <span class="caption"> in the paragraph
		 * after the picture is its caption. */
		convert_children(c, cap, new_elem(c, fig, "figcaption"));
	} else if (!strcmp(name, "input")) {
		const char *type = attr(n, "type");
		if (type && !strcasecmp(type, "checkbox")) {
			bool done = attr(n, "checked") != NULL ||
				    xmlHasProp(n, BAD_CAST "checked") != NULL;
			xmlNodePtr e = new_elem(c, parent, "span");
			set_attr(e, "class", done ? "task task-done" : "task");
			set_attr(e, "role", "img");
			set_attr(e, "aria-label", done ? "done" : "not done");
			xmlAddChild(e, xmlNewDocText(c->out, BAD_CAST(done ? "\xe2\x98\x91" : "\xe2\x98\x90")));
		} else {
			ac_warn(c->d, c->a->path, c->line, "<input> removed: forms are not allowed in the book");
		}
	} else if (!strcmp(name, "section") && attr(n, "class") &&
		   !strcmp(attr(n, "class"), "footnotes")) {
		xmlNodePtr e = new_elem(c, parent, "section");
		set_attr(e, "class", "footnotes");
		xmlNewNsProp(e, c->epub, BAD_CAST "type", BAD_CAST "endnotes");
		set_attr(e, "role", "doc-endnotes");
		set_attr(e, "aria-label", "Notes");
		c->a->has_footnotes = true;
		convert_children(c, n, e);
		for (xmlNodePtr ol = e->children; ol; ol = ol->next)
			if (ol->type == XML_ELEMENT_NODE && !strcmp((const char *)ol->name, "ol"))
				for (xmlNodePtr li = ol->children; li; li = li->next)
					if (li->type == XML_ELEMENT_NODE)
						xmlNewNsProp(li, c->epub, BAD_CAST "type",
							     BAD_CAST "endnote");
	} else {
		xmlNodePtr e = new_elem(c, parent, name);
		copy_attrs(c, n, e, name);
		if (attr(n, "id"))
			take_id(c, e, attr(n, "id"), name);
		/* Code blocks keep their language as class="language-X". */
		c->depth++;
		convert_children(c, n, e);
		c->depth--;
		if (!strcmp(name, "code") && !strcmp((const char *)parent->name, "pre") && !c->b->plain_code)
			ac_doc_highlight(e, c->a->path, c->line, &c->highlight_spent, c->d);
	}
out:
	c->line = saved_line;
}

static void convert_children(conv *c, xmlNodePtr src, xmlNodePtr parent)
{
	for (xmlNodePtr n = src->children; n; n = n->next)
		convert_node(c, n, parent);
}

/* No DTD, entity or XInclude of any document is ever fetched. */
static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void setup_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	xmlParserMaxDepth = AC_XML_MAX_DEPTH;
	cmark_gfm_core_extensions_ensure_registered();
}

void ac_doc_setup(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, setup_once);
}

ac_id_claims *ac_doc_convert(const ac_book *b, ac_article *a, ac_diags *d)
{
	char *html = ac_markdown_to_html(a, d);
	/* Wrap so the HTML parser sees one fragment in a known encoding. */
	ac_buf wrapped = AC_BUF_INIT;
	ac_buf_adds(&wrapped, "<html><head><meta charset=\"utf-8\"></head><body>");
	ac_buf_adds(&wrapped, html);
	ac_buf_adds(&wrapped, "</body></html>");
	free(html);
	size_t page_len = wrapped.len;
	char *page = ac_buf_detach(&wrapped);
	/* No network and no entities; nesting up to AC_XML_MAX_DEPTH (Markdown
	 * was flattened to well below it, raw HTML may go deeper). Where the
	 * parser gives up on deeper nesting it drops the rest of the article:
	 * that is an error, not a silent loss. */
	htmlParserCtxtPtr pctx = htmlNewParserCtxt();
	htmlDocPtr in = pctx ? htmlCtxtReadMemory(pctx, page, (int)page_len, NULL, "UTF-8",
						  HTML_PARSE_NONET | HTML_PARSE_NOERROR |
							  HTML_PARSE_NOWARNING)
			     : NULL;
	if (!pctx || pctx->errNo == XML_ERR_INTERNAL_ERROR)
		ac_error(d, a->path, a->body_line,
			 "raw HTML nested deeper than %d elements cannot be read", AC_XML_MAX_DEPTH);
	if (pctx)
		htmlFreeParserCtxt(pctx);
	free(page);
	char *dircopy = ac_xstrdup(a->path);
	conv c = {0};
	c.b = b;
	c.a = a;
	c.claims = ac_xcalloc(1, sizeof *c.claims);
	c.d = d;
	c.line = a->body_line;
	c.art_dir = ac_xstrdup(dirname(dircopy));
	free(dircopy);
	c.out = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(c.out, NULL, BAD_CAST "article", NULL);
	c.ns = xmlNewNs(root, BAD_CAST AC_XHTML_NS, NULL);
	xmlSetNs(root, c.ns);
	c.epub = xmlNewNs(root, BAD_CAST AC_EPUB_NS, BAD_CAST "epub");
	xmlDocSetRootElement(c.out, root);
	xmlNodePtr body = NULL;
	if (in) {
		for (xmlNodePtr n = xmlDocGetRootElement(in) ? xmlDocGetRootElement(in)->children
							     : NULL;
		     n; n = n->next)
			if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "body"))
				body = n;
	}
	if (body)
		convert_children(&c, body, root);
	if (c.styles)
		ac_warn(d, a->path, c.style_line, "%d style attribute%s removed (the theme styles the book)",
			c.styles, c.styles == 1 ? "" : "s");
	ac_doc_repair(root, a->path, d);
	if (in)
		xmlFreeDoc(in);
	free(c.art_dir);
	a->doc = c.out;
	return c.claims;
}

void ac_doc_claim_ids(ac_article *a, ac_id_claims *claims, ac_idset *ids)
{
	for (size_t i = 0; i < claims->count; i++) {
		pending_id *p = &claims->items[i];
		char *id = ac_idset_claim(ids, p->base);
		set_attr(p->e, "id", id);
		/* The first holder of a name keeps it. */
		for (size_t k = 0; k < 3; k++)
			if (p->names[k])
				ac_strmap_add(&a->anchors, p->names[k], id);
		if (p->heading) {
			ac_strmap_add(&a->anchors, id, id);
			a->headings[p->heading - 1].id = id;
		} else {
			free(id);
		}
		free(p->base);
		for (size_t k = 0; k < 3; k++)
			free(p->names[k]);
	}
	free(claims->items);
	free(claims);
}
