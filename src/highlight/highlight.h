/* highlight.h - syntax highlighting of code blocks: one token class per byte, from tree-sitter. */
#ifndef AC_HIGHLIGHT_H
#define AC_HIGHLIGHT_H

#include <stddef.h>

/* The classes every highlight capture is reduced to. The EPUB writes them as
 * <span class="tok-NAME">, the PDF draws them with the theme's palette. */
typedef enum {
	AC_TOK_NONE, /* plain text */
	AC_TOK_KEYWORD,
	AC_TOK_STRING,
	AC_TOK_ESCAPE,
	AC_TOK_COMMENT,
	AC_TOK_FUNCTION,
	AC_TOK_TYPE,
	AC_TOK_NUMBER,
	AC_TOK_CONSTANT,
	AC_TOK_BUILTIN,
	AC_TOK_PROPERTY,
	AC_TOK_ATTRIBUTE,
	AC_TOK_TAG,
	AC_TOK_OPERATOR,
	AC_TOK_PROMPT, /* a shell prompt in a console block */
	AC_TOK_COUNT
} ac_tok;

/* "keyword" for AC_TOK_KEYWORD ...; NULL for AC_TOK_NONE. */
const char *ac_tok_name(ac_tok t);
/* The class an XHTML class attribute names ("tok-keyword"), AC_TOK_NONE if
 * it names none. */
ac_tok ac_tok_from_class(const char *cls);
/* The class a tree-sitter capture name is reduced to ("keyword.control" ->
 * AC_TOK_KEYWORD, "variable" -> AC_TOK_NONE). */
ac_tok ac_tok_from_capture(const char *capture);

/* Where the highlight queries are: DATA_DIR/grammars/queries/NAME.scm. Call
 * once before the first ac_highlight (later calls are ignored). */
void ac_highlight_setup(const char *data_dir);

/* The language a fence's info string names, by its first word ("rust,ignore",
 * "rs" -> "rust"; "sh" -> "bash"; "console" -> "console"), or NULL when no
 * grammar knows it. The string is static. */
const char *ac_highlight_language(const char *info);

/* Blocks longer than this are not highlighted: tree-sitter's error recovery
 * is quadratic in the erroneous text (16 kB of an unterminated Rust string
 * take a second, 100 kB a minute). Real code blocks are far shorter (the
 * programming book's longest: 2 kB). */
#define AC_HIGHLIGHT_MAX_BYTES 16384

/* Classes code[0..len) into cls[0..len), one class per byte; the text itself
 * is never changed. lang is what ac_highlight_language returned. Returns 0,
 * or -1 with cls all AC_TOK_NONE when the block is too long or too costly
 * to parse (*why says so, every time) or the language's queries cannot be
 * loaded (*why says so the first time only, so that a run reports it once;
 * the caller frees *why). Thread-safe. */
int ac_highlight(const char *lang, const char *code, size_t len, unsigned char *cls, char **why);

/* Releases the grammars' queries (tests, leak checkers). */
void ac_highlight_cleanup(void);

#endif
