/* test_epub.c - unit tests for the EPUB writer's pure helpers: entry names, URLs,
 * footnote asides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "epub/internal.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

static void media_paths(void **state)
{
	(void)state;
	/* Names that need no escaping keep their name. */
	char *s = epub_media_path("images/raft-log_2.v1.png");
	assert_string_equal(s, "media/images/raft-log_2.v1.png");
	free(s);
	s = epub_media_path("images/-dash.svg");
	assert_string_equal(s, "media/images/-dash.svg");
	free(s);
	/* Others: slug, hash of the whole path, extension in lower case. */
	static const char *const odd[] = {"images/with space.SVG", "images/hash#mark.svg",
					  "images/question?mark.svg", "images/quote\"double.svg",
					  "images/\xc3\xbcn\xc3\xaf.svg", "my figs/a b.png",
					  "images/%41.svg", "images/...png"};
	char *names[sizeof odd / sizeof *odd];
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		names[i] = epub_media_path(odd[i]);
		const char *n = names[i];
		assert_int_equal(strncmp(n, "media/", 6), 0);
		assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					   "0123456789-._/"),
				 strlen(n));
		assert_true(n[strlen(n) - 1] != '.');
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(names[j], n);
	}
	assert_int_equal(strncmp(names[0], "media/images/with-space-", 24), 0);
	assert_string_equal(names[0] + strlen(names[0]) - 4, ".svg");
	assert_int_equal(strncmp(names[5], "media/my-figs/a-b-", 18), 0);
	/* Stable from run to run. */
	s = epub_media_path(odd[1]);
	assert_string_equal(s, names[1]);
	free(s);
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		free(names[i]);
}

static void url_encoding(void **state)
{
	(void)state;
	char *s = epub_url_encode("media/a b#c.svg");
	assert_string_equal(s, "media/a%20b%23c.svg");
	free(s);
}

/* The text of the chapter tree after footnote asides were added. */
static char *asides_of(const char *xhtml)
{
	xmlDocPtr doc = xmlReadMemory(xhtml, (int)strlen(xhtml), "t.xhtml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr sec = root->children;
	while (sec && sec->type != XML_ELEMENT_NODE)
		sec = sec->next;
	xmlNsPtr epub = xmlSearchNsByHref(doc, root, BAD_CAST "http://www.idpf.org/2007/ops");
	epub_footnote_asides(sec, root->ns, epub);
	xmlChar *out = NULL;
	int len = 0;
	xmlDocDumpMemory(doc, &out, &len);
	char *s = ac_xstrdup((const char *)out);
	xmlFree(out);
	xmlFreeDoc(doc);
	return s;
}

static void footnote_asides(void **state)
{
	(void)state;
	const char *in =
		"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">"
		"<section><p>One<sup><a href=\"#fn-a\" epub:type=\"noteref\" id=\"r1\">1</a></sup>"
		" two<sup><a href=\"#fn-b\" id=\"r2\">2</a></sup></p>"
		"<ul><li>item<sup><a href=\"#fn-a\" id=\"r3\">1</a></sup></li></ul>"
		"<section class=\"footnotes\"><ol>"
		"<li id=\"fn-a\" epub:type=\"endnote\"><p>Note <em id=\"x\">A</em>. <a href=\"#r1\">back</a></p></li>"
		"<li id=\"fn-b\"><p>Note B.</p></li>"
		"<li id=\"fn-c\"><p>Nobody refers to C.</p></li>"
		"</ol></section></section></html>";
	char *s = asides_of(in);
	/* One aside per note referred to, after the paragraph of its first
	 * reference, in order, numbered, holding the note's id. */
	const char *a = strstr(s, "<aside id=\"fn-a\" epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\">");
	const char *b = strstr(s, "<aside id=\"fn-b\"");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(strstr(s, "</p><aside") != NULL);
	assert_true(a < b && b < strstr(s, "<ul>"));
	assert_non_null(strstr(a, "<p><span class=\"footnote-number\">1</span> Note <em>A</em>."));
	assert_non_null(strstr(b, "<span class=\"footnote-number\">2</span> Note B."));
	assert_null(strstr(s, "id=\"fn-c\" epub:type=\"footnote\""));
	/* Ids once each: the endnotes keep their text, not their ids; the
	 * unreferenced note keeps its id; no namespace declaration repeated. */
	assert_null(strstr(s, "<li id=\"fn-a\""));
	assert_non_null(strstr(s, "<li epub:type=\"endnote\"><p>Note <em id=\"x\">A</em>"));
	assert_non_null(strstr(s, "<li id=\"fn-c\">"));
	assert_null(strstr(strstr(s, "<section>"), "xmlns"));
	assert_int_equal(strstr(s, "<aside id=\"fn-a\"") - s, a - s);
	assert_null(strstr(a + 1, "<aside id=\"fn-a\""));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(media_paths),
		cmocka_unit_test(url_encoding),
		cmocka_unit_test(footnote_asides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
