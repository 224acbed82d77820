/* diag.h - diagnostics collected from every stage and printed once. */
#ifndef AC_DIAG_H
#define AC_DIAG_H

#include <stdio.h>

typedef enum { AC_WARNING, AC_ERROR } ac_severity;

typedef struct {
	char *path; /* as shown to the user; owned */
	int line;   /* 1-based; 0 when the problem has no line */
	ac_severity severity;
	char *message; /* owned */
	/* What the message says without its variable parts: the format string
	 * it was made from (the message itself when the format is just "%s").
	 * Repeated warnings of one kind in one file are grouped. Owned. */
	char *kind;
} ac_diag;

typedef struct {
	ac_diag *items;
	size_t count;
	size_t cap;
	size_t errors;
	size_t warnings;
} ac_diags;

void ac_diags_init(ac_diags *d);
void ac_diags_free(ac_diags *d);
/* Adds a record; fmt doubles as its kind, so a call site names a new kind by
 * writing a new message (not "%s" with a message built elsewhere). */
void ac_diag_add(ac_diags *d, ac_severity sev, const char *path, int line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define ac_error(d, path, line, ...) ac_diag_add(d, AC_ERROR, path, line, __VA_ARGS__)
#define ac_warn(d, path, line, ...) ac_diag_add(d, AC_WARNING, path, line, __VA_ARGS__)
/* Moves every record of from to the end of to, in order; from is left empty. */
void ac_diags_move(ac_diags *to, ac_diags *from);

/* How ac_diags_print prints. */
enum {
	AC_DIAG_COLOR = 1,       /* error and warning in colour */
	AC_DIAG_ALL = 2,         /* every warning, none grouped (-v) */
	AC_DIAG_ERRORS_ONLY = 4, /* errors only, no summary (-q) */
	AC_DIAG_SUMMARY = 8      /* end with "N errors, N warnings in N files" */
};
/* The number of warnings of one kind printed in full per file. */
#define AC_DIAG_SHOWN 3
/* Prints the records as "PATH:LINE: error|warning: message", ordered by path
 * and line (stable for equal keys). Errors are always printed. Unless
 * AC_DIAG_ALL, only the first AC_DIAG_SHOWN warnings of a kind in a file are:
 * after that file's lines comes one line per kind with more,
 *   PATH: warning: and N more like "FIRST MESSAGE" (-v shows all)
 * in the order of their first occurrence. With AC_DIAG_SUMMARY and at least
 * one record, a last line sums up, e.g. "1 error, 5 warnings in 2 files". */
void ac_diags_print(const ac_diags *d, FILE *out, unsigned flags);
/* Finds a record whose message contains needle; for tests. */
const ac_diag *ac_diags_find(const ac_diags *d, const char *needle);

#endif
