/* notes.c - footnote asides: each endnote of a chapter copied into an
 * <aside epub:type="footnote"> after the block that first refers to it, so
 * that reading systems that pop notes up (Apple Books, Kobo, Thorium) do. */
#include "internal.h"

#include "../base/buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static bool has_class(xmlNodePtr n, const char *cls)
{
	xmlChar *c = xmlGetProp(n, BAD_CAST "class");
	bool yes = c && !strcmp((const char *)c, cls);
	xmlFree(c);
	return yes;
}

/* The next node of sec's tree in document order, skipping n's children
 * when skip_children. */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr sec, bool skip_children)
{
	if (!skip_children && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != sec && !n->next)
		n = n->parent;
	return n && n != sec ? n->next : NULL;
}

/* The links to places in the chapter (outside its notes sections), by
 * target and, for one target, in document order. */
typedef struct {
	const char *target; /* after the '#'; owned */
	size_t order;
	xmlNodePtr a;
} ref;

typedef struct {
	ref *refs;
	size_t count, cap;
	/* The block the last aside was put after, and that aside. */
	xmlNodePtr last_top, last_aside;
} refs;

static int cmp_ref(const void *x, const void *y)
{
	const ref *a = x, *b = y;
	int c = strcmp(a->target, b->target);
	return c ? c : (a->order > b->order) - (a->order < b->order);
}

static void collect_refs(xmlNodePtr sec, refs *r)
{
	for (xmlNodePtr n = sec->children; n;) {
		bool notes = is(n, "section") && has_class(n, "footnotes");
		if (is(n, "a")) {
			xmlChar *href = xmlGetProp(n, BAD_CAST "href");
			if (href && href[0] == '#') {
				if (r->count == r->cap) {
					r->cap = r->cap ? r->cap * 2 : 64;
					r->refs = ac_xrealloc(r->refs, r->cap * sizeof *r->refs);
				}
				r->refs[r->count] = (ref){ac_xstrdup((const char *)href + 1), r->count, n};
				r->count++;
			}
			xmlFree(href);
		}
		n = next_node(n, sec, notes);
	}
	if (r->count)
		qsort(r->refs, r->count, sizeof *r->refs, cmp_ref);
}

/* The first link to #id. */
static xmlNodePtr first_ref(const refs *r, const char *id)
{
	size_t lo = 0, hi = r->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(r->refs[mid].target, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->count && !strcmp(r->refs[lo].target, id) ? r->refs[lo].a : NULL;
}

/* Readies a copied subtree for its place in the page: its ids removed
 * (they stay on the endnote), its elements and attributes pointed at the
 * page's namespace declarations instead of repeating them. */
static void adopt_copy(xmlNodePtr n, xmlNsPtr ns, xmlNsPtr epub)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlAttrPtr id = xmlHasProp(n, BAD_CAST "id");
		if (id)
			xmlRemoveProp(id);
		if (n->ns && !strcmp((const char *)n->ns->href, (const char *)ns->href))
			n->ns = ns;
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			if (a->ns && !strcmp((const char *)a->ns->href, (const char *)epub->href))
				a->ns = epub;
		adopt_copy(n->children, ns, epub);
		if (n->nsDef) {
			xmlFreeNsList(n->nsDef);
			n->nsDef = NULL;
		}
	}
}

/* Makes the aside of endnote li, numbered number; returns false when
 * nothing in the chapter refers to it. */
static bool aside(xmlNodePtr sec, refs *r, xmlNodePtr li, int number, xmlNsPtr ns,
		  xmlNsPtr epub)
{
	xmlChar *id = xmlGetProp(li, BAD_CAST "id");
	xmlNodePtr at_ref = id ? first_ref(r, (const char *)id) : NULL;
	if (!at_ref) {
		xmlFree(id);
		return false;
	}
	/* After the chapter's block holding the reference: asides are flow
	 * content, which paragraphs and headings may not hold. */
	xmlNodePtr top = at_ref;
	while (top->parent && top->parent != sec)
		top = top->parent;
	xmlNodePtr a = xmlNewDocNode(sec->doc, ns, BAD_CAST "aside", NULL);
	/* The note's id goes to the aside, which the reference points at. */
	xmlUnsetProp(li, BAD_CAST "id");
	xmlSetProp(a, BAD_CAST "id", id);
	xmlNewNsProp(a, epub, BAD_CAST "type", BAD_CAST "footnote");
	xmlSetProp(a, BAD_CAST "role", BAD_CAST "doc-footnote");
	xmlSetProp(a, BAD_CAST "class", BAD_CAST "footnote");
	for (xmlNodePtr c = li->children; c; c = c->next)
		xmlAddChild(a, xmlDocCopyNode(c, sec->doc, 1));
	adopt_copy(a->children, ns, epub);
	/* Its number, as in the list of notes, before the text. */
	char label[16];
	snprintf(label, sizeof label, "%d", number);
	xmlNodePtr first = a->children;
	while (first && first->type != XML_ELEMENT_NODE)
		first = first->next;
	xmlNodePtr num = xmlNewDocNode(sec->doc, ns, BAD_CAST "span", BAD_CAST label);
	xmlSetProp(num, BAD_CAST "class", BAD_CAST "footnote-number");
	if (is(first, "p") && first->children) {
		xmlAddPrevSibling(first->children, num);
		xmlAddNextSibling(num, xmlNewDocText(sec->doc, BAD_CAST " "));
	} else {
		xmlNodePtr p = xmlNewDocNode(sec->doc, ns, BAD_CAST "p", NULL);
		xmlAddChild(p, num);
		if (first)
			xmlAddPrevSibling(first, p);
		else
			xmlAddChild(a, p);
	}
	/* Notes referred to from one block follow it in their order. */
	xmlNodePtr after = top == r->last_top ? r->last_aside : top;
	xmlAddNextSibling(after, a);
	r->last_top = top;
	r->last_aside = a;
	xmlFree(id);
	return true;
}

void epub_footnote_asides(xmlNodePtr sec, xmlNsPtr ns, xmlNsPtr epub)
{
	refs r = {0};
	collect_refs(sec, &r);
	for (xmlNodePtr n = sec->children; n;) {
		if (!(is(n, "section") && has_class(n, "footnotes"))) {
			n = next_node(n, sec, false);
			continue;
		}
		int number = 0;
		for (xmlNodePtr ol = n->children; ol; ol = ol->next)
			if (is(ol, "ol"))
				for (xmlNodePtr li = ol->children; li; li = li->next)
					if (is(li, "li"))
						aside(sec, &r, li, ++number, ns, epub);
		n = next_node(n, sec, true);
	}
	for (size_t i = 0; i < r.count; i++)
		free((char *)r.refs[i].target);
	free(r.refs);
}
