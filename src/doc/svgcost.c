/* svgcost.c - counts what drawing an SVG figure amounts to: every element
 * drawn, every time it is drawn, following <use>, href="#…" and url(#…),
 * so that a small file cannot fan out into millions of elements or draw a
 * big picture a thousand times. */
#define _GNU_SOURCE /* strcasestr */
#include "svgcost.h"

#include "../base/buf.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define MAX_REF_DEPTH 50

typedef struct {
	uint64_t nodes, pixels;
} cost;

typedef struct {
	GHashTable *ids;     /* id → element */
	GHashTable *memo;    /* element → cost * of drawing it once */
	GHashTable *on_path; /* elements being counted: a reference back is a cycle */
	GHashTable *pictures;
	uint64_t max_nodes, max_pixels, elements;
	xmlNodePtr *sheets; /* <style> elements */
	size_t nsheets;
	bool cycle;
} counter;

static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
	return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

static bool over(const counter *k, const cost *c)
{
	return k->cycle || c->nodes > k->max_nodes || c->pixels > k->max_pixels;
}

static void collect(counter *k, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		k->elements++;
		xmlChar *id = xmlGetNoNsProp(n, (const xmlChar *)"id");
		if (id && !g_hash_table_contains(k->ids, id))
			g_hash_table_insert(k->ids, id, n);
		else
			xmlFree(id);
		if (!strcmp((const char *)n->name, "style")) {
			k->sheets = ac_xrealloc(k->sheets, (k->nsheets + 1) * sizeof *k->sheets);
			k->sheets[k->nsheets++] = n;
		}
		collect(k, n->children);
	}
}

/* Elements drawn only where something refers to them, not where they stand. */
static bool is_template(xmlNodePtr n)
{
	static const char *const names[] = {"defs",	"symbol",	  "pattern",	    "marker",
					    "mask",	"clipPath",	  "filter",	    "linearGradient",
					    "radialGradient"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return true;
	return false;
}

static void cost_of(counter *k, xmlNodePtr n, cost *c, int depth);

/* Adds the element named by "#id…" (up to a quote, parenthesis or space)
 * drawn node_times times, its pictures pixel_times times. */
static void add_ref(counter *k, const char *ref, uint64_t node_times, uint64_t pixel_times,
		    cost *c, int depth)
{
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '"' || *ref == '\'')
		ref++;
	if (*ref != '#')
		return;
	size_t n = strcspn(ref + 1, "\"') \t\n");
	char *id = ac_xstrndup(ref + 1, n);
	xmlNodePtr target = g_hash_table_lookup(k->ids, id);
	free(id);
	if (!target)
		return;
	if (g_hash_table_contains(k->on_path, target) || depth > MAX_REF_DEPTH) {
		k->cycle = true; /* a cycle, or references too deep */
		return;
	}
	cost *once = g_hash_table_lookup(k->memo, target);
	if (!once) {
		once = ac_xcalloc(1, sizeof *once);
		g_hash_table_add(k->on_path, target);
		cost_of(k, target, once, depth + 1);
		g_hash_table_remove(k->on_path, target);
		g_hash_table_insert(k->memo, target, once);
	}
	c->nodes = sat_add(c->nodes, sat_mul(once->nodes, node_times));
	c->pixels = sat_add(c->pixels, sat_mul(once->pixels, pixel_times));
}

/* Every url(#…) in s, drawn as given. */
static void add_urls(counter *k, const char *s, uint64_t node_times, uint64_t pixel_times,
		     cost *c, int depth)
{
	for (const char *p = s; (p = strcasestr(p, "url(")) && !over(k, c); p += 4)
		add_ref(k, p + 4, node_times, pixel_times, c, depth);
}

/* Drawing n once: itself, its picture, what it refers to, and its children
 * but the templates among them. */
static void cost_of(counter *k, xmlNodePtr n, cost *c, int depth)
{
	c->nodes = sat_add(c->nodes, 1);
	if (k->pictures)
		c->pixels = sat_add(c->pixels, GPOINTER_TO_SIZE(g_hash_table_lookup(k->pictures, n)));
	for (xmlAttrPtr a = n->properties; a && !over(k, c); a = a->next) {
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		const char *val = v ? (const char *)v : "";
		if (!strcmp((const char *)a->name, "href"))
			add_ref(k, val, 1, 1, c, depth);
		else
			add_urls(k, val, 1, 1, c, depth);
		xmlFree(v);
	}
	for (xmlNodePtr ch = n->children; ch && !over(k, c); ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && !is_template(ch))
			cost_of(k, ch, c, depth);
}

const char *ac_svg_cost_problem(xmlNodePtr root, GHashTable *pictures, uint64_t max_nodes,
				uint64_t max_pixels)
{
	counter k = {
		.ids = g_hash_table_new_full(g_str_hash, g_str_equal, xmlFree, NULL),
		.memo = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free),
		.on_path = g_hash_table_new(g_direct_hash, g_direct_equal),
		.pictures = pictures,
		.max_nodes = max_nodes,
		.max_pixels = max_pixels,
	};
	collect(&k, root);
	cost c = {0, 0};
	cost_of(&k, root, &c, 0);
	/* A stylesheet's url(#…) may paint any element: its pictures count
	 * once per element of the figure. */
	for (size_t i = 0; i < k.nsheets && !over(&k, &c); i++) {
		xmlChar *css = xmlNodeGetContent(k.sheets[i]);
		add_urls(&k, css ? (const char *)css : "", 1, k.elements, &c, 0);
		xmlFree(css);
	}
	const char *problem = NULL;
	if (k.cycle)
		problem = "the SVG's references form a cycle or nest too deeply";
	else if (c.nodes > max_nodes)
		problem = "the SVG's references (<use>, url(#…)) expand to too many elements";
	else if (c.pixels > max_pixels)
		problem = "the SVG draws its data: pictures more than 40 million pixels in all";
	free(k.sheets);
	g_hash_table_destroy(k.ids);
	g_hash_table_destroy(k.memo);
	g_hash_table_destroy(k.on_path);
	return problem;
}
