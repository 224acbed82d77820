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
void ac_diag_add(ac_diags *d, ac_severity sev, const char *path, int line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define ac_error(d, path, line, ...) ac_diag_add(d, AC_ERROR, path, line, __VA_ARGS__)
#define ac_warn(d, path, line, ...) ac_diag_add(d, AC_WARNING, path, line, __VA_ARGS__)
/* Moves every record of from to the end of to, in order; from is left empty. */
void ac_diags_move(ac_diags *to, ac_diags *from);
/* Prints every record as "PATH:LINE: error|warning: message", ordered by path
 * and line (stable for equal keys); colour only when use_color. */
void ac_diags_print(ac_diags *d, FILE *out, int use_color);
/* Finds a record whose message contains needle; for tests. */
const ac_diag *ac_diags_find(const ac_diags *d, const char *needle);

#endif
