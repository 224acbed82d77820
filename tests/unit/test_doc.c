/* test_doc.c - unit tests for Markdown to XHTML: allowlist, links, ids, figures. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "book/book.h"
#include "doc/doc.h"

#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	ac_book *book;
	ac_diags diags;
	char *xhtml[2];
} fixture;

static char *serialize(xmlDocPtr doc)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlSaveCtxtPtr ctx = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_NO_DECL);
	xmlSaveDoc(ctx, doc);
	xmlSaveClose(ctx);
	char *s = ac_xstrdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

/* Loads the markdown fixture book and converts it once for all tests. */
static int setup(void **state)
{
	fixture *f = ac_xcalloc(1, sizeof *f);
	ac_load_opts o = {false, false, -1, false};
	ac_diags_init(&f->diags);
	f->book = ac_book_load("tests/fixtures/markdown", &o, &f->diags);
	if (!f->book)
		return -1;
	ac_doc_convert_book(f->book, &f->diags);
	for (size_t i = 0; i < 2 && i < f->book->narticles; i++)
		f->xhtml[i] = serialize(f->book->articles[i].doc);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	free(f->xhtml[0]);
	free(f->xhtml[1]);
	ac_book_free(f->book);
	ac_diags_free(&f->diags);
	free(f);
	return 0;
}

static bool has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static void allowlist_removes_active_content(void **state)
{
	fixture *f = *state;
	const char *x = f->xhtml[0]; /* constructs.md */
	assert_false(has(x, "<script"));
	assert_false(has(x, "alert"));
	assert_false(has(x, "onclick"));
	assert_false(has(x, "javascript:"));
	assert_false(has(x, "<iframe"));
	assert_false(has(x, "<form"));
	assert_false(has(x, "<input"));
	assert_false(has(x, "style="));
	assert_false(has(x, "<font"));
	assert_false(has(x, "remote.png"));
	/* Kept: the text around them, and allowed inline HTML. */
	assert_true(has(x, "Click handler removed."));
	assert_true(has(x, "<abbr title=\"HyperText Markup Language\">HTML</abbr>"));
	assert_true(has(x, "<kbd>Ctrl</kbd>"));
	assert_true(has(x, "Styled \xc2\xa9"));
	assert_non_null(ac_diags_find(&f->diags, "<script> removed"));
	assert_non_null(ac_diags_find(&f->diags, "event handler 'onclick'"));
	assert_non_null(ac_diags_find(&f->diags, "remote image"));
}

static void links_between_articles(void **state)
{
	fixture *f = *state;
	const char *x = f->xhtml[0];
	assert_true(has(x, "href=\"other.xhtml\""));
	assert_true(has(x, "href=\"other.xhtml#deep-dive\""));
	assert_true(has(x, "href=\"#lists\""));
	/* A missing article becomes plain text; a missing anchor links the article. */
	assert_false(has(x, "nope"));
	assert_true(has(x, "<a href=\"other.xhtml\">bad anchor</a>"));
	/* The other article's "Lists" heading got a book-unique id. */
	assert_true(has(f->xhtml[1], "id=\"lists-2\""));
	assert_true(has(f->xhtml[1], "href=\"constructs.xhtml#lists\""));
	const ac_diag *d = ac_diags_find(&f->diags, "link to 'nope.md'");
	assert_non_null(d);
	assert_int_equal(d->line, 86);
}

static void headings_figures_footnotes(void **state)
{
	fixture *f = *state;
	const char *x = f->xhtml[0];
	/* "# A top-level heading" shifts to h2 so that it sits below the title. */
	assert_true(has(x, "<h2 id=\"a-top-level-heading-becomes-a-section\">"));
	assert_true(has(x, "<h4 id=\"deeper-heading\">"));
	assert_true(has(x, "<figure><img src=\"images/box.svg\" alt=\"A square box and an arrow\"/>"
			   "<figcaption>The box, as a figure</figcaption></figure>"));
	assert_true(has(x, "<img src=\"images/dot.png\" alt=\"a dot\"/>"));
	assert_true(has(x, "epub:type=\"noteref\""));
	assert_true(has(x, "epub:type=\"endnotes\""));
	assert_true(has(x, "class=\"language-python\""));
	assert_true(has(x, "class=\"align-right\""));
	assert_false(has(x, "align=\""));
	assert_false(has(x, "data-sourcepos"));
	assert_false(has(x, "data-ac-"));
	assert_true(f->book->articles[0].has_footnotes);
	assert_int_equal(f->book->articles[0].nimages, 2);
}

static void url_helpers(void **state)
{
	(void)state;
	assert_true(ac_url_is_external("https://example.org"));
	assert_true(ac_url_is_external("MAILTO:x@y.z"));
	assert_false(ac_url_is_external("raft.md"));
	assert_true(ac_url_is_dangerous("javascript:alert(1)"));
	assert_true(ac_url_is_dangerous(" JaVa\tScRiPt:alert(1)"));
	assert_true(ac_url_is_dangerous("file:///etc/passwd"));
	assert_true(ac_url_is_dangerous("data:text/html,x"));
	assert_true(ac_url_is_dangerous("//evil.example/x"));
	assert_false(ac_url_is_dangerous("raft.md#x"));
	char *s = ac_percent_decode("a%20b%2e%2E");
	assert_string_equal(s, "a b..");
	free(s);
	assert_null(ac_percent_decode("bad%zz"));
	assert_null(ac_percent_decode("nul%00"));
	s = ac_github_anchor("HTTP/2 & HTTP/3");
	assert_string_equal(s, "http2--http3");
	free(s);
}

static void idset_unique(void **state)
{
	(void)state;
	ac_idset s = {0};
	char *a = ac_idset_claim(&s, "intro"), *b = ac_idset_claim(&s, "intro"),
	     *c = ac_idset_claim(&s, "1-numbers");
	assert_string_equal(a, "intro");
	assert_string_equal(b, "intro-2");
	assert_string_equal(c, "s-1-numbers");
	free(a);
	free(b);
	free(c);
	ac_idset_free(&s);
}

#define SAME_ARTICLES 48

/* Articles are converted on several threads; cmark-gfm's parsers share a
 * table of the characters that start inlines (strikethrough, autolinks),
 * so parsers running at once must not change it under each other: the same
 * Markdown must give the same XHTML in every article. */
static void threads_convert_alike(void **state)
{
	(void)state;
	char dir[] = "/tmp/ac-test-doc-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *arts = ac_xasprintf("%s/articles", dir);
	assert_int_equal(mkdir(arts, 0700), 0);
	char *yml = ac_xasprintf("%s/book.yml", dir);
	FILE *f = fopen(yml, "w");
	assert_non_null(f);
	fputs("title: Alike\nauthor: A. Writer\nlanguage: en\n", f);
	fclose(f);
	for (int i = 0; i < SAME_ARTICLES; i++) {
		char *p = ac_xasprintf("%s/a%02d.md", arts, i);
		f = fopen(p, "w");
		assert_non_null(f);
		fprintf(f, "---\ntitle: Article %02d\ndate: 2024-01-01\n---\n", i);
		for (int k = 0; k < 40; k++)
			fputs("Some ~~struck~~ text, www.example.com/page and a@b.org.\n\n", f);
		fputs("| a | b |\n|---|---|\n", f);
		for (int k = 0; k < 40; k++)
			fputs("| ~~x~~ | www.example.org |\n", f);
		fclose(f);
		free(p);
	}
	ac_load_opts o = {false, false, -1, false};
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = ac_book_load(dir, &o, &d);
	assert_non_null(b);
	assert_int_equal(b->narticles, SAME_ARTICLES);
	ac_doc_convert_book(b, &d);
	char *first = serialize(b->articles[0].doc);
	assert_true(has(first, "<del>struck</del>"));
	assert_true(has(first, "href=\"http://www.example.com/page\""));
	assert_true(has(first, "<td><del>x</del></td>"));
	for (size_t i = 1; i < b->narticles; i++) {
		char *s = serialize(b->articles[i].doc);
		assert_string_equal(s, first);
		free(s);
	}
	free(first);
	ac_book_free(b);
	ac_diags_free(&d);
	for (int i = 0; i < SAME_ARTICLES; i++) {
		char *p = ac_xasprintf("%s/a%02d.md", arts, i);
		unlink(p);
		free(p);
	}
	unlink(yml);
	rmdir(arts);
	rmdir(dir);
	free(yml);
	free(arts);
}

/* After ac_doc_setup, even a parse that asks for entity substitution and
 * DTD loading gets nothing from outside: the loader refuses. */
static void entity_loader_refuses(void **state)
{
	(void)state;
	ac_doc_setup();
	char path[] = "/tmp/ac-entity-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "SECRET-CONTENT", 14), 14);
	close(fd);
	char *xml = ac_xasprintf("<!DOCTYPE x [<!ENTITY e SYSTEM \"file://%s\">]><x>&e;</x>", path);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL,
				      XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
	if (doc) {
		xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
		assert_null(text ? strstr((const char *)text, "SECRET") : NULL);
		xmlFree(text);
		xmlFreeDoc(doc);
	}
	free(xml);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allowlist_removes_active_content),
		cmocka_unit_test(links_between_articles),
		cmocka_unit_test(headings_figures_footnotes),
	};
	const struct CMUnitTest plain[] = {
		cmocka_unit_test(url_helpers),
		cmocka_unit_test(idset_unique),
		cmocka_unit_test(threads_convert_alike),
		cmocka_unit_test(entity_loader_refuses),
	};
	int failed = cmocka_run_group_tests(tests, setup, teardown);
	return failed + cmocka_run_group_tests(plain, NULL, NULL);
}
