/* test_diag.c - unit tests for printing diagnostics: order, grouping by kind, summary. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What ac_diags_print writes with flags; caller frees. */
static char *printed(const ac_diags *d, unsigned flags)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	ac_diags_print(d, f, flags);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void expect_printed(const ac_diags *d, unsigned flags, const char *want)
{
	char *got = printed(d, flags);
	assert_string_equal(got, want);
	free(got);
}

static void style_warning(ac_diags *d, const char *path, int line, const char *element)
{
	ac_warn(d, path, line, "style attribute on <%s> removed", element);
}

static void five_of_a_kind(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	for (int i = 1; i <= 5; i++)
		style_warning(&d, "a.md", i * 2, i == 4 ? "td" : "div");
	expect_printed(&d, 0,
		       "a.md:2: warning: style attribute on <div> removed\n"
		       "a.md:4: warning: style attribute on <div> removed\n"
		       "a.md:6: warning: style attribute on <div> removed\n"
		       "a.md: warning: and 2 more like \"style attribute on <div> removed\" "
		       "(-v shows all)\n");
	/* Three of a kind are printed as they are. */
	ac_diags_free(&d);
	for (int i = 1; i <= 3; i++)
		style_warning(&d, "a.md", i, "div");
	expect_printed(&d, 0,
		       "a.md:1: warning: style attribute on <div> removed\n"
		       "a.md:2: warning: style attribute on <div> removed\n"
		       "a.md:3: warning: style attribute on <div> removed\n");
	ac_diags_free(&d);
}

static void kinds_interleaved(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	/* Added out of line order: printing sorts by line, and the first three
	 * of a kind are the first three lines, not the first three added. */
	for (int i = 4; i >= 1; i--) {
		ac_warn(&d, "a.md", 10 * i, "link to '%s' removed", "x");
		ac_warn(&d, "a.md", 10 * i + 1, "image '%s' has no alt text", "y.png");
	}
	ac_warn(&d, "a.md", 45, "nesting deeper than %d levels flattened", 100);
	expect_printed(&d, 0,
		       "a.md:10: warning: link to 'x' removed\n"
		       "a.md:11: warning: image 'y.png' has no alt text\n"
		       "a.md:20: warning: link to 'x' removed\n"
		       "a.md:21: warning: image 'y.png' has no alt text\n"
		       "a.md:30: warning: link to 'x' removed\n"
		       "a.md:31: warning: image 'y.png' has no alt text\n"
		       "a.md:45: warning: nesting deeper than 100 levels flattened\n"
		       "a.md: warning: and 1 more like \"link to 'x' removed\" (-v shows all)\n"
		       "a.md: warning: and 1 more like \"image 'y.png' has no alt text\" "
		       "(-v shows all)\n");
	ac_diags_free(&d);
}

static void errors_never_grouped(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	for (int i = 1; i <= 5; i++)
		ac_error(&d, "a.md", i, "image '%d.png' not found", i);
	for (int i = 6; i <= 9; i++)
		style_warning(&d, "a.md", i, "p");
	expect_printed(&d, 0,
		       "a.md:1: error: image '1.png' not found\n"
		       "a.md:2: error: image '2.png' not found\n"
		       "a.md:3: error: image '3.png' not found\n"
		       "a.md:4: error: image '4.png' not found\n"
		       "a.md:5: error: image '5.png' not found\n"
		       "a.md:6: warning: style attribute on <p> removed\n"
		       "a.md:7: warning: style attribute on <p> removed\n"
		       "a.md:8: warning: style attribute on <p> removed\n"
		       "a.md: warning: and 1 more like \"style attribute on <p> removed\" "
		       "(-v shows all)\n");
	/* -q: errors only, no summary. */
	expect_printed(&d, AC_DIAG_ERRORS_ONLY | AC_DIAG_SUMMARY,
		       "a.md:1: error: image '1.png' not found\n"
		       "a.md:2: error: image '2.png' not found\n"
		       "a.md:3: error: image '3.png' not found\n"
		       "a.md:4: error: image '4.png' not found\n"
		       "a.md:5: error: image '5.png' not found\n");
	ac_diags_free(&d);
}

static void verbose_prints_all(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	for (int i = 1; i <= 5; i++)
		style_warning(&d, "a.md", i, "div");
	expect_printed(&d, AC_DIAG_ALL,
		       "a.md:1: warning: style attribute on <div> removed\n"
		       "a.md:2: warning: style attribute on <div> removed\n"
		       "a.md:3: warning: style attribute on <div> removed\n"
		       "a.md:4: warning: style attribute on <div> removed\n"
		       "a.md:5: warning: style attribute on <div> removed\n");
	ac_diags_free(&d);
}

static void files_counted_apart(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	/* Three in each file: nothing left out. */
	for (int i = 1; i <= 3; i++) {
		style_warning(&d, "b.md", i, "div");
		style_warning(&d, "a.md", i, "div");
	}
	char *text = printed(&d, 0);
	assert_null(strstr(text, "more like"));
	free(text);
	/* A fourth in each: each file says so after its own lines. */
	style_warning(&d, "b.md", 9, "div");
	style_warning(&d, "a.md", 9, "div");
	expect_printed(&d, AC_DIAG_SUMMARY,
		       "a.md:1: warning: style attribute on <div> removed\n"
		       "a.md:2: warning: style attribute on <div> removed\n"
		       "a.md:3: warning: style attribute on <div> removed\n"
		       "a.md: warning: and 1 more like \"style attribute on <div> removed\" "
		       "(-v shows all)\n"
		       "b.md:1: warning: style attribute on <div> removed\n"
		       "b.md:2: warning: style attribute on <div> removed\n"
		       "b.md:3: warning: style attribute on <div> removed\n"
		       "b.md: warning: and 1 more like \"style attribute on <div> removed\" "
		       "(-v shows all)\n"
		       "0 errors, 8 warnings in 2 files\n");
	ac_diags_free(&d);
}

static void message_through_percent_s(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	/* A message made elsewhere and passed as "%s" is its own kind. */
	static const char *const words[] = {"one", "two", "three", "four"};
	for (int i = 0; i < 4; i++)
		ac_warn(&d, "a.md", i + 1, "%s", words[i]);
	expect_printed(&d, 0,
		       "a.md:1: warning: one\n"
		       "a.md:2: warning: two\n"
		       "a.md:3: warning: three\n"
		       "a.md:4: warning: four\n");
	ac_diags_free(&d);
}

static void summary_line(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	/* Nothing to say: no summary either. */
	expect_printed(&d, AC_DIAG_SUMMARY, "");
	ac_error(&d, "book.yml", 0, "missing book.yml");
	expect_printed(&d, AC_DIAG_SUMMARY,
		       "book.yml:1: error: missing book.yml\n"
		       "1 error, 0 warnings in 1 file\n");
	ac_warn(&d, "a.md", 3, "unknown key '%s' ignored", "colour");
	expect_printed(&d, AC_DIAG_SUMMARY,
		       "a.md:3: warning: unknown key 'colour' ignored\n"
		       "book.yml:1: error: missing book.yml\n"
		       "1 error, 1 warning in 2 files\n");
	ac_error(&d, "a.md", 1, "malformed UTF-8");
	ac_warn(&d, "a.md", 4, "unknown key '%s' ignored", "size");
	/* Hidden warnings still count. */
	for (int i = 0; i < 4; i++)
		style_warning(&d, "c.md", i + 1, "td");
	char *text = printed(&d, AC_DIAG_SUMMARY);
	static const char want[] = "\n2 errors, 6 warnings in 3 files\n";
	size_t len = strlen(text);
	assert_true(len > sizeof want);
	assert_string_equal(text + len - (sizeof want - 1), want);
	free(text);
	/* Colour on the words only. */
	expect_printed(&d, AC_DIAG_COLOR | AC_DIAG_ERRORS_ONLY,
		       "a.md:1: \033[1;31merror\033[0m: malformed UTF-8\n"
		       "book.yml:1: \033[1;31merror\033[0m: missing book.yml\n");
	ac_diags_free(&d);
}

static void moved_records_keep_kind(void **state)
{
	(void)state;
	ac_diags d, t;
	ac_diags_init(&d);
	ac_diags_init(&t);
	for (int i = 1; i <= 2; i++)
		style_warning(&d, "a.md", i, "div");
	for (int i = 3; i <= 4; i++)
		style_warning(&t, "a.md", i, "td");
	ac_diags_move(&d, &t);
	assert_int_equal(d.warnings, 4);
	char *text = printed(&d, 0);
	assert_non_null(strstr(text, "a.md: warning: and 1 more like \"style attribute on <div>"));
	free(text);
	ac_diags_free(&d);
	ac_diags_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(five_of_a_kind),
		cmocka_unit_test(kinds_interleaved),
		cmocka_unit_test(errors_never_grouped),
		cmocka_unit_test(verbose_prints_all),
		cmocka_unit_test(files_counted_apart),
		cmocka_unit_test(message_through_percent_s),
		cmocka_unit_test(summary_line),
		cmocka_unit_test(moved_records_keep_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
