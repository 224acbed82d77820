/* package.c - the package document (OPF) and the NCX, written with xmlTextWriter. */
#include "internal.h"

#include <libxml/xmlwriter.h>

#include <stdlib.h>
#include <string.h>

static xmlTextWriterPtr writer_new(xmlBufferPtr *buf)
{
	*buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(*buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	return w;
}

static void writer_finish(xmlTextWriterPtr w, xmlBufferPtr buf, ac_buf *out)
{
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	ac_buf_reset(out);
	ac_buf_add(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
}

static void start(xmlTextWriterPtr w, const char *name)
{
	xmlTextWriterStartElement(w, BAD_CAST name);
}

static void end(xmlTextWriterPtr w)
{
	xmlTextWriterEndElement(w);
}

static void attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

static void text_el(xmlTextWriterPtr w, const char *name, const char *text)
{
	xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

static void meta_prop(xmlTextWriterPtr w, const char *property, const char *refines,
		      const char *value)
{
	start(w, "meta");
	attr(w, "property", property);
	if (refines)
		attr(w, "refines", refines);
	xmlTextWriterWriteString(w, BAD_CAST value);
	end(w);
}

void epub_opf(const ac_book *b, const ac_tag_index *tags, const epub_entries *e,
	      bool has_images, bool page_list, ac_buf *out)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = writer_new(&buf);
	start(w, "package");
	attr(w, "xmlns", "http://www.idpf.org/2007/opf");
	attr(w, "version", "3.0");
	attr(w, "unique-identifier", "uid");
	attr(w, "xml:lang", b->language);

	start(w, "metadata");
	attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	start(w, "dc:identifier");
	attr(w, "id", "uid");
	xmlTextWriterWriteString(w, BAD_CAST b->identifier);
	end(w);
	start(w, "dc:title");
	attr(w, "id", "title");
	xmlTextWriterWriteString(w, BAD_CAST b->title);
	end(w);
	meta_prop(w, "title-type", "#title", "main");
	if (b->subtitle) {
		start(w, "dc:title");
		attr(w, "id", "subtitle");
		xmlTextWriterWriteString(w, BAD_CAST b->subtitle);
		end(w);
		meta_prop(w, "title-type", "#subtitle", "subtitle");
	}
	for (size_t i = 0; i < b->nauthors; i++) {
		char id[32], ref[34];
		snprintf(id, sizeof id, "creator%zu", i + 1);
		snprintf(ref, sizeof ref, "#%s", id);
		start(w, "dc:creator");
		attr(w, "id", id);
		xmlTextWriterWriteString(w, BAD_CAST b->authors[i]);
		end(w);
		start(w, "meta");
		attr(w, "property", "role");
		attr(w, "refines", ref);
		attr(w, "scheme", "marc:relators");
		xmlTextWriterWriteString(w, BAD_CAST "aut");
		end(w);
	}
	text_el(w, "dc:language", b->language);
	/* The print edition, whose pages the page-list follows: the handbook
	 * carries the book's identifier in its colophon. */
	if (page_list) {
		start(w, "dc:source");
		attr(w, "id", "print-source");
		xmlTextWriterWriteString(w, BAD_CAST b->identifier);
		end(w);
		/* EPUB 3.2's way to say that the page breaks follow it: EPUB
		 * Accessibility 1.1's a11y:pageBreakSource is an undefined property
		 * to Debian's EPUBCheck 4.2.6 (OPF-027). */
		meta_prop(w, "source-of", "#print-source", "pagination");
	}
	if (b->publisher)
		text_el(w, "dc:publisher", b->publisher);
	if (b->rights)
		text_el(w, "dc:rights", b->rights);
	if (b->subtitle)
		text_el(w, "dc:description", b->subtitle);
	for (size_t i = 0; i < tags->count; i++)
		text_el(w, "dc:subject", tags->tags[i].name);
	char stamp[21];
	epub_timestamp(b, stamp);
	char day[11];
	memcpy(day, stamp, 10);
	day[10] = '\0';
	text_el(w, "dc:date", day);
	meta_prop(w, "dcterms:modified", NULL, stamp);
	if (b->version)
		meta_prop(w, "dcterms:hasVersion", NULL, b->version);
	/* Accessibility metadata (schema.org, EPUB Accessibility 1.0). */
	meta_prop(w, "schema:accessMode", NULL, "textual");
	if (has_images)
		meta_prop(w, "schema:accessMode", NULL, "visual");
	meta_prop(w, "schema:accessModeSufficient", NULL, "textual");
	meta_prop(w, "schema:accessibilityFeature", NULL, "structuralNavigation");
	meta_prop(w, "schema:accessibilityFeature", NULL, "tableOfContents");
	meta_prop(w, "schema:accessibilityFeature", NULL, "readingOrder");
	meta_prop(w, "schema:accessibilityFeature", NULL, "index");
	if (has_images)
		meta_prop(w, "schema:accessibilityFeature", NULL, "alternativeText");
	if (page_list) {
		meta_prop(w, "schema:accessibilityFeature", NULL, "pageBreakMarkers");
		meta_prop(w, "schema:accessibilityFeature", NULL, "pageNavigation");
	}
	meta_prop(w, "schema:accessibilityHazard", NULL, "none");
	meta_prop(w, "schema:accessibilitySummary", NULL,
		  page_list ? "Text with headings in document order, a table of contents with "
			      "navigation to every section, an index of tags, page-break markers "
			      "and a page list of the printed handbook, and a text alternative "
			      "for every figure. No flashing, sound or motion."
			    : "Text with headings in document order, a table of contents with "
			      "navigation to every section, an index of tags, and a text "
			      "alternative for every figure. No flashing, sound or motion.");
	start(w, "link");
	attr(w, "rel", "dcterms:conformsTo");
	attr(w, "href", "http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa");
	end(w);
	meta_prop(w, "a11y:certifiedBy", NULL, "autochitect (self-assessed)");
	start(w, "meta");
	attr(w, "name", "cover");
	attr(w, "content", "cover-image");
	end(w);
	end(w); /* metadata */

	start(w, "manifest");
	for (size_t i = 0; i < e->count; i++) {
		const epub_entry *it = &e->items[i];
		if (!it->id)
			continue;
		start(w, "item");
		attr(w, "id", it->id);
		char *href = epub_url_encode(it->path + strlen("EPUB/"));
		attr(w, "href", href);
		free(href);
		attr(w, "media-type", it->media_type);
		if (it->properties)
			attr(w, "properties", it->properties);
		end(w);
	}
	end(w);

	start(w, "spine");
	attr(w, "toc", "ncx");
	for (size_t i = 0; i < e->count; i++) {
		if (!e->items[i].spine)
			continue;
		start(w, "itemref");
		attr(w, "idref", e->items[i].id);
		end(w);
	}
	end(w);
	end(w); /* package */
	writer_finish(w, buf, out);
}

static void nav_point(xmlTextWriterPtr w, int *order, const char *id, const char *label,
		      const char *src)
{
	char po[16];
	snprintf(po, sizeof po, "%d", ++*order);
	start(w, "navPoint");
	attr(w, "id", id);
	attr(w, "playOrder", po);
	start(w, "navLabel");
	text_el(w, "text", label);
	end(w);
	start(w, "content");
	attr(w, "src", src);
	end(w);
}

static void ncx_article(xmlTextWriterPtr w, int *order, const ac_article *a)
{
	char *id = ac_xasprintf("np-%s", a->slug);
	char *src = ac_xasprintf("text/%s.xhtml", a->slug);
	nav_point(w, order, id, a->title, src);
	end(w);
	free(id);
	free(src);
}

void epub_ncx(const ac_book *b, bool terms, ac_buf *out)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = writer_new(&buf);
	start(w, "ncx");
	attr(w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	attr(w, "version", "2005-1");
	attr(w, "xml:lang", b->language);
	start(w, "head");
	start(w, "meta");
	attr(w, "name", "dtb:uid");
	attr(w, "content", b->identifier);
	end(w);
	start(w, "meta");
	attr(w, "name", "dtb:depth");
	attr(w, "content", b->nparts ? "2" : "1");
	end(w);
	start(w, "meta");
	attr(w, "name", "dtb:totalPageCount");
	attr(w, "content", "0");
	end(w);
	start(w, "meta");
	attr(w, "name", "dtb:maxPageNumber");
	attr(w, "content", "0");
	end(w);
	end(w);
	start(w, "docTitle");
	text_el(w, "text", b->title);
	end(w);
	start(w, "navMap");
	int order = 0;
	nav_point(w, &order, "np-title", "Title page", "title.xhtml");
	end(w);
	nav_point(w, &order, "np-toc", "Contents", "nav.xhtml");
	end(w);
	if (b->nparts) {
		for (size_t i = 0; i < b->nparts; i++) {
			char *id = ac_xasprintf("np-%s", b->parts[i].slug);
			char *src = ac_xasprintf("%s.xhtml", b->parts[i].slug);
			nav_point(w, &order, id, b->parts[i].name, src);
			for (size_t k = 0; k < b->parts[i].count; k++)
				ncx_article(w, &order, b->parts[i].articles[k]);
			end(w);
			free(id);
			free(src);
		}
	} else {
		for (size_t i = 0; i < b->nseq; i++)
			ncx_article(w, &order, b->seq[i]);
	}
	nav_point(w, &order, "np-tags", "Index of tags", "tags.xhtml");
	end(w);
	if (terms) {
		nav_point(w, &order, "np-index", "Index", "index.xhtml");
		end(w);
	}
	end(w); /* navMap */
	end(w); /* ncx */
	writer_finish(w, buf, out);
}
