/* fuzz_markdown.c - libFuzzer: an article body (Markdown with raw HTML)
 * through ac_doc_convert_book (cmark-gfm, libxml2's HTML parser, the
 * allowlist, ids, footnotes, images, links), then checks the allowlist held. */
#include "book/book.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "doc/uri.h"
#include "fuzz_common.h"

#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char book_yml[] = "title: Fuzz Book\nauthor: Ann Fuzz\nlanguage: en\n";

static const char front[] = "---\n"
			    "title: \"Alpha & Omega\"\n"
			    "date: 2026-01-05\n"
			    "tags: [Systems, Storage]\n"
			    "summary: Fuzzed.\n"
			    "---\n";

/* A second article for cross-article links (b.md, b.md#details, …). */
static const char other[] = "---\n"
			    "title: Beta\n"
			    "date: 2026-02-10\n"
			    "tags: [Systems]\n"
			    "---\n"
			    "# Details\n\n"
			    "Back to [alpha](a.md#overview) and [here](#details).[^n]\n\n"
			    "## Overview {#ov}\n\n"
			    "<a id=\"anchor\">x</a>\n\n"
			    "[^n]: A note.\n";

static const char *const forbidden[] = {
	"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
	"form", "button", "select", "textarea", "option", "link", "meta", "base",
	"noscript", "template", "audio", "video", "source", "track", "canvas", "svg",
	"math", "head", "title", "param", "portal", "dialog", "map", "area", "html",
	"body", NULL};

static void check_tree(const ac_article *a, xmlNodePtr n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		for (const char *const *f = forbidden; *f; f++)
			if (!strcasecmp(name, *f))
				ac_fuzz_fail("%s: <%s> passed the allowlist", a->file, name);
		if (!n->ns || strcmp((const char *)n->ns->href, AC_XHTML_NS) != 0)
			ac_fuzz_fail("%s: <%s> outside the XHTML namespace", a->file, name);
		for (xmlAttrPtr p = n->properties; p; p = p->next) {
			const char *an = (const char *)p->name;
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)p);
			const char *vs = v ? (const char *)v : "";
			if (!strncasecmp(an, "on", 2) || !strcasecmp(an, "style") ||
			    !strcasecmp(an, "srcdoc") || !strcasecmp(an, "formaction"))
				ac_fuzz_fail("%s: attribute %s=\"%s\" on <%s> passed the allowlist",
					     a->file, an, vs, name);
			if ((!strcasecmp(an, "href") || !strcasecmp(an, "src") ||
			     !strcasecmp(an, "xlink:href")) &&
			    ac_url_is_dangerous(vs))
				ac_fuzz_fail("%s: dangerous %s=\"%s\" on <%s>", a->file, an, vs, name);
			if (!strcasecmp(an, "href") && ac_url_is_external(vs)) {
				xmlURIPtr u = xmlParseURI(vs);
				if (!u)
					ac_fuzz_fail("%s: href=\"%s\" is not a valid URI", a->file, vs);
				xmlFreeURI(u);
			}
			if (!strcasecmp(name, "img") && !strcmp(an, "src") &&
			    (vs[0] == '/' || strstr(vs, "..") || ac_url_is_external(vs)))
				ac_fuzz_fail("%s: <img src=\"%s\"> does not name a book file", a->file, vs);
			xmlFree(v);
		}
		check_tree(a, n->children, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = ac_fuzz_book(book_yml);
	static int once;
	if (!once) {
		ac_fuzz_write_article("b.md", other, NULL, 0);
		once = 1;
	}
	ac_fuzz_write_article("a.md", front, data, size);
	ac_load_opts opts = {false, false, -1, false};
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = ac_book_load(dir, &opts, &d);
	if (!b)
		ac_fuzz_fail("ac_book_load returned NULL for a readable book folder");
	/* `autochitect check` converts even after load errors: so do we. */
	ac_doc_convert_book(b, &d);
	for (size_t i = 0; i < b->narticles; i++) {
		const ac_article *a = &b->articles[i];
		if (!a->doc)
			ac_fuzz_fail("%s: no document after conversion", a->file);
		xmlNodePtr root = xmlDocGetRootElement(a->doc);
		if (!root || strcmp((const char *)root->name, "article") != 0)
			ac_fuzz_fail("%s: the root is not <article>", a->file);
		check_tree(a, root->children, 0);
	}
	if (getenv("AC_FUZZ_VERBOSE"))
		ac_diags_print(&d, stderr, 0);
	ac_book_free(b);
	ac_diags_free(&d);
	return 0;
}
