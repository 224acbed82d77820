/* svgcheck.c - SVG figures are parsed with libxml2 (no network, no DTD, no
 * entity substitution), stripped of editor data and walked: anything that
 * could read another file, run code, or expand without bound is refused. */
#define _GNU_SOURCE /* strcasestr */
#include "svgcheck.h"

#include "../base/buf.h"
#include "dataurl.h"
#include "svgcost.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdint.h>
#include <string.h>
#include <strings.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define MAX_DRAWN_ELEMENTS 200000
#define MAX_DEPTH 200
#define MAX_DRAWN_PIXELS (40ull * 1000 * 1000) /* data: pictures, each time drawn */

typedef struct {
	const char *problem;
	ac_data_budget data;
	GHashTable *pictures; /* <image> node → its data: picture's pixels */
} walk;

static bool url_ok(const char *v)
{
	/* Only references into the same document. */
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '"' || *v == '\'')
		v++;
	return v[0] == '#' || v[0] == '\0';
}

/* Every url(…) in a style must point inside the document. */
static bool css_ok(const char *s)
{
	if (strcasestr(s, "@import"))
		return false;
	for (const char *p = s; (p = strcasestr(p, "url(")); p += 4)
		if (!url_ok(p + 4))
			return false;
	return true;
}

/* Where a hyperlink (<a href>) may lead: a web page, a mail address, or
 * into the figure; javascript: and every other scheme are refused. */
static bool link_ok(const char *v)
{
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	return url_ok(v) || !strncasecmp(v, "http://", 7) || !strncasecmp(v, "https://", 8) ||
	       !strncasecmp(v, "mailto:", 7);
}

/* What an href may name on element n: a hyperlink on <a>, a checked data:
 * picture on <image>, else only a place in the figure. */
static const char *href_problem(walk *w, xmlNodePtr n, const char *val)
{
	const char *name = (const char *)n->name;
	if (!strcmp(name, "a"))
		return link_ok(val) ? NULL
				    : "the SVG's hyperlink is not a web or mail address "
				      "(javascript: and other schemes are refused)";
	if (!strcmp(name, "image") && ac_is_data_url(val)) {
		uint64_t before = w->data.pixels;
		const char *p = ac_data_picture_problem(val, &w->data);
		if (p)
			return p;
		if (!w->pictures) /* for ac_svg_cost_problem */
			w->pictures = g_hash_table_new(g_direct_hash, g_direct_equal);
		g_hash_table_insert(w->pictures, n, GSIZE_TO_POINTER(w->data.pixels - before));
		return NULL;
	}
	return url_ok(val) ? NULL : "the SVG refers to another file or a web address";
}

static bool has_entity_ref(xmlNodePtr n)
{
	for (; n; n = n->next)
		if (n->type == XML_ENTITY_REF_NODE)
			return true;
	return false;
}

static void check_node(walk *w, xmlNodePtr n, int depth)
{
	for (; n && !w->problem; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE) {
			w->problem = "entity references are not allowed in SVG figures";
			return;
		}
		if (n->type == XML_XINCLUDE_START || n->type == XML_XINCLUDE_END) {
			w->problem = "XInclude is not allowed in SVG figures";
			return;
		}
		/* <?xml-stylesheet href=…?> would load a stylesheet. */
		if (n->type == XML_PI_NODE && !strcasecmp((const char *)n->name, "xml-stylesheet")) {
			w->problem = "the SVG refers to a stylesheet (xml-stylesheet)";
			return;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > MAX_DEPTH) {
			w->problem = "the SVG is nested too deeply";
			return;
		}
		const char *name = (const char *)n->name;
		const char *ns = n->ns ? (const char *)n->ns->href : "";
		if (strstr(ns, "XInclude") || !strcmp(name, "include")) {
			w->problem = "XInclude is not allowed in SVG figures";
			return;
		}
		if (!strcasecmp(name, "script") || !strcasecmp(name, "foreignObject") ||
		    !strcasecmp(name, "iframe") || !strcasecmp(name, "handler")) {
			w->problem = "scripts and foreign content are not allowed in SVG figures";
			return;
		}
		if (!strcmp(name, "style")) {
			xmlChar *css = xmlNodeGetContent(n);
			bool ok = css_ok(css ? (const char *)css : "");
			xmlFree(css);
			if (!ok) {
				w->problem = "the SVG's stylesheet refers to another file";
				return;
			}
		}
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (has_entity_ref(a->children)) {
				w->problem = "entity references are not allowed in SVG figures";
				return;
			}
			const char *an = (const char *)a->name;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			const char *val = v ? (const char *)v : "";
			if (!strncasecmp(an, "on", 2))
				w->problem = "event handlers are not allowed in SVG figures";
			else if (!strcmp(an, "href"))
				w->problem = href_problem(w, n, val);
			else if (!strcmp(an, "style") && !css_ok(val))
				w->problem = "the SVG's styles refer to another file";
			else if (strcasestr(val, "url(") && !css_ok(val))
				w->problem = "the SVG refers to another file or a web address";
			xmlFree(v);
			if (w->problem)
				return;
		}
		check_node(w, n->children, depth + 1);
	}
}

/* XInclude and entity references are refused wherever they stand, editor
 * data included (the rest of the check sees the figure once stripped). */
static const char *hazard(xmlNodePtr n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE)
			return "entity references are not allowed in SVG figures";
		if (n->type != XML_ELEMENT_NODE || depth > MAX_DEPTH)
			continue;
		if ((n->ns && strstr((const char *)n->ns->href, "XInclude")) ||
		    !strcmp((const char *)n->name, "include"))
			return "XInclude is not allowed in SVG figures";
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			if (has_entity_ref(a->children))
				return "entity references are not allowed in SVG figures";
		const char *p = hazard(n->children, depth + 1);
		if (p)
			return p;
	}
	return NULL;
}

/* Editor data: elements and attributes of any namespace but SVG's, XLink's
 * and XML's (sodipodi:, inkscape:, RDF and Dublin Core, Illustrator's …),
 * and <metadata>. No renderer draws them; they are removed, with xml:base
 * (every address left is absolute or inside the figure), and so are HTML
 * alternatives that have an SVG fallback. */
static bool foreign(const xmlNs *ns)
{
	if (!ns)
		return false;
	const char *h = (const char *)ns->href;
	return strcmp(h, SVG_NS) && strcmp(h, XLINK_NS) && strcmp(h, (const char *)XML_XML_NAMESPACE);
}

static bool is_xml_base(const xmlAttr *a)
{
	return a->ns && !strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) &&
	       !strcmp((const char *)a->name, "base");
}

/* A <foreignObject> that a <switch> offers beside a fallback drawn in SVG
 * (draw.io writes its labels as HTML so, with <text> after them): the
 * fallback is what a renderer without HTML draws, so the HTML goes. A lone
 * <foreignObject> stays, to be refused. */
static bool switch_alternative(xmlNodePtr n)
{
	if (strcmp((const char *)n->name, "foreignObject") || !n->parent ||
	    n->parent->type != XML_ELEMENT_NODE || strcmp((const char *)n->parent->name, "switch"))
		return false;
	for (xmlNodePtr m = n->next; m; m = m->next)
		if (m->type == XML_ELEMENT_NODE && strcmp((const char *)m->name, "foreignObject"))
			return true;
	return false;
}

static void strip(xmlNodePtr n, int depth)
{
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_ELEMENT_NODE &&
		    (foreign(n->ns) || !strcmp((const char *)n->name, "metadata") ||
		     switch_alternative(n))) {
			/* The indentation before it goes too, when white space
			 * follows (so that no words in a <text> run together). */
			xmlNodePtr prev = n->prev;
			if (prev && prev->type == XML_TEXT_NODE && xmlIsBlankNode(prev) && next &&
			    next->type == XML_TEXT_NODE && xmlIsBlankNode(next)) {
				xmlUnlinkNode(prev);
				xmlFreeNode(prev);
			}
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = n->properties, an; a; a = an) {
				an = a->next;
				if (foreign(a->ns) || is_xml_base(a))
					xmlRemoveProp(a);
			}
			if (depth <= MAX_DEPTH) /* deeper is refused by the check */
				strip(n->children, depth + 1);
		}
		n = next;
	}
}

static void mark_used(GHashTable *used, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns)
			g_hash_table_add(used, n->ns);
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			if (a->ns)
				g_hash_table_add(used, a->ns);
		mark_used(used, n->children);
	}
}

/* Namespace declarations nothing uses any more (the editors') go. */
static void drop_unused_ns(GHashTable *used, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlNsPtr *link = &n->nsDef;
		while (*link) {
			xmlNsPtr ns = *link;
			if (g_hash_table_contains(used, ns)) {
				link = &ns->next;
			} else {
				*link = ns->next;
				ns->next = NULL;
				xmlFreeNs(ns);
			}
		}
		drop_unused_ns(used, n->children);
	}
}

/* doctypedecl ::= '<!DOCTYPE' S Name (S ExternalID)? S? ('[' intSubset ']' S?)? '>'
 * Only the external identifier is accepted, and never loaded: a '[' outside
 * the quoted literals opens an internal subset, where entities are declared,
 * and is refused before anything is parsed. Every "<!DOCTYPE" in the text is
 * looked at, those in comments too, so that none slips past. */
static const char *doctype_problem(const char *data, size_t len)
{
	for (size_t i = 0; i + 9 <= len; i++) {
		if (data[i] != '<' || strncasecmp(data + i, "<!DOCTYPE", 9) != 0)
			continue;
		size_t k = i + 9;
		for (; k < len && data[k] != '>'; k++) {
			if (data[k] == '"' || data[k] == '\'') {
				const char *end = memchr(data + k + 1, data[k], len - k - 1);
				if (!end)
					return "the SVG's DOCTYPE is not closed";
				k = (size_t)(end - data);
			} else if (data[k] == '[') {
				return "SVG figures may not declare entities "
				       "(a DOCTYPE with an internal subset [ … ] is refused)";
			}
		}
		if (k == len)
			return "the SVG's DOCTYPE is not closed";
		i = k;
	}
	return NULL;
}

/* Parses, strips and checks; *out receives the stripped document when it is
 * safe (NULL otherwise). */
static const char *load(const char *data, size_t len, xmlDocPtr *out)
{
	*out = NULL;
	const char *problem = doctype_problem(data, len);
	if (problem)
		return problem;
	if (len > INT32_MAX)
		return "the SVG is too large";
	/* No XML_PARSE_NOENT, DTDLOAD or HUGE: nothing is substituted or loaded
	 * (and the external entity loader refuses everything, ac_doc_setup). */
	xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return "the SVG is not well-formed XML";
	xmlNodePtr root = xmlDocGetRootElement(doc);
	walk w;
	memset(&w, 0, sizeof w);
	if (doc->extSubset || (doc->intSubset && doc->intSubset->children))
		w.problem = "SVG figures may not declare entities or load a DTD";
	else if (!root || strcmp((const char *)root->name, "svg") != 0 || !root->ns ||
		 strcmp((const char *)root->ns->href, SVG_NS) != 0)
		w.problem = "the file is not SVG (no <svg> root in the SVG namespace)";
	else if (!(w.problem = hazard(doc->children, 0))) {
		strip(doc->children, 0);
		check_node(&w, doc->children, 0);
	}
	if (!w.problem)
		w.problem = ac_svg_cost_problem(root, w.pictures, MAX_DRAWN_ELEMENTS, MAX_DRAWN_PIXELS);
	if (w.pictures)
		g_hash_table_destroy(w.pictures);
	if (w.problem)
		xmlFreeDoc(doc);
	else
		*out = doc;
	return w.problem;
}

const char *ac_svg_problem(const char *data, size_t len)
{
	xmlDocPtr doc;
	const char *problem = load(data, len, &doc);
	xmlFreeDoc(doc);
	return problem;
}

const char *ac_svg_clean(const char *data, size_t len, ac_buf *out)
{
	xmlDocPtr doc;
	const char *problem = load(data, len, &doc);
	if (problem)
		return problem;
	xmlDtdPtr dtd = xmlGetIntSubset(doc);
	if (dtd) {
		xmlUnlinkNode((xmlNodePtr)dtd);
		xmlFreeDtd(dtd);
	}
	GHashTable *used = g_hash_table_new(g_direct_hash, g_direct_equal);
	mark_used(used, doc->children);
	drop_unused_ns(used, doc->children);
	g_hash_table_destroy(used);
	doc->standalone = -1;
	xmlChar *mem = NULL;
	int n = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	if (!mem)
		abort(); /* libxml2 fails here only when out of memory */
	ac_buf_add(out, mem, (size_t)n);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return NULL;
}
