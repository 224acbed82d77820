/* test_doc.c - unit tests for Markdown to XHTML: allowlist, links, URIs, ids,
 * headings, figures, raw HTML repaired to the EPUB content models. */
#define _DEFAULT_SOURCE /* mkdtemp */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "book/book.h"
#include "doc/doc.h"
#include "doc/repair.h"
#include "doc/uri.h"

#include <ftw.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <ctype.h>
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

/* Loads a fixture book and converts it once for all the tests of a group. */
static int setup_book(void **state, const char *dir)
{
	fixture *f = ac_xcalloc(1, sizeof *f);
	ac_load_opts o = {false, false, -1, false};
	ac_diags_init(&f->diags);
	f->book = ac_book_load(dir, &o, &f->diags);
	if (!f->book)
		return -1;
	ac_doc_convert_book(f->book, &f->diags);
	for (size_t i = 0; i < 2 && i < f->book->narticles; i++)
		f->xhtml[i] = serialize(f->book->articles[i].doc);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_book(state, "tests/fixtures/markdown");
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
	assert_false(has(x, "alert("));
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

/* GitHub's alerts: a quote opening with [!KIND] alone on its line becomes
 * GitHub's markup; anything else stays a quote, as written. */
static void github_alerts(void **state)
{
	fixture *f = *state;
	const char *x = f->xhtml[0];
	assert_true(has(x, "<div class=\"markdown-alert markdown-alert-note\">"
			   "<p class=\"markdown-alert-title\">Note</p>\n"
			   "<p>Useful information, even when skimming.</p>\n</div>"));
	/* Any case; a hard break after the marker; every paragraph kept. */
	assert_true(has(x, "<div class=\"markdown-alert markdown-alert-warning\">"
			   "<p class=\"markdown-alert-title\">Warning</p>\n"
			   "<p>Urgent, in two paragraphs.</p>\n<p>The second one.</p>\n</div>"));
	assert_true(has(x, "<blockquote>\n<p>[!TIP] Text on the marker"));
	assert_true(has(x, "<blockquote>\n<p>[!CAUTION]</p>\n</blockquote>"));
	assert_true(has(x, "<blockquote>\n<p>[!EDITION-2018]\nNot a kind of alert: a quote.</p>"));
	assert_false(has(x, "markdown-alert-tip"));
	assert_false(has(x, "markdown-alert-caution"));
}

/* mdBook's listings: the <Listing> tag's file name above the code, its
 * number and caption (Markdown) below, as mdBook's preprocessor writes
 * them; a block holding more than the tag stays as written. */
static void mdbook_listings(void **state)
{
	fixture *f = *state;
	const char *x = f->xhtml[0];
	assert_true(has(x, "<figure class=\"listing\" id=\"listing-1-2\">\n"
			   "<p class=\"listing-file-name\">Filename: src/main.rs</p>"));
	assert_true(has(x, "<figcaption>Listing 1-2: A program that prints <code>Box&lt;T&gt;</code> "
			   "and <em>more</em></figcaption>\n</figure>"));
	assert_true(has(x, "<figure class=\"listing\">\n<pre><code>plain code"));
	assert_true(has(x, "<figcaption>Only a caption</figcaption>"));
	/* Not only the tag: unwrapped with a warning, its text kept. */
	assert_true(has(x, "<b>not only the tag</b>"));
	assert_false(has(x, "Filename: a.txt"));
	assert_non_null(ac_diags_find(&f->diags, "<listing> is not supported"));
	/* A caption that is not one short paragraph of Markdown is its text
	 * (here it would have opened a comment eating the rest of the
	 * article), with a warning. */
	assert_true(has(x, "<figcaption>Listing 1-3: &lt;!-- not a comment here</figcaption>"));
	assert_non_null(ac_diags_find(&f->diags, "the caption of this <Listing> is set as text"));
	assert_true(has(x, "code three"));
	assert_true(has(x, "Another item."));
	/* An open tag in a list item and a close tag after the list are not
	 * one listing. */
	assert_false(has(x, "id=\"listing-1-4\""));
	assert_true(has(x, "code four"));
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
	/* A heading "Page 12" may not take the name of page 12's marker. */
	char *p = ac_idset_claim(&s, "page-12"), *q = ac_idset_claim(&s, "page-12-notes");
	assert_string_equal(a, "intro");
	assert_string_equal(b, "intro-2");
	assert_string_equal(c, "s-1-numbers");
	assert_string_equal(p, "page-12-2");
	assert_string_equal(q, "page-12-notes");
	free(a);
	free(b);
	free(c);
	free(p);
	free(q);
	ac_idset_free(&s);
}

/* Web addresses as authors write them, and the valid URI each becomes; NULL:
 * no possible host, the link is kept as text. */
static void url_repair_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		/* Valid already: unchanged. */
		{"https://example.org", "https://example.org"},
		{"https://example.org/a%20b/c?q=1&r=a+b;c#frag", "https://example.org/a%20b/c?q=1&r=a+b;c#frag"},
		{"http://[::1]:8080/x", "http://[::1]:8080/x"},
		{"http://[2001:db8::7]/", "http://[2001:db8::7]/"},
		{"https://user:pw@example.org:8443/p", "https://user:pw@example.org:8443/p"},
		{"ftp://ftp.example.org/pub/", "ftp://ftp.example.org/pub/"},
		{"HTTPS://Example.ORG/", "HTTPS://Example.ORG/"},
		{"https://example.org/?a=b?c/d:e@f#g/h?i", "https://example.org/?a=b?c/d:e@f#g/h?i"},
		{"https://xn--qei.rust-lang.org/", "https://xn--qei.rust-lang.org/"},
		{"mailto:someone@example.org?subject=Hi%20there", "mailto:someone@example.org?subject=Hi%20there"},
		{"https://example.org/#", "https://example.org/#"},
		/* Repaired. */
		{"https://webchat.freenode.net/?channels=##rust", "https://webchat.freenode.net/?channels=%23%23rust"},
		{"https://example.org/p#a#b", "https://example.org/p#a%23b"},
		{"https://example.org/a b<c>\"d{e}|f\\g^h`i", "https://example.org/a%20b%3Cc%3E%22d%7Be%7D%7Cf%5Cg%5Eh%60i"},
		{"https://example.org/p\xc3\xa4th?q=\xc3\xbc#\xc3\x9f", "https://example.org/p%C3%A4th?q=%C3%BC#%C3%9F"},
		{"https://example.org/100%", "https://example.org/100%25"},
		{"https://example.org/%zz%4", "https://example.org/%25zz%254"},
		{"https://example.org/[x]", "https://example.org/%5Bx%5D"},
		{"  https://example.org/a\tb\n ", "https://example.org/ab"},
		{"http://example.org:/x", "http://example.org/x"},
		/* Internationalised host names in punycode, also percent-encoded
		 * ones (cmark writes a Markdown link's host so). */
		{"https://\xe2\x9d\xa4.rust-lang.org/", "https://xn--qei.rust-lang.org/"},
		{"https://%E2%9D%A4.rust-lang.org/", "https://xn--qei.rust-lang.org/"},
		{"http://b\xc3\xbc" "cher.example/x", "http://xn--bcher-kva.example/x"},
		{"mailto:team@b\xc3\xbc" "cher.example", "mailto:team@xn--bcher-kva.example"},
		{"mailto:a@b.example,c@d.example?subject=Hello World", "mailto:a@b.example,c@d.example?subject=Hello%20World"},
		{"mailto://a@b.example", "mailto:%2F/a@b.example"},
		/* No possible host. */
		{"https://../", NULL},
		{"http://", NULL},
		{"https://a b/", NULL},
		{"https://a%20b/", NULL},
		{"https://a..b/", NULL},
		{"http:foo", NULL},
		{"http://host:port/", NULL},
		{"https://[::1]x/", NULL},
		{"https://\xff\xfe/", NULL},
		{"https://host##x", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *why = NULL;
		char *got = ac_url_repair(cases[i].in, &why);
		if (cases[i].out) {
			if (!got)
				fail_msg("'%s': refused (%s)", cases[i].in, why);
			assert_string_equal(got, cases[i].out);
			/* Repairing twice changes nothing. */
			char *again = ac_url_repair(got, NULL);
			assert_non_null(again);
			assert_string_equal(again, got);
			free(again);
		} else {
			if (got)
				fail_msg("'%s': expected no host, got '%s'", cases[i].in, got);
			assert_non_null(why);
		}
		free(got);
	}
}

/* A small book written to a temporary folder, loaded and converted. */
typedef struct {
	char dir[32];
	ac_book *book;
	ac_diags diags;
} mini_book;

/* files: pairs of a path inside the book folder and its contents, ending in
 * NULL; every article gets the same front matter (4 lines) unless its
 * contents start with "---". */
static void mini_book_load(mini_book *m, const char *const *files)
{
	strcpy(m->dir, "/tmp/ac-test-mini-XXXXXX");
	assert_non_null(mkdtemp(m->dir));
	char *p = ac_xasprintf("%s/articles", m->dir);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	p = ac_xasprintf("%s/book.yml", m->dir);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("title: Mini\nauthor: A. Writer\nlanguage: en\n", f);
	fclose(f);
	free(p);
	for (size_t i = 0; files[i]; i += 2) {
		p = ac_xasprintf("%s/%s", m->dir, files[i]);
		*strrchr(p, '/') = '\0';
		mkdir(p, 0700); /* images/ */
		p[strlen(p)] = '/';
		f = fopen(p, "w");
		assert_non_null(f);
		if (strncmp(files[i + 1], "---", 3) != 0 && strstr(files[i], ".md"))
			fputs("---\ntitle: Mini article\ndate: 2024-01-01\n---\n", f);
		fputs(files[i + 1], f);
		fclose(f);
		free(p);
	}
	ac_load_opts o = {false, false, -1, false};
	ac_diags_init(&m->diags);
	m->book = ac_book_load(m->dir, &o, &m->diags);
	assert_non_null(m->book);
	ac_doc_convert_book(m->book, &m->diags);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void mini_book_free(mini_book *m)
{
	ac_book_free(m->book);
	ac_diags_free(&m->diags);
	nftw(m->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* The XHTML of the article from file name (in articles/); caller frees. */
static char *xhtml_of(mini_book *m, const char *file)
{
	ac_article *a = ac_book_article_by_file(m->book, file);
	assert_non_null(a);
	return serialize(a->doc);
}

static size_t count_diags(const ac_diags *d, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += strstr(d->items[i].message, needle) != NULL;
	return n;
}

static void web_links_repaired(void **state)
{
	(void)state;
	static const char *const files[] = {
		"articles/web.md",
		"Chat on [##rust](https://webchat.freenode.net/?channels=##rust).\n"
		"\n"
		"The [love letter](https://\xe2\x9d\xa4.rust-lang.org/) and <a href=\"https://\xe2\x9d\xa4.rust-lang.org/x y\">raw</a>.\n"
		"\n"
		"A [bad host](https://../) and <a href=\"https://a b/\">another</a>.\n"
		"\n"
		"[Mail](mailto:team@b\xc3\xbc" "cher.example) and [IPv6](http://[::1]:8080/).\n",
		NULL};
	mini_book m;
	mini_book_load(&m, files);
	char *x = xhtml_of(&m, "web.md");
	assert_true(has(x, "href=\"https://webchat.freenode.net/?channels=%23%23rust\""));
	assert_true(has(x, "<a href=\"https://xn--qei.rust-lang.org/\">love letter</a>"));
	assert_true(has(x, "<a href=\"https://xn--qei.rust-lang.org/x%20y\">raw</a>"));
	assert_true(has(x, "href=\"mailto:team@xn--bcher-kva.example\""));
	assert_true(has(x, "href=\"http://[::1]:8080/\""));
	/* Kept as text, with a warning at their line. */
	assert_true(has(x, "A bad host and another."));
	const ac_diag *d = ac_diags_find(&m.diags, "link to 'https://../' kept as plain text");
	assert_non_null(d);
	assert_int_equal(d->line, 9);
	d = ac_diags_find(&m.diags, "link to 'https://a b/' kept as plain text");
	assert_non_null(d);
	assert_int_equal(d->line, 9);
	free(x);
	mini_book_free(&m);
}

static void mdbook_html_links(void **state)
{
	(void)state;
	static const char *const files[] = {
		"articles/intro.md",
		"See [rules](reference.html), [one rule](reference.html#the-rules),\n"
		"[dot](./reference.html#borrowing), [md](reference.md#the-rules),\n"
		"[missing](missing.html) and [nowhere](reference.html#nowhere).\n",
		"articles/reference.md",
		"---\ntitle: Reference\ndate: 2024-01-02\nslug: the-reference\n---\n"
		"## The rules\n\n### Borrowing\n\nBack to [the intro](intro.html).\n",
		NULL};
	mini_book m;
	mini_book_load(&m, files);
	char *x = xhtml_of(&m, "intro.md");
	assert_true(has(x, "<a href=\"the-reference.xhtml\">rules</a>"));
	assert_true(has(x, "<a href=\"the-reference.xhtml#the-rules\">one rule</a>"));
	assert_true(has(x, "<a href=\"the-reference.xhtml#borrowing\">dot</a>"));
	assert_true(has(x, "<a href=\"the-reference.xhtml#the-rules\">md</a>"));
	assert_true(has(x, "<a href=\"the-reference.xhtml\">nowhere</a>"));
	assert_true(has(x, "missing and"));
	assert_false(has(x, "missing.html"));
	const ac_diag *d = ac_diags_find(&m.diags, "link to 'missing.html': no such article");
	assert_non_null(d);
	assert_int_equal(d->line, 5); /* the paragraph's */
	assert_non_null(ac_diags_find(&m.diags, "has no heading or anchor 'nowhere'"));
	free(x);
	x = xhtml_of(&m, "reference.md");
	assert_true(has(x, "<a href=\"intro.xhtml\">the intro</a>"));
	free(x);
	mini_book_free(&m);
}

/* Figures as mdBook books write them, in raw HTML: a picture alone in its
 * paragraph or among blocks is a figure; <span class="caption"> in the
 * paragraph after it is its caption. */
static void raw_html_figures(void **state)
{
	(void)state;
	static const char *const files[] = {
		"articles/figs.md",
		"<img alt=\"A box over\ntwo lines\" src=\"../images/box.svg\" class=\"center\"\n"
		"style=\"width: 50%;\" />\n\n"
		"<span class=\"caption\">Figure 4-1: A <code>box</code></span>\n\n"
		"<div>\n<img src=\"../images/box.svg\" alt=\"Among blocks\">\n</div>\n\n"
		"Text with an icon <img src=\"../images/box.svg\" alt=\"icon\"> inside.\n\n"
		"<span class=\"caption\">Not a caption: no figure before it</span>\n",
		"images/box.svg",
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
		NULL};
	mini_book m;
	mini_book_load(&m, files);
	char *x = xhtml_of(&m, "figs.md");
	assert_true(has(x, "<figure><img src=\"images/box.svg\" alt=\"A box over&#10;two lines\"/>"
			   "<figcaption>Figure 4-1: A <code>box</code></figcaption></figure>"));
	assert_true(has(x, "<div>\n<figure><img src=\"images/box.svg\" alt=\"Among blocks\""));
	assert_true(has(x, "<p>Text with an icon <img src=\"images/box.svg\" alt=\"icon\"/> inside.</p>"));
	assert_true(has(x, "<p><span class=\"caption\">Not a caption: no figure before it</span></p>"));
	free(x);
	mini_book_free(&m);
}

/* A chapter that opens with its own title (mdBook's "# Title") shows it
 * once: the heading is left out, links to it go to the chapter. */
static void title_heading_left_out(void **state)
{
	(void)state;
	static const char *const files[] = {
		"articles/own-title.md",
		"---\ntitle: \"What's New\"\ndate: 2024-01-01\n---\n"
		"# What's New\n\nText, and [back up](#whats-new).\n\n## What's New\n\nAgain.\n",
		"articles/other.md",
		"See [the chapter](own-title.md#whats-new).\n",
		NULL};
	mini_book m;
	mini_book_load(&m, files);
	char *x = xhtml_of(&m, "own-title.md");
	/* The first heading is gone; a later one of the same text stays, as
	 * the only heading. */
	assert_true(has(x, "<h2 id=\"whats-new\">What\xe2\x80\x99s New</h2>"));
	assert_ptr_equal(strstr(x, "<h2"), strstr(x, "<h2 id=\"whats-new\">"));
	assert_null(strstr(strstr(x, "<h2") + 1, "<h2"));
	assert_true(has(x, "<a href=\"#ch-own-title\">back up</a>"));
	free(x);
	x = xhtml_of(&m, "other.md");
	assert_true(has(x, "<a href=\"own-title.xhtml#ch-own-title\">the chapter</a>"));
	free(x);
	assert_null(ac_diags_find(&m.diags, "no heading or anchor"));
	mini_book_free(&m);
}

/* The levels of the article's headings in a->headings, as "2 3 2". */
static char *levels_of(const ac_article *a)
{
	ac_buf b = AC_BUF_INIT;
	ac_buf_add(&b, "", 0);
	for (size_t i = 0; i < a->nheadings; i++)
		ac_buf_printf(&b, "%s%d", i ? " " : "", a->headings[i].level);
	return ac_buf_detach(&b);
}

static void heading_levels_close_up(void **state)
{
	(void)state;
	static const struct {
		const char *body, *levels;
	} cases[] = {
		{"### A\n\n#### B\n\n## C\n\n### D\n", "2 3 2 3"},
		{"## A\n\n#### B\n", "2 3"},
		{"# A\n\n## B\n\n### C\n", "2 3 4"},
		{"### A\n\n## Summary\n", "2 2"},
		{"#### A\n\n## B\n\n###### C\n\n### D\n", "2 2 3 3"},
		{"## A\n\n#### B\n\n### C\n\n## D\n", "2 3 3 2"},
		{"# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F\n\n###### G\n", "2 3 4 5 6 6 6"},
		{"<h3>A</h3>\n\n> #### B\n\n<h5>C</h5>\n", "2 3 4"},
	};
	char art[sizeof cases / sizeof *cases][16];
	const char *files[2 * (sizeof cases / sizeof *cases) + 1];
	size_t n = sizeof cases / sizeof *cases;
	for (size_t i = 0; i < n; i++) {
		snprintf(art[i], sizeof art[i], "articles/h%zu.md", i);
		files[2 * i] = art[i];
		files[2 * i + 1] = cases[i].body;
	}
	files[2 * n] = NULL;
	mini_book m;
	mini_book_load(&m, files);
	for (size_t i = 0; i < n; i++) {
		ac_article *a = ac_book_article_by_file(m.book, art[i] + strlen("articles/"));
		char *got = levels_of(a);
		if (strcmp(got, cases[i].levels))
			fail_msg("headings %zu: levels %s, expected %s", i, got, cases[i].levels);
		/* The elements carry the same levels. */
		char *x = serialize(a->doc);
		for (size_t k = 0; k < a->nheadings; k++) {
			char *tag = ac_xasprintf("<h%d id=\"%s\">", a->headings[k].level, a->headings[k].id);
			assert_true(has(x, tag));
			free(tag);
		}
		free(x);
		free(got);
	}
	/* Text and ids stay as they were. */
	ac_article *a = ac_book_article_by_file(m.book, "h0.md");
	assert_string_equal(a->headings[1].text, "B");
	assert_string_equal(a->headings[1].id, "b");
	mini_book_free(&m);
}

static void empty_headings_not_in_nav(void **state)
{
	(void)state;
	static const char *const files[] = {
		"articles/empty.md",
		"## First\n\n##\n\n<h2></h2>\n\n## <span></span>\n\n<h2 id=\"kept\"> </h2>\n\n"
		"## ![](../images/dot.svg)\n\n## ![A dot](../images/dot.svg)\n\n## Last\n\n"
		"Back to [the empty one](#kept).\n",
		"images/dot.svg",
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><circle cx=\"2\" cy=\"2\" r=\"2\"/></svg>\n",
		NULL};
	mini_book m;
	mini_book_load(&m, files);
	ac_article *a = ac_book_article_by_file(m.book, "empty.md");
	/* Only headings with a name are in the navigation; an image's alt text
	 * names its heading. */
	assert_int_equal(a->nheadings, 3);
	assert_string_equal(a->headings[0].text, "First");
	assert_string_equal(a->headings[1].text, "A dot");
	assert_string_equal(a->headings[1].id, "a-dot");
	assert_string_equal(a->headings[2].text, "Last");
	char *x = serialize(a->doc);
	/* The others stay in the text; the one with an id keeps it for links. */
	assert_true(has(x, "<h2/>"));
	assert_true(has(x, "<h2><span/></h2>"));
	assert_true(has(x, "<h2 id=\"kept\"> </h2>"));
	assert_true(has(x, "<a href=\"#kept\">the empty one</a>"));
	assert_true(has(x, "<h2><img src=\"images/dot.svg\" alt=\"\"/></h2>"));
	assert_true(has(x, "<h2 id=\"a-dot\"><img"));
	free(x);
	mini_book_free(&m);
}

static void one_style_warning_per_article(void **state)
{
	(void)state;
	static const char *const files[] = {
		"articles/styled.md",
		"Plain first.\n\n"
		"<p style=\"color: red\">One <span style=\"x\">two</span></p>\n\n"
		"<div style=\"a\" onclick=\"f()\">three</div>\n\n"
		"<img src=\"../images/dot.svg\" alt=\"dot\" style=\"width: 1em\" onload=\"g()\">\n",
		"articles/other.md", "<p style=\"color: blue\">Only one.</p>\n",
		"articles/clean.md", "No styles at all.\n",
		"images/dot.svg",
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><circle cx=\"2\" cy=\"2\" r=\"2\"/></svg>\n",
		NULL};
	mini_book m;
	mini_book_load(&m, files);
	assert_int_equal(count_diags(&m.diags, "style attribute"), 2);
	const ac_diag *d = ac_diags_find(&m.diags, "4 style attributes removed (the theme styles the book)");
	assert_non_null(d);
	assert_true(strstr(d->path, "styled.md") != NULL);
	assert_int_equal(d->line, 7);
	d = ac_diags_find(&m.diags, "1 style attribute removed (the theme styles the book)");
	assert_non_null(d);
	assert_true(strstr(d->path, "other.md") != NULL);
	/* Event handlers keep a warning each. */
	assert_int_equal(count_diags(&m.diags, "event handler"), 2);
	char *x = xhtml_of(&m, "styled.md");
	assert_false(has(x, "style="));
	assert_true(has(x, "<span>two</span>"));
	free(x);
	mini_book_free(&m);
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


/* ---- raw HTML repaired to the content models ---- */

/* Text content with white space collapsed and trimmed. */
static char *plain_text(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	ac_buf b = AC_BUF_INIT;
	bool space = false;
	for (const xmlChar *p = t; p && *p; p++) {
		if (isspace(*p)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			ac_buf_addc(&b, ' ');
		space = false;
		ac_buf_addc(&b, (char)*p);
	}
	xmlFree(t);
	ac_buf_addc(&b, '\0');
	return ac_buf_detach(&b);
}

/* The children of root, serialised. */
static char *inner(xmlNodePtr root)
{
	xmlBufferPtr buf = xmlBufferCreate();
	for (xmlNodePtr c = root->children; c; c = c->next)
		xmlNodeDump(buf, root->doc, c, 0, 0);
	char *s = ac_xstrdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

typedef struct {
	xmlDocPtr doc;
	xmlNodePtr root;
	ac_diags d;
	char *before; /* the text before the repair */
} repaired;

/* Parses body as the content of an article, as the allowlist leaves it. */
static void repair_load(repaired *r, const char *body)
{
	char *xml = ac_xasprintf("<article xmlns=\"%s\" xmlns:epub=\"%s\">%s</article>",
				 AC_XHTML_NS, AC_EPUB_NS, body);
	r->doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	free(xml);
	assert_non_null(r->doc);
	r->root = xmlDocGetRootElement(r->doc);
	r->before = plain_text(r->root);
	ac_diags_init(&r->d);
}

/* Repairs; the text must be the same, and no namespace declared again. */
static char *repair_run(repaired *r)
{
	ac_doc_repair(r->root, "t.md", &r->d);
	char *after = plain_text(r->root);
	assert_string_equal(after, r->before);
	free(after);
	char *s = inner(r->root);
	assert_null(strstr(s, "xmlns"));
	return s;
}

static void repair_free(repaired *r)
{
	xmlFreeDoc(r->doc);
	ac_diags_free(&r->d);
	free(r->before);
}

/* Repairs body and checks the result and a warning (NULL: none at all). */
static void check_repair(const char *body, const char *want, const char *warning)
{
	repaired r;
	repair_load(&r, body);
	char *got = repair_run(&r);
	assert_string_equal(got, want);
	if (warning)
		assert_non_null(ac_diags_find(&r.d, warning));
	else
		assert_int_equal(r.d.count, 0);
	free(got);
	repair_free(&r);
}

static void repair_valid_untouched(void **state)
{
	(void)state;
	const char *ok = "<p>a <em>b</em> <a href=\"u\">c</a></p><div><p>d</p>e</div>"
			 "<ul><li><p>f</p><ul><li>g</li></ul></li></ul>"
			 "<table><caption>t</caption><thead><tr><th>h</th></tr></thead>"
			 "<tbody><tr><td><p>c</p></td></tr></tbody></table>"
			 "<details open=\"open\"><summary>s</summary><p>x</p></details>"
			 "<figure><img src=\"i.png\" alt=\"\"/><figcaption>c</figcaption></figure>"
			 "<dl><dt>t</dt><dd>d</dd></dl>";
	check_repair(ok, ok, NULL);
}

static void repair_block_in_paragraph(void **state)
{
	(void)state;
	/* A block closes the paragraph, as the HTML parser does. */
	check_repair("<p>a<div>b</div>c</p>", "<p>a</p><div>b</div><p>c</p>",
		     "<div> inside <p> moved out of it");
	check_repair("<p>a<hr/>b</p>", "<p>a</p><hr/><p>b</p>", "moved out");
	/* A paragraph in a paragraph: the inline elements between them go
	 * with its content. */
	check_repair("<p>x <span class=\"k\"><p>y</p></span> z</p>",
		     "<p>x </p><p><span class=\"k\">y</span></p><p> z</p>", "moved out");
	check_repair("<p><em>a<h3>b</h3>c</em></p>",
		     "<p><em>a</em></p><h3><em>b</em></h3><p><em>c</em></p>", "moved out");
}

static void repair_block_in_inline(void **state)
{
	(void)state;
	/* Paragraphs inside a link become its lines: the link stays. */
	check_repair("<div><a href=\"u\"><p>one</p><p>two</p></a></div>",
		     "<div><a href=\"u\">one<br/>two</a></div>",
		     "<p> inside <a> set as lines of text");
	/* A table inside a span: the span is split around it. */
	check_repair("<p><span>a<table><tr><td>c</td></tr></table>b</span></p>",
		     "<p><span>a</span></p><table><tr><td>c</td></tr></table><p><span>b</span></p>",
		     "<table> inside <span> moved out");
	/* Inside a summary or heading, which cannot be split, blocks become
	 * lines. */
	check_repair("<details><summary><span><p>Title</p></span></summary><p>body</p></details>",
		     "<details><summary><span>Title</span></summary><p>body</p></details>",
		     "a <summary> holds text only");
	check_repair("<h3>t<ul><li>a</li><li>b</li></ul></h3>", "<h3>t<br/>a<br/>b</h3>",
		     "<ul> inside <h3> set as lines");
}

static void repair_keeps_ids(void **state)
{
	(void)state;
	repaired r;
	repair_load(&r, "<div><span><p id=\"k\">a</p><p>b</p></span></div>");
	xmlNodePtr p = r.root->children->children->children;
	char *got = repair_run(&r);
	/* The element with the id stays (ids point at it), renamed. */
	assert_string_equal(got, "<div><span><span id=\"k\">a</span><br/>b</span></div>");
	assert_string_equal((const char *)p->name, "span");
	free(got);
	repair_free(&r);
	/* Split elements: the id stays on the first part only. */
	check_repair("<p id=\"q\">a<div>b</div>c</p>", "<p id=\"q\">a</p><div>b</div><p>c</p>",
		     "moved out");
	check_repair("<p id=\"q\"><div>b</div></p>", "<p id=\"q\"/><div>b</div>", "moved out");
}

static void repair_list_items(void **state)
{
	(void)state;
	check_repair("<div><li>a</li> <li>b</li></div>", "<div><ul><li>a</li> <li>b</li></ul></div>",
		     "<li> outside a <ul> wrapped");
	check_repair("<ul>x<li>a</li>y<p>z</p></ul>", "<ul><li>x</li><li>ay<p>z</p></li></ul>",
		     "text directly inside <ul> moved into a <li>");
	check_repair("<ol><ul><li>a</li></ul></ol>", "<ol><li><ul><li>a</li></ul></li></ol>",
		     "<ul> directly inside <ol>");
	check_repair("<dl>x<dd>d</dd></dl>", "<dl><dt/><dd>x</dd><dd>d</dd></dl>",
		     "<dd> without a <dt> before it");
	check_repair("<dl><dt>t</dt><p>a</p></dl>", "<dl><dt>t</dt><dd><p>a</p></dd></dl>",
		     "<p> directly inside <dl> moved into a <dd>");
	check_repair("<dl><dt>t</dt></dl>", "<dl><dt>t</dt><dd/></dl>", "<dt> without a <dd>");
	check_repair("<p>a</p><dd>d</dd>", "<p>a</p><dl><dt/><dd>d</dd></dl>", "wrapped");
}

static void repair_tables(void **state)
{
	(void)state;
	check_repair("<div><td>a</td><td>b</td></div>",
		     "<div><table><tr><td>a</td><td>b</td></tr></table></div>", "<td> outside a <tr>");
	check_repair("<table><thead><tr><th>h</th></tr></thead><tr><td>c</td></tr></table>",
		     "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>",
		     "beside table sections");
	check_repair("<table><tr><td>a</td>x<td>b</td></tr></table>",
		     "<table><tr><td>ax</td><td>b</td></tr></table>", "text directly inside <tr>");
	/* A late caption would change the reading order if moved to the top:
	 * it joins the cell before it. */
	check_repair("<table><tr><td>c</td></tr><caption>t</caption></table>",
		     "<table><tr><td>c<div>t</div></td></tr></table>",
		     "<caption> that is not the first child");
	check_repair("<table><tr><th><h3 id=\"h\">T</h3></th></tr></table>",
		     "<table><tr><th><p id=\"h\">T</p></th></tr></table>", "kept as a <p>");
	check_repair("<table><caption>a<table><tr><td>b</td></tr></table></caption></table>",
		     "<table><caption>a<br/>b</caption></table>", "inside a <caption>");
	check_repair("<table><tbody><tr><td>b</td></tr></tbody><thead><tr><td>h</td></tr></thead></table>",
		     "<table><tbody><tr><td>b</td></tr></tbody><tbody><tr><td>h</td></tr></tbody></table>",
		     "<thead> out of place");
}

static void repair_captions_summaries_links(void **state)
{
	(void)state;
	check_repair("<figure><p>a</p><figcaption>c</figcaption><p>b</p></figure>",
		     "<figure><p>a</p><div>c</div><p>b</p></figure>", "<figcaption> out of place");
	check_repair("<details><p>a</p><summary>s</summary></details>",
		     "<div><p>a</p><div>s</div></div>", "<details> that does not start with a <summary>");
	check_repair("<details open=\"open\"><p>a</p></details>", "<div><p>a</p></div>",
		     "<details> that does not start");
	check_repair("<details><summary>s</summary><summary>t</summary></details>",
		     "<details><summary>s</summary><div>t</div></details>", "kept as a <div>");
	check_repair("<p><a href=\"u\">x<a href=\"v\">y</a>z</a></p>", "<p><a href=\"u\">xyz</a></p>",
		     "a link inside a link unwrapped");
}

/* One warning per kind of repair, at the first place; the line of new
 * elements is the line of what they wrap. */
static void repair_warns_once(void **state)
{
	(void)state;
	repaired r;
	repair_load(&r, "<p>a<div>b</div>c<div>d</div>e</p>\n<div>\n<li>x</li></div><div><li>y</li></div>");
	char *got = repair_run(&r);
	assert_int_equal(r.d.count, 2);
	assert_int_equal(r.d.items[0].line, 1);
	const ac_diag *w = ac_diags_find(&r.d, "wrapped");
	assert_non_null(w);
	assert_int_equal(w->line, 3);
	xmlNodePtr ul = r.root->last->prev->children->next;
	assert_string_equal((const char *)ul->name, "ul");
	assert_int_equal(ul->line, 3);
	free(got);
	repair_free(&r);
}

/* Hostile nesting: the walk is iterative and each repair is local. */
static void repair_deep(void **state)
{
	(void)state;
	repaired r;
	repair_load(&r, "<div/><div/>");
	xmlNsPtr ns = r.root->ns;
	xmlNodePtr p = xmlNewChild(r.root->children, ns, BAD_CAST "p", BAD_CAST "top ");
	xmlNodePtr cur = p;
	for (int i = 0; i < 20000; i++)
		cur = xmlNewChild(cur, ns, BAD_CAST(i % 2 ? "span" : "em"), BAD_CAST "t");
	xmlNewChild(cur, ns, BAD_CAST "div", BAD_CAST "deep block");
	xmlNewChild(cur, ns, BAD_CAST "p", BAD_CAST "deep paragraph");
	cur = r.root->last;
	for (int i = 0; i < 20000; i++)
		cur = xmlNewChild(cur, ns, BAD_CAST(i % 3 ? "ul" : "li"), NULL);
	xmlNewChild(cur, ns, BAD_CAST "p", BAD_CAST "list bottom");
	free(r.before);
	r.before = plain_text(r.root);
	char *got = repair_run(&r);
	assert_non_null(strstr(got, "<div>deep block</div>"));
	free(got);
	repair_free(&r);
}

/* Big lists and tables are repaired in linear time: each check looks at the
 * neighbours of a node, not at all its siblings. */
static void repair_linear(void **state)
{
	(void)state;
	repaired r;
	repair_load(&r, "<table><thead><tr><th>h</th></tr></thead></table><ul/><figure/>");
	xmlNsPtr ns = r.root->ns;
	xmlNodePtr table = r.root->children, ul = table->next, fig = ul->next;
	for (int i = 0; i < 50000; i++) {
		xmlNodePtr tr = xmlNewChild(table, ns, BAD_CAST "tr", NULL);
		xmlNewChild(tr, ns, BAD_CAST "td", BAD_CAST "c");
		xmlNewChild(ul, ns, BAD_CAST "li", BAD_CAST "i");
		xmlAddChild(ul, xmlNewDocText(r.doc, BAD_CAST "stray"));
		xmlNewChild(fig, ns, BAD_CAST "figcaption", BAD_CAST "f");
	}
	xmlNodePtr foot = xmlNewChild(table, ns, BAD_CAST "tfoot", NULL);
	xmlNewChild(xmlNewChild(foot, ns, BAD_CAST "tr", NULL), ns, BAD_CAST "td", BAD_CAST "f");
	xmlNewChild(table, ns, BAD_CAST "tfoot", NULL);
	free(r.before);
	r.before = plain_text(r.root);
	char *got = repair_run(&r);
	/* One body for the rows, the first foot kept as a body, the second the
	 * foot. */
	assert_non_null(strstr(got, "</thead><tbody><tr><td>c</td></tr>"));
	assert_non_null(strstr(got, "</tbody><tbody><tr><td>f</td></tr></tbody><tfoot/></table>"));
	assert_non_null(strstr(got, "<li>istray</li>"));
	assert_non_null(strstr(got, "<figure><figcaption>f</figcaption><div>f</div>"));
	free(got);
	repair_free(&r);
}

/* Random trees of the allowlist's elements: the repair keeps the text, and
 * what it leaves needs no repair (it is stable). */
static void repair_random_trees(void **state)
{
	(void)state;
	static const char *const names[] = {
		"p",	  "div",     "span",	"a",	   "em",     "strong",	   "ul",    "ol",
		"li",	  "dl",	     "dt",	"dd",	   "table",  "thead",	   "tbody", "tfoot",
		"tr",	  "td",	     "th",	"caption", "figure", "figcaption", "details",
		"summary", "blockquote", "pre", "code",    "h2",     "h3",	   "section", "aside",
		"br",	  "hr",	     "img",	"del",	   "sup"};
	const size_t nnames = sizeof names / sizeof *names;
	unsigned seed = 12345;
	for (int round = 0; round < 3000; round++) {
		repaired r;
		repair_load(&r, "");
		xmlNodePtr cur = r.root;
		int nodes = 1 + (int)(rand_r(&seed) % 40);
		for (int i = 0; i < nodes; i++) {
			int pick = rand_r(&seed) % 10;
			if (pick < 3) {
				char word[16];
				snprintf(word, sizeof word, "w%d ", i);
				xmlAddChild(cur, xmlNewDocText(r.doc, BAD_CAST word));
			} else {
				const char *name = names[rand_r(&seed) % nnames];
				xmlNodePtr e = xmlNewChild(cur, r.root->ns, BAD_CAST name, NULL);
				e->line = (unsigned short)(i + 1);
				if (rand_r(&seed) % 8 == 0) {
					char id[16];
					snprintf(id, sizeof id, "id%d", i);
					xmlSetProp(e, BAD_CAST "id", BAD_CAST id);
				}
				if (strcmp(name, "br") && strcmp(name, "hr") && strcmp(name, "img"))
					cur = e;
			}
			while (cur != r.root && rand_r(&seed) % 4 == 0)
				cur = cur->parent;
		}
		free(r.before);
		r.before = plain_text(r.root);
		char *once = repair_run(&r);
		size_t warned = r.d.count;
		char *twice = repair_run(&r);
		assert_string_equal(once, twice);
		assert_int_equal(r.d.count, warned);
		free(once);
		free(twice);
		repair_free(&r);
	}
}

static int setup_rawhtml(void **state)
{
	return setup_book(state, "tests/fixtures/rawhtml");
}

/* The fixture book through the whole conversion: details kept, old
 * elements mapped, blocks out of inline elements. */
static void rawhtml_fixture(void **state)
{
	fixture *f = *state;
	const char *x = f->xhtml[0]; /* blocks.md */
	assert_true(has(x, "<details><summary><span>Title of the details</span></summary>"
			   "<p>The body of the details, always shown in print.</p></details>"));
	assert_true(has(x, "<details open=\"open\"><summary>An open one</summary>"));
	assert_true(has(x, "<a href=\"https://example.org/\">First card paragraph</a>"));
	assert_true(has(x, "<ul><li>stray text in a list</li><li>a real item</li></ul>"));
	assert_true(has(x, "<ul><li>An item outside any list</li>"));
	assert_false(has(x, "<span><p>"));
	const char *y = f->xhtml[1]; /* legacy.md */
	assert_true(has(y, "<code>teletype</code>"));
	assert_true(has(y, "<s>struck</s>"));
	assert_true(has(y, "<td class=\"align-right\">Value</td>"));
	assert_false(has(y, "<center"));
	assert_false(has(y, "style="));
	const ac_diag *d = ac_diags_find(&f->diags, "<p> inside <span> set as lines of text");
	assert_non_null(d);
	assert_int_equal(d->line, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allowlist_removes_active_content),
		cmocka_unit_test(links_between_articles),
		cmocka_unit_test(headings_figures_footnotes),
		cmocka_unit_test(github_alerts),
		cmocka_unit_test(mdbook_listings),
	};
	const struct CMUnitTest plain[] = {
		cmocka_unit_test(url_helpers),
		cmocka_unit_test(url_repair_table),
		cmocka_unit_test(web_links_repaired),
		cmocka_unit_test(mdbook_html_links),
		cmocka_unit_test(raw_html_figures),
		cmocka_unit_test(title_heading_left_out),
		cmocka_unit_test(heading_levels_close_up),
		cmocka_unit_test(empty_headings_not_in_nav),
		cmocka_unit_test(one_style_warning_per_article),
		cmocka_unit_test(idset_unique),
		cmocka_unit_test(threads_convert_alike),
		cmocka_unit_test(entity_loader_refuses),
	};
	const struct CMUnitTest repair[] = {
		cmocka_unit_test(repair_valid_untouched),
		cmocka_unit_test(repair_block_in_paragraph),
		cmocka_unit_test(repair_block_in_inline),
		cmocka_unit_test(repair_keeps_ids),
		cmocka_unit_test(repair_list_items),
		cmocka_unit_test(repair_tables),
		cmocka_unit_test(repair_captions_summaries_links),
		cmocka_unit_test(repair_warns_once),
		cmocka_unit_test(repair_deep),
		cmocka_unit_test(repair_linear),
		cmocka_unit_test(repair_random_trees),
	};
	const struct CMUnitTest rawhtml[] = {
		cmocka_unit_test(rawhtml_fixture),
	};
	int failed = cmocka_run_group_tests(tests, setup, teardown);
	failed += cmocka_run_group_tests(rawhtml, setup_rawhtml, teardown);
	failed += cmocka_run_group_tests(repair, NULL, NULL);
	return failed + cmocka_run_group_tests(plain, NULL, NULL);
}
