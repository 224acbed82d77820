/* pages.c - the EPUB's XHTML pages: chapters, title, cover, parts, tags, nav. */
#include "internal.h"

#include "../base/files.h"
#include "../doc/doc.h"

#include <libxml/xmlsave.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	xmlDocPtr doc;
	xmlNodePtr body;
	xmlNsPtr ns;
	xmlNsPtr epub;
} page;

static xmlNodePtr el(page *p, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr e = xmlNewDocNode(p->doc, p->ns, BAD_CAST name, NULL);
	if (text)
		xmlNodeAddContent(e, BAD_CAST text);
	xmlAddChild(parent, e);
	return e;
}

static void at(xmlNodePtr e, const char *name, const char *value)
{
	xmlSetProp(e, BAD_CAST name, BAD_CAST value);
}

static void etype(page *p, xmlNodePtr e, const char *type)
{
	xmlNewNsProp(e, p->epub, BAD_CAST "type", BAD_CAST type);
}

/* Points a copied subtree at the page's own namespace declarations, so that
 * the copies do not repeat xmlns attributes. */
static void adopt_ns(page *p, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && !strcmp((const char *)n->ns->href, AC_XHTML_NS))
			n->ns = p->ns;
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			if (a->ns && !strcmp((const char *)a->ns->href, AC_EPUB_NS))
				a->ns = p->epub;
		/* Children may point at this node's declarations: fix them first. */
		adopt_ns(p, n->children);
		if (n->nsDef) {
			xmlFreeNsList(n->nsDef);
			n->nsDef = NULL;
		}
	}
}

static page page_new(const ac_book *b, const char *title, const char *css_href)
{
	page p;
	p.doc = xmlNewDoc(BAD_CAST "1.0");
	xmlCreateIntSubset(p.doc, BAD_CAST "html", NULL, NULL);
	xmlNodePtr html = xmlNewDocNode(p.doc, NULL, BAD_CAST "html", NULL);
	p.ns = xmlNewNs(html, BAD_CAST AC_XHTML_NS, NULL);
	xmlSetNs(html, p.ns);
	p.epub = xmlNewNs(html, BAD_CAST AC_EPUB_NS, BAD_CAST "epub");
	xmlDocSetRootElement(p.doc, html);
	at(html, "lang", b->language);
	xmlNodeSetLang(html, BAD_CAST b->language);
	xmlNodePtr head = el(&p, html, "head", NULL);
	at(el(&p, head, "meta", NULL), "charset", "utf-8");
	el(&p, head, "title", title);
	xmlNodePtr link = el(&p, head, "link", NULL);
	at(link, "rel", "stylesheet");
	at(link, "type", "text/css");
	at(link, "href", css_href);
	p.body = el(&p, html, "body", NULL);
	return p;
}

static void page_finish(page *p, ac_buf *out)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlSaveCtxtPtr ctx = xmlSaveToBuffer(buf, "UTF-8", 0);
	xmlSaveDoc(ctx, p->doc);
	xmlSaveClose(ctx);
	ac_buf_reset(out);
	ac_buf_add(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	xmlFreeDoc(p->doc);
}

void epub_timestamp(const ac_book *b, char out[21])
{
	time_t t = (time_t)b->epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *epub_url_encode(const char *path)
{
	/* Unreserved characters and '/' stay; everything else is %XX. */
	ac_buf b = AC_BUF_INIT;
	ac_buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			ac_buf_addc(&b, (char)*p);
		else
			ac_buf_printf(&b, "%%%02X", *p);
	}
	return ac_buf_detach(&b);
}

static bool url_plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || !(isalnum(c) || strchr("-._~/", c)))
			return false;
	}
	return true;
}

char *epub_media_path(const char *book_path)
{
	if (url_plain(book_path, strlen(book_path)))
		return ac_xasprintf("media/%s", book_path);
	char hex[65];
	ac_sha256_hex(book_path, strlen(book_path), hex);
	ac_buf b = AC_BUF_INIT;
	ac_buf_adds(&b, "media/");
	const char *base = strrchr(book_path, '/');
	base = base ? base + 1 : book_path;
	for (const char *p = book_path; p < base;) {
		const char *slash = strchr(p, '/');
		size_t n = (size_t)(slash - p);
		if (url_plain(p, n)) {
			ac_buf_add(&b, p, n);
		} else {
			char *part = ac_xstrndup(p, n);
			char *slug = ac_slugify(part);
			ac_buf_adds(&b, *slug ? slug : "folder");
			free(slug);
			free(part);
		}
		ac_buf_addc(&b, '/');
		p = slash + 1;
	}
	const char *dot = strrchr(base, '.');
	char *stem = ac_xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	char *slug = ac_slugify(stem);
	ac_buf_printf(&b, "%s-%.12s", *slug ? slug : "image", hex);
	free(slug);
	free(stem);
	/* The extension is one of png, jpg, jpeg, gif, svg in any case. */
	if (dot) {
		ac_buf_addc(&b, '.');
		for (const char *q = dot + 1; *q; q++)
			if (isalnum((unsigned char)*q))
				ac_buf_addc(&b, (char)tolower((unsigned char)*q));
	}
	return ac_buf_detach(&b);
}

static char *authors_line(const ac_book *b)
{
	ac_buf s = AC_BUF_INIT;
	ac_buf_add(&s, "", 0);
	for (size_t i = 0; i < b->nauthors; i++)
		ac_buf_printf(&s, "%s%s", i == 0 ? "" : i + 1 == b->nauthors ? " and " : ", ",
			      b->authors[i]);
	return ac_buf_detach(&s);
}

/* The markers of pb of kind on owner's page, appended to parent (before
 * its first child when first). */
static void add_breaks(page *p, const ac_pagebreaks *pb, ac_pb_kind kind, int owner,
		       xmlNodePtr parent, bool first)
{
	for (size_t i = 0; pb && i < pb->count; i++) {
		if (pb->items[i].kind != kind || pb->items[i].owner != owner)
			continue;
		xmlNodePtr s = epub_pagebreak_new(p->doc, p->ns, p->epub, pb->items[i].label);
		if (first && parent->children)
			xmlAddPrevSibling(parent->children, s);
		else
			xmlAddChild(parent, s);
	}
}

void epub_chapter(const ac_book *b, const ac_tag_index *tags, size_t article,
		  const ac_pagebreaks *pb, ac_buf *out)
{
	const ac_article *a = b->seq[article];
	page p = page_new(b, a->title, "../css/book.css");
	etype(&p, p.body, "bodymatter");
	char *hid = ac_xasprintf("ch-%s", a->slug);
	xmlNodePtr sec = el(&p, p.body, "section", NULL);
	etype(&p, sec, "chapter");
	at(sec, "role", "doc-chapter");
	at(sec, "aria-labelledby", hid);
	at(sec, "class", "chapter");
	/* The opening page of the print edition begins with the title. */
	add_breaks(&p, pb, AC_PB_CHAPTER, (int)article, sec, false);
	xmlNodePtr header = el(&p, sec, "header", NULL);
	at(el(&p, header, "h1", a->title), "id", hid);
	free(hid);
	xmlNodePtr meta = el(&p, header, "p", NULL);
	at(meta, "class", "chapter-date");
	char *when = ac_long_date(a->date);
	at(el(&p, meta, "time", when), "datetime", a->date);
	free(when);
	if (a->summary && *a->summary)
		at(el(&p, header, "p", a->summary), "class", "chapter-summary");
	if (a->ntags) {
		xmlNodePtr ul = el(&p, header, "ul", NULL);
		at(ul, "class", "chapter-tags");
		at(ul, "aria-label", "Tags");
		for (size_t i = 0; i < a->ntags; i++) {
			const ac_tag *t = ac_tags_lookup(tags, a->tags[i]);
			xmlNodePtr li = el(&p, ul, "li", NULL);
			if (!t) {
				xmlNodeAddContent(li, BAD_CAST a->tags[i]);
				continue;
			}
			char *href = ac_xasprintf("../tags.xhtml#%s", t->id);
			at(el(&p, li, "a", a->tags[i]), "href", href);
			free(href);
		}
	}
	/* The article's own content, with images moved to where the EPUB keeps them. */
	xmlNodePtr root = xmlDocGetRootElement(a->doc);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		xmlNodePtr copy = xmlDocCopyNode(n, p.doc, 1);
		xmlAddChild(sec, copy);
		adopt_ns(&p, copy);
	}
	/* Blank pages after the chapter's last. */
	add_breaks(&p, pb, AC_PB_AFTER, (int)article, sec, false);
	/* Image sources are book-relative in the model; chapters live in text/. */
	for (xmlNodePtr n = sec; n;) {
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "img")) {
			xmlChar *src = xmlGetProp(n, BAD_CAST "src");
			char *media = epub_media_path((const char *)src);
			char *enc = epub_url_encode(media);
			char *rel = ac_xasprintf("../%s", enc);
			free(enc);
			free(media);
			at(n, "src", rel);
			free(rel);
			xmlFree(src);
		}
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && n != sec && !n->next)
			n = n->parent;
		if (!n || n == sec)
			break;
		n = n->next;
	}
	epub_footnote_asides(sec, p.ns, p.epub);
	page_finish(&p, out);
}

void epub_title_page(const ac_book *b, ac_buf *out)
{
	page p = page_new(b, b->title, "css/book.css");
	etype(&p, p.body, "frontmatter");
	xmlNodePtr sec = el(&p, p.body, "section", NULL);
	etype(&p, sec, "titlepage");
	at(sec, "class", "titlepage");
	at(sec, "aria-label", "Title page");
	at(el(&p, sec, "h1", b->title), "class", "book-title");
	if (b->subtitle)
		at(el(&p, sec, "p", b->subtitle), "class", "book-subtitle");
	if (b->nauthors) {
		char *who = authors_line(b);
		at(el(&p, sec, "p", who), "class", "book-author");
		free(who);
	}
	if (b->version) {
		char *v = ac_xasprintf("Version %s", b->version);
		at(el(&p, sec, "p", v), "class", "book-version");
		free(v);
	}
	xmlNodePtr colophon = el(&p, sec, "div", NULL);
	at(colophon, "class", "colophon");
	etype(&p, colophon, "colophon");
	at(colophon, "role", "doc-colophon");
	if (b->publisher)
		el(&p, colophon, "p", b->publisher);
	if (b->rights)
		el(&p, colophon, "p", b->rights);
	char stamp[21];
	epub_timestamp(b, stamp);
	stamp[10] = '\0';
	char *date = ac_long_date(stamp);
	char *made = ac_xasprintf("Compiled on %s by autochitect.", date);
	el(&p, colophon, "p", made);
	free(made);
	free(date);
	page_finish(&p, out);
}

void epub_cover_page(const ac_book *b, ac_buf *out)
{
	page p = page_new(b, "Cover", "css/book.css");
	etype(&p, p.body, "cover");
	xmlNodePtr sec = el(&p, p.body, "section", NULL);
	at(sec, "class", "cover");
	etype(&p, sec, "cover");
	at(sec, "aria-label", "Cover");
	xmlNodePtr img = el(&p, sec, "img", NULL);
	at(img, "src", "cover.png");
	char *alt = b->subtitle ? ac_xasprintf("Cover of %s: %s", b->title, b->subtitle)
				: ac_xasprintf("Cover of %s", b->title);
	at(img, "alt", alt);
	free(alt);
	page_finish(&p, out);
}

void epub_part_page(const ac_book *b, size_t index, const ac_pagebreaks *pb, ac_buf *out)
{
	const ac_part *part = &b->parts[index];
	page p = page_new(b, part->name, "css/book.css");
	etype(&p, p.body, "bodymatter");
	xmlNodePtr sec = el(&p, p.body, "section", NULL);
	add_breaks(&p, pb, AC_PB_PART, (int)index, sec, false);
	etype(&p, sec, "part");
	at(sec, "role", "doc-part");
	at(sec, "class", "part");
	at(sec, "aria-labelledby", part->slug);
	at(el(&p, sec, "h1", part->name), "id", part->slug);
	xmlNodePtr ul = el(&p, sec, "ul", NULL);
	at(ul, "class", "part-contents");
	for (size_t i = 0; i < part->count; i++) {
		char *href = ac_xasprintf("text/%s.xhtml", part->articles[i]->slug);
		at(el(&p, el(&p, ul, "li", NULL), "a", part->articles[i]->title), "href", href);
		free(href);
	}
	add_breaks(&p, pb, AC_PB_AFTER, -10 - (int)index, sec, false);
	page_finish(&p, out);
}

/* A back-matter page holding one index: its section, titled title, with
 * id (also its class) on the heading. */
static xmlNodePtr index_section(page *p, const char *title, const char *id)
{
	etype(p, p->body, "backmatter");
	xmlNodePtr sec = el(p, p->body, "section", NULL);
	etype(p, sec, "index");
	at(sec, "role", "doc-index");
	at(sec, "class", id);
	at(sec, "aria-labelledby", id);
	at(el(p, sec, "h1", title), "id", id);
	return sec;
}

void epub_tags_page(const ac_book *b, const ac_tag_index *tags, ac_buf *out)
{
	page p = page_new(b, "Index of tags", "css/book.css");
	xmlNodePtr sec = index_section(&p, "Index of tags", "tag-index");
	for (size_t i = 0; i < tags->count; i++) {
		const ac_tag *t = &tags->tags[i];
		xmlNodePtr ts = el(&p, sec, "section", NULL);
		at(ts, "class", "tag");
		at(ts, "aria-labelledby", t->id);
		at(el(&p, ts, "h2", t->name), "id", t->id);
		xmlNodePtr ul = el(&p, ts, "ul", NULL);
		for (size_t k = 0; k < t->count; k++) {
			xmlNodePtr li = el(&p, ul, "li", NULL);
			char *href = ac_xasprintf("text/%s.xhtml", t->articles[k]->slug);
			at(el(&p, li, "a", t->articles[k]->title), "href", href);
			free(href);
		}
	}
	page_finish(&p, out);
}

/* A locator: the page label, linked to the anchor before the words. */
static void locator(page *p, xmlNodePtr parent, const ac_book *b, const ac_term_hit *h,
		    int label)
{
	char num[16];
	snprintf(num, sizeof num, "%d", label);
	char id[24];
	ac_terms_anchor_id(h->anchor, id);
	char *href = h->anchor >= 0 ? ac_xasprintf("text/%s.xhtml#%s", b->seq[h->seq]->slug, id)
				    : ac_xasprintf("text/%s.xhtml", b->seq[h->seq]->slug);
	xmlNodePtr a = el(p, parent, "a", num);
	etype(p, a, "index-locator");
	at(a, "href", href);
	free(href);
}

/* One entry: its term and locators; returns the <li> (sub-entries go in
 * a list inside it). */
static xmlNodePtr index_entry(page *p, xmlNodePtr ul, const ac_book *b, const ac_term_entry *e)
{
	xmlNodePtr li = el(p, ul, "li", NULL);
	etype(p, li, "index-entry");
	etype(p, el(p, li, "span", e->secondary ? e->secondary : e->primary), "index-term");
	for (size_t k = 0; k < e->nranges; k++) {
		const ac_term_range *r = &e->ranges[k];
		xmlNodeAddContent(li, BAD_CAST ", ");
		if (r->first == r->last) {
			locator(p, li, b, r->from, r->first);
			continue;
		}
		xmlNodePtr range = el(p, li, "span", NULL);
		etype(p, range, "index-locator-range");
		locator(p, range, b, r->from, r->first);
		xmlNodeAddContent(range, BAD_CAST "\xe2\x80\x93");
		locator(p, range, b, r->to, r->last);
	}
	return li;
}

void epub_terms_page(const ac_book *b, const ac_terms *terms, ac_buf *out)
{
	page p = page_new(b, "Index", "css/book.css");
	xmlNodePtr sec = index_section(&p, "Index", "term-index");
	char letter[64] = "";
	xmlNodePtr list = NULL, main_li = NULL, sub = NULL;
	int groups = 0;
	for (size_t i = 0; i < terms->count; i++) {
		const ac_term_entry *e = &terms->entries[i];
		char now[64];
		ac_terms_letter(e, now);
		if (!list || strcmp(now, letter)) {
			snprintf(letter, sizeof letter, "%s", now);
			xmlNodePtr g = el(&p, sec, "section", NULL);
			etype(&p, g, "index-group");
			char *id = ac_xasprintf("index-group-%d", ++groups);
			at(g, "aria-labelledby", id);
			at(el(&p, g, "h2", letter), "id", id);
			free(id);
			list = el(&p, g, "ul", NULL);
			etype(&p, list, "index-entry-list");
			main_li = sub = NULL;
		}
		if (e->secondary && main_li) {
			if (!sub) {
				sub = el(&p, main_li, "ul", NULL);
				etype(&p, sub, "index-entry-list");
			}
			index_entry(&p, sub, b, e);
		} else {
			main_li = index_entry(&p, list, b, e);
			sub = NULL;
		}
	}
	page_finish(&p, out);
}

static void nav_article(page *p, xmlNodePtr ol, const ac_article *a)
{
	xmlNodePtr li = el(p, ol, "li", NULL);
	char *href = ac_xasprintf("text/%s.xhtml", a->slug);
	at(el(p, li, "a", a->title), "href", href);
	/* Second-level headings of the article, for readers that show depth. */
	xmlNodePtr sub = NULL;
	for (size_t i = 0; i < a->nheadings; i++) {
		if (a->headings[i].level != 2)
			continue;
		if (!sub)
			sub = el(p, li, "ol", NULL);
		char *h = ac_xasprintf("%s#%s", href, a->headings[i].id);
		at(el(p, el(p, sub, "li", NULL), "a", a->headings[i].text), "href", h);
		free(h);
	}
	free(href);
}

void epub_nav(const ac_book *b, const ac_pagebreaks *pb, bool terms, ac_buf *out)
{
	page p = page_new(b, "Contents", "css/book.css");
	etype(&p, p.body, "frontmatter");
	xmlNodePtr nav = el(&p, p.body, "nav", NULL);
	etype(&p, nav, "toc");
	at(nav, "id", "toc");
	at(nav, "role", "doc-toc");
	at(nav, "aria-labelledby", "toc-title");
	at(el(&p, nav, "h1", "Contents"), "id", "toc-title");
	xmlNodePtr ol = el(&p, nav, "ol", NULL);
	at(ol, "class", "toc");
	at(el(&p, el(&p, ol, "li", NULL), "a", "Title page"), "href", "title.xhtml");
	if (b->nparts) {
		for (size_t i = 0; i < b->nparts; i++) {
			const ac_part *part = &b->parts[i];
			xmlNodePtr li = el(&p, ol, "li", NULL);
			char *href = ac_xasprintf("%s.xhtml", part->slug);
			at(el(&p, li, "a", part->name), "href", href);
			free(href);
			xmlNodePtr sub = el(&p, li, "ol", NULL);
			for (size_t k = 0; k < part->count; k++)
				nav_article(&p, sub, part->articles[k]);
		}
	} else {
		for (size_t i = 0; i < b->nseq; i++)
			nav_article(&p, ol, b->seq[i]);
	}
	at(el(&p, el(&p, ol, "li", NULL), "a", "Index of tags"), "href", "tags.xhtml");
	if (terms)
		at(el(&p, el(&p, ol, "li", NULL), "a", "Index"), "href", "index.xhtml");

	/* The print edition's pages, for "page 42" to mean the handbook's. */
	if (pb && pb->count) {
		xmlNodePtr pl = el(&p, p.body, "nav", NULL);
		etype(&p, pl, "page-list");
		at(pl, "hidden", "hidden");
		at(pl, "aria-label", "Pages of the print edition");
		xmlNodePtr pol = el(&p, pl, "ol", NULL);
		for (size_t i = 0; i < pb->count; i++) {
			char *href = epub_pagebreak_href(b, &pb->items[i]);
			at(el(&p, el(&p, pol, "li", NULL), "a", pb->items[i].label), "href", href);
			free(href);
		}
	}

	xmlNodePtr lm = el(&p, p.body, "nav", NULL);
	etype(&p, lm, "landmarks");
	at(lm, "hidden", "hidden");
	at(lm, "aria-label", "Landmarks");
	xmlNodePtr lol = el(&p, lm, "ol", NULL);
	static const char *const marks[][3] = {{"cover", "cover.xhtml", "Cover"},
					       {"titlepage", "title.xhtml", "Title page"},
					       {"toc", "nav.xhtml#toc", "Contents"}};
	for (size_t i = 0; i < 3; i++) {
		xmlNodePtr a = el(&p, el(&p, lol, "li", NULL), "a", marks[i][2]);
		etype(&p, a, marks[i][0]);
		at(a, "href", marks[i][1]);
	}
	if (b->nseq) {
		char *first = b->nparts ? ac_xasprintf("%s.xhtml", b->parts[0].slug)
					: ac_xasprintf("text/%s.xhtml", b->seq[0]->slug);
		xmlNodePtr a = el(&p, el(&p, lol, "li", NULL), "a", "Start of content");
		etype(&p, a, "bodymatter");
		at(a, "href", first);
		free(first);
	}
	xmlNodePtr ix = el(&p, el(&p, lol, "li", NULL), "a", "Index of tags");
	etype(&p, ix, "index");
	at(ix, "href", "tags.xhtml");
	if (terms) {
		xmlNodePtr ti = el(&p, el(&p, lol, "li", NULL), "a", "Index");
		etype(&p, ti, "index");
		at(ti, "href", "index.xhtml");
	}
	page_finish(&p, out);
}
