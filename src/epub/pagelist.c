/* pagelist.c - the print edition's page breaks in the EPUB: markers in the
 * articles' text, and where each page's marker lives. */
#include "internal.h"

#include "../doc/doc.h"

#include <stdlib.h>
#include <string.h>

xmlNodePtr epub_pagebreak_new(xmlDocPtr doc, xmlNsPtr ns, xmlNsPtr epub, const char *label)
{
	xmlNodePtr s = xmlNewDocNode(doc, ns, BAD_CAST "span", NULL);
	xmlNewNsProp(s, epub, BAD_CAST "type", BAD_CAST "pagebreak");
	xmlSetProp(s, BAD_CAST "role", BAD_CAST "doc-pagebreak");
	char id[32];
	snprintf(id, sizeof id, "page-%s", label);
	xmlSetProp(s, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(s, BAD_CAST "aria-label", BAD_CAST label);
	return s;
}

char *epub_pagebreak_href(const ac_book *b, const ac_pagebreak *e)
{
	if (e->kind == AC_PB_PART)
		return ac_xasprintf("%s.xhtml#page-%s", b->parts[e->owner].slug, e->label);
	if (e->kind == AC_PB_AFTER && e->owner <= -10)
		return ac_xasprintf("%s.xhtml#page-%s", b->parts[-e->owner - 10].slug, e->label);
	return ac_xasprintf("text/%s.xhtml#page-%s", b->seq[e->owner]->slug, e->label);
}

/* Splits text node n at byte off around the element mark: n keeps the
 * bytes before, a new text node after mark (returned) the rest. The halves
 * are not siblings at any time: libxml2 merges adjacent text nodes. */
static xmlNodePtr split_text(xmlNodePtr n, unsigned off, xmlNodePtr mark)
{
	const char *s = (const char *)n->content;
	xmlNodePtr tail = xmlNewDocText(n->doc, BAD_CAST(s + off));
	xmlChar *head = xmlStrndup(BAD_CAST s, (int)off); /* s goes with the old content */
	xmlNodeSetContent(n, head);
	xmlFree(head);
	xmlAddNextSibling(n, mark);
	xmlAddNextSibling(mark, tail);
	return tail;
}

void epub_mark_article(const ac_book *b, ac_pagebreaks *pb, size_t article)
{
	xmlDocPtr doc = b->seq[article]->doc;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root)
		return;
	xmlNsPtr ns = xmlSearchNsByHref(doc, root, BAD_CAST AC_XHTML_NS);
	xmlNsPtr epub = xmlSearchNsByHref(doc, root, BAD_CAST AC_EPUB_NS);
	if (!epub)
		epub = xmlNewNs(root, BAD_CAST AC_EPUB_NS, BAD_CAST "epub");
	/* In page order: a split moves the places after it in the same text
	 * node into the node's second half, so that markers at one place keep
	 * their order. */
	for (size_t i = 0; i < pb->count; i++) {
		ac_pagebreak *e = &pb->items[i];
		if (e->kind != AC_PB_TEXT || (size_t)e->owner != article || !e->node)
			continue;
		xmlNodePtr at = e->node;
		xmlNodePtr mark = epub_pagebreak_new(doc, ns, epub, e->label);
		if (e->off == AC_PB_BEFORE || e->off == 0 || at->type != XML_TEXT_NODE) {
			xmlAddPrevSibling(at, mark);
			continue;
		}
		size_t len = at->content ? strlen((const char *)at->content) : 0;
		unsigned off = e->off < len ? e->off : (unsigned)len;
		xmlNodePtr tail = split_text(at, off, mark);
		for (size_t k = i + 1; k < pb->count; k++)
			/* Only this article's entries: others are other threads'. */
			if (pb->items[k].owner == (int)article && pb->items[k].kind == AC_PB_TEXT &&
			    pb->items[k].node == at && pb->items[k].off != AC_PB_BEFORE &&
			    pb->items[k].off >= off) {
				pb->items[k].node = tail;
				pb->items[k].off -= off;
			}
	}
}
