/* svgcheck.c - SVG figures are parsed with libxml2 (no network, no DTD, no
 * entity substitution) and walked: anything that could read another file,
 * run code, or expand without bound is refused. */
#define _GNU_SOURCE /* strcasestr */
#include "svgcheck.h"

#include "../base/buf.h"
#include "../base/strmap.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdint.h>
#include <string.h>
#include <strings.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define MAX_USE_EXPANSION 200000
#define MAX_DEPTH 200

typedef struct {
	const char *problem;
	ac_strmap ids; /* id → "" (marks presence; nodes found by walking) */
	xmlNodePtr *by_id;
	char **id_names;
	size_t nids, capids;
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

static void record_id(walk *w, xmlNodePtr n, const char *id)
{
	if (w->nids == w->capids) {
		w->capids = w->capids ? w->capids * 2 : 64;
		w->by_id = ac_xrealloc(w->by_id, w->capids * sizeof *w->by_id);
		w->id_names = ac_xrealloc(w->id_names, w->capids * sizeof *w->id_names);
	}
	char num[24];
	snprintf(num, sizeof num, "%zu", w->nids);
	if (ac_strmap_add(&w->ids, id, num)) {
		w->by_id[w->nids] = n;
		w->id_names[w->nids] = ac_xstrdup(id);
		w->nids++;
	}
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
			const char *an = (const char *)a->name;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			const char *val = v ? (const char *)v : "";
			if (!strncasecmp(an, "on", 2))
				w->problem = "event handlers are not allowed in SVG figures";
			else if (!strcmp(an, "href") && !url_ok(val))
				w->problem = "the SVG refers to another file or a web address";
			else if (!strcmp(an, "style") && !css_ok(val))
				w->problem = "the SVG's styles refer to another file";
			else if (strcasestr(val, "url(") && !css_ok(val))
				w->problem = "the SVG refers to another file or a web address";
			else if (!strcmp(an, "id"))
				record_id(w, n, val);
			xmlFree(v);
			if (w->problem)
				return;
		}
		check_node(w, n->children, depth + 1);
	}
}

static const char *href_of(xmlNodePtr n)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, "href") && a->children)
			return (const char *)a->children->content;
	return NULL;
}

/* How many nodes drawing n amounts to once <use> references are followed;
 * stops counting past the limit. on_path detects reference cycles. */
static uint64_t expansion(walk *w, xmlNodePtr n, uint64_t *memo, bool *on_path, int depth)
{
	uint64_t total = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		total++;
		if (!strcmp((const char *)n->name, "use")) {
			const char *h = href_of(n);
			const char *idx = h && h[0] == '#' ? ac_strmap_get(&w->ids, h + 1) : NULL;
			if (idx) {
				size_t k = (size_t)strtoul(idx, NULL, 10);
				if (on_path[k] || depth > 50)
					return UINT64_MAX; /* a cycle, or references too deep */
				if (!memo[k]) {
					on_path[k] = true;
					xmlNodePtr target = w->by_id[k];
					xmlNodePtr save = target->next;
					target->next = NULL; /* the target alone, not its siblings */
					memo[k] = expansion(w, target, memo, on_path, depth + 1);
					target->next = save;
					on_path[k] = false;
				}
				if (memo[k] == UINT64_MAX)
					return UINT64_MAX;
				total += memo[k];
			}
		}
		uint64_t sub = expansion(w, n->children, memo, on_path, depth);
		if (sub == UINT64_MAX)
			return UINT64_MAX;
		total += sub;
		if (total > MAX_USE_EXPANSION)
			return total;
	}
	return total;
}

const char *ac_svg_problem(const char *data, size_t len)
{
	/* A DOCTYPE can only bring entities and external subsets: refuse it
	 * before parsing, so that nothing is expanded or fetched. */
	const char *doctype = NULL;
	for (size_t i = 0; i + 9 <= len && !doctype; i++)
		if (data[i] == '<' && !strncasecmp(data + i, "<!DOCTYPE", 9))
			doctype = data + i;
	if (doctype)
		return "SVG figures may not have a DOCTYPE (entities and external DTDs are refused)";
	xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return "the SVG is not well-formed XML";
	xmlNodePtr root = xmlDocGetRootElement(doc);
	walk w;
	memset(&w, 0, sizeof w);
	if (!root || strcmp((const char *)root->name, "svg") != 0 || !root->ns ||
	    strcmp((const char *)root->ns->href, SVG_NS) != 0)
		w.problem = "the file is not SVG (no <svg> root in the SVG namespace)";
	else
		check_node(&w, root, 0);
	if (!w.problem && w.nids) {
		uint64_t *memo = ac_xcalloc(w.nids, sizeof *memo);
		bool *on_path = ac_xcalloc(w.nids, sizeof *on_path);
		uint64_t n = expansion(&w, root, memo, on_path, 0);
		if (n == UINT64_MAX)
			w.problem = "the SVG's <use> references form a cycle";
		else if (n > MAX_USE_EXPANSION)
			w.problem = "the SVG's <use> references expand to too many elements";
		free(memo);
		free(on_path);
	}
	for (size_t i = 0; i < w.nids; i++)
		free(w.id_names[i]);
	free(w.id_names);
	free(w.by_id);
	ac_strmap_free(&w.ids);
	xmlFreeDoc(doc);
	return w.problem;
}
