/* test_book.c - unit tests for slugs, dates, front matter, ordering and tags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/files.h"
#include "book/book.h"
#include "book/tags.h"
#include "book/yaml.h"

#include <stdlib.h>
#include <string.h>

static void slugify_cases(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"Raft Protocol", "raft-protocol"},
		{"HTTP/2 & HTTP/3", "http-2-http-3"},
		{"  Leading and trailing  ", "leading-and-trailing"},
		{"Don't panic", "dont-panic"},
		{"Just-In-Time (JIT) Compilation", "just-in-time-jit-compilation"},
		{"Ünïcode only ÄÖ", "ncode-only"},
		{"---", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = ac_slugify(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

static void dates(void **state)
{
	(void)state;
	assert_int_equal(ac_parse_date("1970-01-01"), 0);
	assert_int_equal(ac_parse_date("2026-05-22"), 20595);
	assert_true(ac_parse_date("2024-02-29") > 0);
	assert_int_equal(ac_parse_date("2023-02-29"), -1);
	assert_int_equal(ac_parse_date("2026-13-01"), -1);
	assert_int_equal(ac_parse_date("2026-04-31"), -1);
	assert_int_equal(ac_parse_date("2026-4-1"), -1);
	assert_int_equal(ac_parse_date("yesterday"), -1);
	assert_int_equal(ac_parse_date("2026-05-22x"), -1);
}

static void uuid_is_stable(void **state)
{
	(void)state;
	char a[37], b[37];
	ac_uuid5("autochitect:Autochitect", a);
	ac_uuid5("autochitect:Autochitect", b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '5'); /* version 5 */
	ac_uuid5("autochitect:Other", b);
	assert_string_not_equal(a, b);
	/* RFC 4122 appendix B's example: "www.widgets.com" is DNS-namespaced,
	 * so check SHA-256 instead against a known vector. */
	char hex[65];
	ac_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static ac_book *load(const char *dir, bool drafts, int order, bool reverse, ac_diags *d)
{
	ac_load_opts o = {drafts, reverse, order, false};
	ac_diags_init(d);
	return ac_book_load(dir, &o, d);
}

static void basic_book_loads(void **state)
{
	(void)state;
	ac_diags d;
	ac_book *b = load("tests/fixtures/basic", false, -1, false, &d);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	assert_string_equal(b->title, "Fixture: Basic Book");
	assert_int_equal(b->nauthors, 2);
	assert_string_equal(b->authors[1], "Bo Tester");
	assert_string_equal(b->slug, "fixture-basic-book");
	assert_int_equal(b->nseq, 2);
	assert_string_equal(b->seq[0]->slug, "alpha");
	assert_string_equal(b->seq[0]->title, "Alpha & Omega");
	assert_string_equal(b->seq[0]->topic, "Systems");
	assert_int_equal(b->seq[0]->ntags, 2);
	assert_int_equal(b->seq[0]->body_line, 7);
	assert_non_null(strstr(b->identifier, "urn:uuid:"));
	ac_book_free(b);
	ac_diags_free(&d);
}

static void topic_order_and_parts(void **state)
{
	(void)state;
	ac_diags d;
	ac_book *b = load("tests/fixtures/topics", false, -1, false, &d);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	/* Listed topics first (Networking, Storage), then the rest alphabetically. */
	assert_int_equal(b->nparts, 4);
	assert_string_equal(b->parts[0].name, "Networking");
	assert_string_equal(b->parts[1].name, "Storage");
	assert_string_equal(b->parts[2].name, "Arcana");
	assert_string_equal(b->parts[3].name, "Runtime");
	/* Inside a part by date; a tie broken by title. */
	assert_int_equal(b->parts[0].count, 3);
	assert_string_equal(b->parts[0].articles[0]->slug, "udp");
	assert_string_equal(b->parts[0].articles[1]->slug, "same-day-b");
	assert_string_equal(b->parts[0].articles[2]->slug, "tcp");
	/* The draft is skipped. */
	assert_int_equal(b->nseq, 6);
	ac_book_order(b, AC_ORDER_DATE, true);
	assert_int_equal(b->nparts, 0);
	assert_string_equal(b->seq[0]->slug, "same-day-b");
	assert_string_equal(b->seq[5]->slug, "disks");
	ac_book_free(b);
	ac_diags_free(&d);

	b = load("tests/fixtures/topics", true, AC_ORDER_DATE, false, &d);
	assert_int_equal(b->nseq, 7);
	assert_string_equal(b->seq[6]->slug, "draft");
	ac_book_free(b);
	ac_diags_free(&d);
}

static void tag_index(void **state)
{
	(void)state;
	ac_diags d;
	ac_book *b = load("tests/fixtures/topics", false, AC_ORDER_DATE, false, &d);
	ac_tag_index *t = ac_tags_new(b);
	assert_int_equal(t->count, 6);
	assert_string_equal(t->tags[0].name, "Internals");
	assert_string_equal(t->tags[1].name, "Misc");
	assert_string_equal(t->tags[2].name, "Networking");
	assert_int_equal(t->tags[2].count, 3);
	assert_string_equal(t->tags[2].id, "tag-networking");
	assert_non_null(ac_tags_lookup(t, "Storage"));
	assert_null(ac_tags_lookup(t, "Nope"));
	ac_tags_free(t);
	ac_book_free(b);
	ac_diags_free(&d);
}

static const ac_diag *diag_at(const ac_diags *d, const char *path_end, int line,
			      const char *needle)
{
	for (size_t i = 0; i < d->count; i++) {
		const ac_diag *it = &d->items[i];
		size_t n = strlen(it->path), m = strlen(path_end);
		if (n >= m && !strcmp(it->path + n - m, path_end) && it->line == line &&
		    strstr(it->message, needle))
			return it;
	}
	return NULL;
}

static void front_matter_errors(void **state)
{
	(void)state;
	ac_diags d;
	ac_book *b = load("tests/errors/front-matter/book", false, -1, false, &d);
	assert_non_null(b);
	assert_non_null(diag_at(&d, "bad-date.md", 3, "real day"));
	assert_non_null(diag_at(&d, "no-title.md", 1, "'title'"));
	assert_non_null(diag_at(&d, "no-front.md", 1, "missing front matter"));
	assert_non_null(diag_at(&d, "dup-key.md", 4, "duplicate key 'title'"));
	assert_non_null(diag_at(&d, "bad-tags.md", 4, "list of strings"));
	assert_non_null(diag_at(&d, "unknown-key.md", 4, "unknown front matter key 'colour'"));
	assert_non_null(diag_at(&d, "crlf.md", 5, "real day"));
	assert_non_null(diag_at(&d, "broken-yaml.md", 3, "YAML"));
	assert_non_null(diag_at(&d, "bad-utf8.md", 6, "UTF-8"));
	assert_non_null(diag_at(&d, "book.yml", 2, "BCP 47"));
	ac_book_free(b);
	ac_diags_free(&d);
}

/* Jekyll's YYYY-MM-DD-NAME.md names, dates with a time of day, form feeds. */
static void other_conventions(void **state)
{
	(void)state;
	ac_diags d;
	ac_book *b = load("tests/fixtures/jekyll", false, -1, false, &d);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	/* "published: false" is a draft, left out. */
	assert_int_equal(b->nseq, 7);
	assert_string_equal(b->seq[0]->slug, "hello-world");
	assert_string_equal(b->seq[0]->date, "2019-03-04");
	/* Two posts named "survey" keep their days in their slugs. */
	assert_string_equal(b->seq[1]->slug, "2019-05-06-survey");
	assert_string_equal(b->seq[1]->summary,
			    "A post that names its summary the way Jekyll and Hugo do.");
	assert_string_equal(b->seq[2]->slug, "2020-05-06-survey");
	assert_string_equal(b->seq[2]->summary, "The summary wins over the description.");
	assert_string_equal(b->seq[3]->slug, "timed");
	assert_string_equal(b->seq[3]->date, "2020-05-06");
	assert_string_equal(b->seq[4]->slug, "2021-13-40-not-a-day");
	assert_string_equal(b->seq[5]->slug, "chosen-slug");
	assert_string_equal(b->seq[5]->date, "2021-06-08");
	/* Jekyll's ".markdown" is Markdown too; a text file is left out, and
	 * said so. */
	assert_string_equal(b->seq[6]->slug, "long-extension");
	assert_string_equal(b->seq[6]->date, "2022-02-03");
	assert_non_null(diag_at(&d, "draft-notes.txt", 1, "left out: articles are Markdown files"));
	/* A day followed by what is not a time of day: the day, said so. */
	assert_non_null(diag_at(&d, "long-extension.markdown", 3,
				"is read as the day 2022-02-03: the rest is not a time of day"));
	assert_int_equal(ac_markdown_ext("a.markdown"), 9);
	assert_int_equal(ac_markdown_ext("a.mkd"), 4);
	assert_int_equal(ac_markdown_ext(".md"), 0);
	assert_int_equal(ac_markdown_ext("a.mdx"), 0);
	assert_ptr_equal(ac_book_article_by_stem(b, "2022-02-03-long-extension", 25), b->seq[6]);
	/* The form feed (line 9) and the vertical tab are spaces now; one
	 * warning names the first. Unknown keys are reported once for the
	 * book, where they are first met. */
	assert_int_equal(d.warnings, 5);
	assert_non_null(diag_at(&d, "2020-01-02-timed.md", 9, "form feed"));
	assert_non_null(diag_at(&d, "2019-05-06-survey.md", 2, "'layout' ignored (here and in 2 more files)"));
	assert_non_null(diag_at(&d, "2019-05-06-survey.md", 4, "'author' ignored (here and in 1 more file)"));
	assert_null(strchr(b->seq[3]->body, '\f'));
	assert_null(strchr(b->seq[3]->body, '\v'));
	assert_non_null(strstr(b->seq[3]->body, "on with a vertical"));
	ac_book_free(b);
	ac_diags_free(&d);
}

static void name_keys(void **state)
{
	(void)state;
	/* Names equal to a reader: letter case, NFC and NFD. */
	static const char *const same[][2] = {
		{"Intro.md", "intro.md"},
		{"caf\xc3\xa9.md", "cafe\xcc\x81.md"},
		{"CAF\xc3\x89.md", "cafe\xcc\x81.md"},
		{"images/Fig.svg", "images/fig.svg"},
		{"Stra\xc3\x9f" "e.md", "STRASSE.md"},
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		char *a = ac_name_key(same[i][0]), *b = ac_name_key(same[i][1]);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	char *a = ac_name_key("cafe.md"), *b = ac_name_key("caf\xc3\xa9.md");
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	/* Not UTF-8: the name itself. */
	a = ac_name_key("bad\xff.md");
	assert_string_equal(a, "bad\xff.md");
	free(a);
}

static void yaml_aliases_refused(void **state)
{
	(void)state;
	static const char text[] = "title: &t Title\n"
				   "list: [a, b]\n"
				   "summary: *t\n";
	ac_diags d;
	ac_diags_init(&d);
	yaml_document_t doc;
	assert_int_equal(ac_yaml_load(text, strlen(text), "x.md", 1, &d, &doc), -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_non_null(strstr(d.items[0].message, "'*t'"));
	ac_diags_free(&d);
	/* An anchor alone is harmless. */
	ac_diags_init(&d);
	assert_int_equal(ac_yaml_load(text, strlen(text) - 12, "x.md", 1, &d, &doc), 0);
	assert_int_equal(d.errors, 0);
	yaml_document_delete(&doc);
	ac_diags_free(&d);
}

static void empty_book(void **state)
{
	(void)state;
	static const char dir[] = "tests/adversarial/empty-book/book";
	/* build, release and check: an error at the articles folder. */
	ac_load_opts o = {false, false, -1, true};
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = ac_book_load(dir, &o, &d);
	assert_non_null(b);
	assert_int_equal(b->nseq, 0);
	assert_int_equal(d.errors, 1);
	const ac_diag *none = diag_at(&d, "empty-book/book/articles", 1, "no articles");
	assert_non_null(none);
	assert_string_equal(none->path, "tests/adversarial/empty-book/book/articles");
	assert_string_equal(none->message, "no articles: there is nothing to publish");
	/* Its README.txt is not an article, and is said to be left out. */
	assert_non_null(diag_at(&d, "articles/README.txt", 1, "left out"));
	ac_book_free(b);
	ac_diags_free(&d);
	/* list: the same words as a warning. */
	o.need_articles = false;
	b = ac_book_load(dir, &o, &d);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 2);
	ac_book_free(b);
	ac_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slugify_cases),
		cmocka_unit_test(dates),
		cmocka_unit_test(uuid_is_stable),
		cmocka_unit_test(basic_book_loads),
		cmocka_unit_test(topic_order_and_parts),
		cmocka_unit_test(tag_index),
		cmocka_unit_test(front_matter_errors),
		cmocka_unit_test(other_conventions),
		cmocka_unit_test(name_keys),
		cmocka_unit_test(yaml_aliases_refused),
		cmocka_unit_test(empty_book),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
