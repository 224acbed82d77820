/* diag.c - the diagnostics list: add records, sort them, print them once. */
#include "diag.h"

#include "buf.h"

#include <stdarg.h>
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

void ac_diags_print(ac_diags *d, FILE *out, int use_color)
{
	if (!d->count)
		return;
	const ac_diag **order = ac_xmalloc(d->count * sizeof *order);
	for (size_t i = 0; i < d->count; i++)
		order[i] = &d->items[i];
	qsort(order, d->count, sizeof *order, cmp_diag);
	for (size_t i = 0; i < d->count; i++) {
		const ac_diag *it = order[i];
		const char *word = it->severity == AC_ERROR ? "error" : "warning";
		const char *on = "", *off = "";
		if (use_color) {
			on = it->severity == AC_ERROR ? "\033[1;31m" : "\033[1;35m";
			off = "\033[0m";
		}
		if (it->line > 0)
			fprintf(out, "%s:%d: %s%s%s: %s\n", it->path, it->line, on, word, off,
				it->message);
		else
			fprintf(out, "%s: %s%s%s: %s\n", it->path, on, word, off, it->message);
	}
	free(order);
}

const ac_diag *ac_diags_find(const ac_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, needle))
			return &d->items[i];
	return NULL;
}
