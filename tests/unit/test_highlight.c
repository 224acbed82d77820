/* test_highlight.c - fence names to languages, capture names to classes, and
 * per language a real snippet (tests/highlight/NAME.EXT, the extension being
 * its fence name) against its golden token list (NAME.EXT.tokens).
 * AC_UPDATE=1 rewrites the goldens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/files.h"
#include "highlight/grammar_table.h"
#include "highlight/highlight.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNIPPETS "tests/highlight"

static void fence_names(void **state)
{
	(void)state;
	assert_string_equal(ac_highlight_language("rust"), "rust");
	assert_string_equal(ac_highlight_language("rust,ignore"), "rust");
	assert_string_equal(ac_highlight_language("rs"), "rust");
	assert_string_equal(ac_highlight_language("Rust"), "rust");
	assert_string_equal(ac_highlight_language("sh"), "bash");
	assert_string_equal(ac_highlight_language("shell"), "bash");
	assert_string_equal(ac_highlight_language("zsh"), "bash");
	assert_string_equal(ac_highlight_language("console"), "console");
	assert_string_equal(ac_highlight_language("shell-session"), "console");
	assert_string_equal(ac_highlight_language("js"), "javascript");
	assert_string_equal(ac_highlight_language("ts"), "typescript");
	assert_string_equal(ac_highlight_language("py"), "python");
	assert_string_equal(ac_highlight_language("yml"), "yaml");
	assert_string_equal(ac_highlight_language("golang"), "go");
	assert_string_equal(ac_highlight_language("c++"), "cpp");
	assert_string_equal(ac_highlight_language("hpp"), "cpp");
	assert_string_equal(ac_highlight_language("h"), "c");
	assert_string_equal(ac_highlight_language("python {.numberLines}"), "python");
	assert_null(ac_highlight_language("http"));
	assert_null(ac_highlight_language("text"));
	assert_null(ac_highlight_language(""));
	assert_null(ac_highlight_language(NULL));
	assert_null(ac_highlight_language("rus")); /* a prefix is not a name */
	assert_null(ac_highlight_language("rustacean"));
}

static void capture_classes(void **state)
{
	(void)state;
	assert_int_equal(ac_tok_from_capture("keyword"), AC_TOK_KEYWORD);
	assert_int_equal(ac_tok_from_capture("keyword.control.return"), AC_TOK_KEYWORD);
	assert_int_equal(ac_tok_from_capture("string.escape"), AC_TOK_ESCAPE);
	assert_int_equal(ac_tok_from_capture("string.special"), AC_TOK_STRING);
	assert_int_equal(ac_tok_from_capture("function.builtin"), AC_TOK_BUILTIN);
	assert_int_equal(ac_tok_from_capture("function.method"), AC_TOK_FUNCTION);
	assert_int_equal(ac_tok_from_capture("variable.builtin"), AC_TOK_BUILTIN);
	assert_int_equal(ac_tok_from_capture("variable"), AC_TOK_NONE);
	assert_int_equal(ac_tok_from_capture("variable.parameter"), AC_TOK_NONE);
	assert_int_equal(ac_tok_from_capture("punctuation.bracket"), AC_TOK_NONE);
	assert_int_equal(ac_tok_from_capture("constant.numeric"), AC_TOK_NUMBER);
	assert_int_equal(ac_tok_from_capture("constant.builtin"), AC_TOK_CONSTANT);
	assert_int_equal(ac_tok_from_capture("keywordish"), AC_TOK_NONE); /* dotted prefixes only */
	assert_int_equal(ac_tok_from_class("tok-comment"), AC_TOK_COMMENT);
	assert_int_equal(ac_tok_from_class("tok-nothing"), AC_TOK_NONE);
	assert_int_equal(ac_tok_from_class("comment"), AC_TOK_NONE);
	for (int t = AC_TOK_NONE + 1; t < AC_TOK_COUNT; t++) {
		char cls[64];
		snprintf(cls, sizeof cls, "tok-%s", ac_tok_name((ac_tok)t));
		assert_int_equal(ac_tok_from_class(cls), t);
	}
}

/* Every compiled grammar's queries load and fit it. */
static void every_grammar_loads(void **state)
{
	(void)state;
	for (size_t i = 0; i < ac_grammar_count; i++) {
		const char *code = "x\n";
		unsigned char cls[2];
		char *why = NULL;
		int rc = ac_highlight(ac_grammar_table[i].name, code, 2, cls, &why);
		if (rc != 0)
			fail_msg("%s: %s", ac_grammar_table[i].name, why ? why : "?");
		free(why);
	}
}

/* The token list of a block: one line per run of a class, its text escaped. */
static void token_list(const char *code, size_t len, const unsigned char *cls, ac_buf *out)
{
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && cls[j] == cls[i])
			j++;
		if (cls[i] != AC_TOK_NONE) {
			ac_buf_adds(out, ac_tok_name((ac_tok)cls[i]));
			ac_buf_addc(out, '\t');
			for (size_t k = i; k < j; k++) {
				if (code[k] == '\n')
					ac_buf_adds(out, "\\n");
				else if (code[k] == '\t')
					ac_buf_adds(out, "\\t");
				else if (code[k] == '\\')
					ac_buf_adds(out, "\\\\");
				else
					ac_buf_addc(out, code[k]);
			}
			ac_buf_addc(out, '\n');
		}
		i = j;
	}
}

static void goldens(void **state)
{
	(void)state;
	DIR *dir = opendir(SNIPPETS);
	assert_non_null(dir);
	struct dirent *e;
	int checked = 0;
	bool update = getenv("AC_UPDATE") != NULL;
	while ((e = readdir(dir))) {
		const char *dot = strrchr(e->d_name, '.');
		if (e->d_name[0] == '.' || !dot || !strcmp(dot, ".tokens"))
			continue;
		const char *lang = ac_highlight_language(dot + 1);
		if (!lang)
			fail_msg("%s: its extension names no language", e->d_name);
		char *path = ac_xasprintf("%s/%s", SNIPPETS, e->d_name);
		char *golden = ac_xasprintf("%s.tokens", path);
		ac_buf code = AC_BUF_INIT, got = AC_BUF_INIT, want = AC_BUF_INIT;
		assert_int_equal(ac_read_file(path, 1 << 20, &code), 0);
		unsigned char *cls = malloc(code.len);
		char *why = NULL;
		assert_int_equal(ac_highlight(lang, code.ptr, code.len, cls, &why), 0);
		token_list(code.ptr, code.len, cls, &got);
		/* A golden that names few classes would prove little. */
		bool seen[AC_TOK_COUNT] = {0};
		int distinct = 0;
		for (size_t i = 0; i < code.len; i++)
			if (cls[i] != AC_TOK_NONE && !seen[cls[i]]) {
				seen[cls[i]] = true;
				distinct++;
			}
		if (distinct < 3)
			fail_msg("%s: only %d classes", e->d_name, distinct);
		if (update) {
			FILE *f = fopen(golden, "w");
			assert_non_null(f);
			fwrite(got.ptr, 1, got.len, f);
			fclose(f);
		} else {
			if (ac_read_file(golden, 1 << 20, &want) != 0)
				fail_msg("%s is missing (AC_UPDATE=1 writes it)", golden);
			if (got.len != want.len || memcmp(got.ptr, want.ptr, got.len))
				fail_msg("%s differs; got:\n%s", golden, ac_buf_str(&got));
		}
		checked++;
		free(cls);
		free(why);
		ac_buf_free(&code);
		ac_buf_free(&got);
		ac_buf_free(&want);
		free(path);
		free(golden);
	}
	closedir(dir);
	/* One snippet per compiled grammar, plus the console. */
	assert_int_equal(checked, (int)ac_grammar_count + 1);
}

/* Code that does not parse is still highlighted where it can be, and every
 * byte keeps a class (the caller sets the text unchanged). */
static void broken_code(void **state)
{
	(void)state;
	const char *code = "fn main() {\n    let s = \"open;\n    // comment\n    if {{{ \n";
	size_t len = strlen(code);
	unsigned char *cls = malloc(len);
	char *why = NULL;
	assert_int_equal(ac_highlight("rust", code, len, cls, &why), 0);
	assert_int_equal(cls[0], AC_TOK_KEYWORD); /* fn */
	size_t at = (size_t)(strstr(code, "// comment") - code);
	for (size_t i = at; i < at + 10; i++)
		assert_int_equal(cls[i], AC_TOK_COMMENT);
	free(cls);
}

/* Rust's hidden lines (rustdoc, mdBook): a line that begins with "# ", or is
 * "#", indented or not, is classed as the same line without its marker, the
 * marker plain; an attribute ("#[derive") is no marker. */
static void rust_hidden_lines(void **state)
{
	(void)state;
	const char *code = "# use std::fmt;\n#[derive(Debug)]\nstruct S;\n#\n# #[cfg(test)]\n# mod tests {\n"
			   "#     #[test]\n    # fn main() {\n#         assert_eq!(double(2), 4);\n#     }\n# }\n";
	const char *bare = "  use std::fmt;\n#[derive(Debug)]\nstruct S;\n \n  #[cfg(test)]\n  mod tests {\n"
			   "      #[test]\n      fn main() {\n          assert_eq!(double(2), 4);\n      }\n  }\n";
	size_t len = strlen(code);
	assert_int_equal(strlen(bare), len);
	unsigned char cls[256], want[256];
	char *why = NULL;
	assert_int_equal(ac_highlight("rust", code, len, cls, &why), 0);
	assert_int_equal(ac_highlight("rust", bare, len, want, &why), 0);
	for (size_t i = 0; i < len; i++) {
		if (code[i] != bare[i])
			assert_int_equal(cls[i], AC_TOK_NONE); /* the marker */
		else
			assert_int_equal(cls[i], want[i]);
	}
	assert_int_equal(cls[2], AC_TOK_KEYWORD); /* use */
	size_t attr = (size_t)(strstr(code, "#[") - code);
	assert_int_equal(cls[attr], AC_TOK_ATTRIBUTE);
	size_t fn = (size_t)(strstr(code, "fn main") - code);
	assert_int_equal(cls[fn], AC_TOK_KEYWORD);
	assert_int_equal(cls[fn + 3], AC_TOK_FUNCTION); /* main */
}

/* Console: prompts and commands, output left plain. */
static void console_output_plain(void **state)
{
	(void)state;
	const char *code = "$ ls -l\nfor x in output\n# whoami\n";
	size_t len = strlen(code);
	unsigned char cls[64];
	char *why = NULL;
	assert_int_equal(ac_highlight("console", code, len, cls, &why), 0);
	assert_int_equal(cls[0], AC_TOK_PROMPT);
	assert_int_equal(cls[2], AC_TOK_FUNCTION); /* ls: a command */
	for (size_t i = 8; i < 8 + 15; i++)
		assert_int_equal(cls[i], AC_TOK_NONE); /* "for x in output": output, not a loop */
	assert_int_equal(cls[24], AC_TOK_PROMPT);
}

static int teardown(void **state)
{
	(void)state;
	ac_highlight_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fence_names),
		cmocka_unit_test(capture_classes),
		cmocka_unit_test(every_grammar_loads),
		cmocka_unit_test(goldens),
		cmocka_unit_test(broken_code),
		cmocka_unit_test(rust_hidden_lines),
		cmocka_unit_test(console_output_plain),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
