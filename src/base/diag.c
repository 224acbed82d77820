/* diag.c - the diagnostics list: add records, sort them, print them once. */
#include "diag.h"

#include "buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void ac_diags_init(ac_diags *d)
{
	memset(d, 0, sizeof *d);
}

void ac_diags_free(ac_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
		free(d->items[i].kind);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

void ac_diag_add(ac_diags *d, ac_severity sev, const char *path, int line,
		 const char *fmt, ...)
{
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = ac_xrealloc(d->items, d->cap * sizeof *d->items);
	}
	ac_buf msg = AC_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ac_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ac_diag *it = &d->items[d->count++];
	it->path = ac_xstrdup(path ? path : "autochitect");
	/* Problems with a whole file are reported on its first line. */
	it->line = line > 0 ? line : 1;
	it->severity = sev;
	it->message = ac_buf_detach(&msg);
	/* A message built elsewhere and passed through "%s" is its own kind. */
	it->kind = ac_xstrdup(strcmp(fmt, "%s") ? fmt : it->message);
	if (sev == AC_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void ac_diags_move(ac_diags *to, ac_diags *from)
{
	if (to->count + from->count > to->cap) {
		to->cap = to->cap * 2 > to->count + from->count ? to->cap * 2
								: to->count + from->count;
		to->items = ac_xrealloc(to->items, to->cap * sizeof *to->items);
	}
	if (from->count)
		memcpy(to->items + to->count, from->items, from->count * sizeof *from->items);
	to->count += from->count;
	to->errors += from->errors;
	to->warnings += from->warnings;
	free(from->items);
	memset(from, 0, sizeof *from);
}

/* Sort by path, then line; ties keep the order of discovery (index compare). */
static int cmp_diag(const void *a, const void *b)
{
	const ac_diag *x = *(const ac_diag *const *)a, *y = *(const ac_diag *const *)b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* A warning and its place in the printed order. */
typedef struct {
	const ac_diag *it;
	size_t pos;
} placed;

/* Groups warnings by file and kind, each group in printed order. */
static int cmp_kind(const void *a, const void *b)
{
	const placed *x = a, *y = b;
	int c = strcmp(x->it->path, y->it->path);
	if (!c)
		c = strcmp(x->it->kind, y->it->kind);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* A kind with warnings left out: where its first one is printed, how many
 * are not. */
typedef struct {
	size_t first;
	size_t more;
} group;

static int cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;
	return x->first < y->first ? -1 : x->first > y->first;
}

static void print_word(FILE *out, ac_severity sev, unsigned flags)
{
	const char *word = sev == AC_ERROR ? "error" : "warning";
	if (flags & AC_DIAG_COLOR)
		fprintf(out, "%s%s\033[0m", sev == AC_ERROR ? "\033[1;31m" : "\033[1;35m", word);
	else
		fputs(word, out);
}

void ac_diags_print(const ac_diags *d, FILE *out, unsigned flags)
{
	size_t n = d->count;
	if (!n)
		return;
	const ac_diag **order = ac_xmalloc(n * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = &d->items[i];
	qsort(order, n, sizeof *order, cmp_diag);

	/* hidden[pos]: a warning beyond the first AC_DIAG_SHOWN of its kind in
	 * its file; groups: one per kind with hidden warnings, in printed order
	 * of their first warning. */
	bool *hidden = ac_xcalloc(n, sizeof *hidden);
	group *groups = NULL;
	size_t ngroups = 0;
	if (!(flags & (AC_DIAG_ALL | AC_DIAG_ERRORS_ONLY))) {
		placed *w = ac_xmalloc(n * sizeof *w);
		size_t nw = 0;
		for (size_t i = 0; i < n; i++)
			if (order[i]->severity == AC_WARNING)
				w[nw++] = (placed){order[i], i};
		qsort(w, nw, sizeof *w, cmp_kind);
		groups = ac_xmalloc((nw / (AC_DIAG_SHOWN + 1) + 1) * sizeof *groups);
		for (size_t i = 0, j; i < nw; i = j) {
			for (j = i + 1; j < nw && !strcmp(w[j].it->path, w[i].it->path) &&
					!strcmp(w[j].it->kind, w[i].it->kind);
			     j++)
				;
			if (j - i <= AC_DIAG_SHOWN)
				continue;
			for (size_t k = i + AC_DIAG_SHOWN; k < j; k++)
				hidden[w[k].pos] = true;
			groups[ngroups++] = (group){w[i].pos, j - i - AC_DIAG_SHOWN};
		}
		free(w);
		qsort(groups, ngroups, sizeof *groups, cmp_group);
	}

	size_t files = 0, g = 0;
	for (size_t i = 0; i < n; i++) {
		const ac_diag *it = order[i];
		if (i == 0 || strcmp(it->path, order[i - 1]->path))
			files++;
		bool shown = !hidden[i] &&
			     !((flags & AC_DIAG_ERRORS_ONLY) && it->severity != AC_ERROR);
		if (shown) {
			fprintf(out, "%s:%d: ", it->path, it->line);
			print_word(out, it->severity, flags);
			fprintf(out, ": %s\n", it->message);
		}
		/* A file's groups follow its last line; its groups are the ones
		 * whose first warning has been printed by then. */
		if (i + 1 < n && !strcmp(order[i + 1]->path, it->path))
			continue;
		for (; g < ngroups && groups[g].first <= i; g++) {
			fprintf(out, "%s: ", it->path);
			print_word(out, AC_WARNING, flags);
			fprintf(out, ": and %zu more like \"%s\" (-v shows all)\n", groups[g].more,
				order[groups[g].first]->message);
		}
	}
	if ((flags & AC_DIAG_SUMMARY) && !(flags & AC_DIAG_ERRORS_ONLY))
		fprintf(out, "%zu error%s, %zu warning%s in %zu file%s\n", d->errors,
			d->errors == 1 ? "" : "s", d->warnings, d->warnings == 1 ? "" : "s", files,
			files == 1 ? "" : "s");
	free(groups);
	free(hidden);
	free(order);
}

const ac_diag *ac_diags_find(const ac_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, needle))
			return &d->items[i];
	return NULL;
}
