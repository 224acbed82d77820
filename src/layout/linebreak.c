/* linebreak.c - the Knuth–Plass algorithm ("Breaking Paragraphs into Lines",
 * 1981): active breakpoints, adjustment ratios, demerits, fitness classes. */
#include "linebreak.h"

#include "../base/buf.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIT_EPSILON 1e-6 /* points */

typedef struct node {
	size_t at;
	size_t line; /* lines before this break */
	int fitness;
	double total_w, total_y, total_z; /* sums after the break */
	double demerits;
	double ratio;
	struct node *prev; /* best previous break */
	struct node *next; /* in the active list */
	struct node *all;  /* every node, for freeing */
} node;

typedef struct {
	const ac_item *items;
	size_t n;
	double *sw, *sy, *sz; /* prefix sums of widths, stretch, shrink */
	const double *widths;
	size_t nwidths;
	node *all;
} run;

static double line_width(const run *r, size_t line)
{
	return r->widths[line < r->nwidths ? line : r->nwidths - 1];
}

static bool is_break(const run *r, size_t i)
{
	const ac_item *it = &r->items[i];
	if (it->kind == AC_PENALTY)
		return it->penalty < AC_INF_PENALTY;
	/* Glue is a legal break only right after a box. */
	return it->kind == AC_GLUE && i > 0 && r->items[i - 1].kind == AC_BOX;
}

static node *new_node(run *r, size_t at, size_t line, int fitness, double demerits,
		      double ratio, node *prev)
{
	node *nd = ac_xcalloc(1, sizeof *nd);
	nd->at = at;
	nd->line = line;
	nd->fitness = fitness;
	nd->demerits = demerits;
	nd->ratio = ratio;
	nd->prev = prev;
	nd->all = r->all;
	r->all = nd;
	/* The next line starts at the first box (or forced break) after the
	 * break: glue and penalties there vanish at a line break. */
	size_t j = 0;
	if (prev) {
		for (j = at + 1; j < r->n; j++) {
			const ac_item *it = &r->items[j];
			if (it->kind == AC_BOX ||
			    (it->kind == AC_PENALTY && it->penalty <= -AC_INF_PENALTY))
				break;
		}
	}
	nd->total_w = r->sw[j];
	nd->total_y = r->sy[j];
	nd->total_z = r->sz[j];
	return nd;
}

static int fitness_of(double ratio)
{
	if (ratio < -0.5)
		return 0; /* tight */
	if (ratio <= 0.5)
		return 1; /* decent */
	if (ratio <= 1)
		return 2; /* loose */
	return 3;         /* very loose */
}

static ac_break *attempt(run *r, const ac_break_params *p, double tolerance, double extra,
			 bool final, size_t *count, bool *overfull)
{
	node *active = new_node(r, 0, 0, 1, 0, 0, NULL); /* the paragraph's start */
	for (size_t b = 0; b < r->n; b++) {
		if (!is_break(r, b))
			continue;
		const ac_item *it = &r->items[b];
		double pw = it->kind == AC_PENALTY ? it->width : 0;
		double pen = it->kind == AC_PENALTY ? it->penalty : 0;
		bool forced = it->kind == AC_PENALTY && pen <= -AC_INF_PENALTY;
		node *best[4] = {NULL, NULL, NULL, NULL};
		double best_d[4] = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX};
		double best_r[4] = {0, 0, 0, 0};
		/* Of the breaks dropped here, the one whose line overflows least:
		 * should nothing fit, only what cannot fit overflows. */
		node *prev_a = NULL, *least_over = NULL;
		double least_over_ratio = 0, least_excess = DBL_MAX;
		for (node *a = active; a;) {
			node *next = a->next;
			double len = r->sw[b] - a->total_w + pw;
			double target = line_width(r, a->line);
			double ratio;
			/* Widths are sums of floating-point advances: a line that
			 * matches its measure to within FIT_EPSILON fits exactly. */
			if (len < target - FIT_EPSILON) {
				double y = r->sy[b] - a->total_y + extra;
				ratio = y > 0 ? (target - len) / y : AC_INF_STRETCH;
			} else if (len > target + FIT_EPSILON) {
				double z = r->sz[b] - a->total_z;
				ratio = z > 0 ? (target - len) / z : -AC_INF_STRETCH;
			} else {
				ratio = 0;
			}
			if (ratio < -1 || forced) {
				/* Deactivate a: no later line from it can fit. */
				if (ratio < -1 && len - target < least_excess) {
					least_over = a;
					least_over_ratio = ratio;
					least_excess = len - target;
				}
				if (prev_a)
					prev_a->next = next;
				else
					active = next;
			} else {
				prev_a = a;
			}
			if (ratio >= -1 && ratio <= tolerance) {
				/* Badness 100|r|^3; demerits (l + b)^2 ± p^2. */
				double bad = 100 * fabs(ratio) * fabs(ratio) * fabs(ratio);
				double dem = (p->line_penalty + bad) * (p->line_penalty + bad);
				if (pen >= 0)
					dem += pen * pen;
				else if (pen > -AC_INF_PENALTY)
					dem -= pen * pen;
				if (it->kind == AC_PENALTY && it->flagged && a->at < r->n &&
				    r->items[a->at].kind == AC_PENALTY && r->items[a->at].flagged && a->prev)
					dem += p->flagged_demerits;
				int fit = fitness_of(ratio);
				if (abs(fit - a->fitness) > 1)
					dem += p->fitness_demerits;
				dem += a->demerits;
				if (dem < best_d[fit]) {
					best_d[fit] = dem;
					best[fit] = a;
					best_r[fit] = ratio;
				}
			}
			a = next;
		}
		bool any = false;
		for (int f = 0; f < 4; f++)
			any |= best[f] != NULL;
		if (!any && !active && final && least_over) {
			/* Nothing fits: accept an overfull line rather than fail. */
			best[0] = least_over;
			best_d[0] = least_over->demerits + 1e8;
			best_r[0] = least_over_ratio;
			*overfull = true;
			any = true;
		}
		if (!any) {
			if (!active)
				return NULL; /* this pass failed */
			continue;
		}
		for (int f = 0; f < 4; f++) {
			if (!best[f])
				continue;
			node *nd = new_node(r, b, best[f]->line + 1, f, best_d[f], best_r[f], best[f]);
			nd->next = active;
			active = nd;
		}
	}
	/* The best of the nodes at the final forced break. */
	node *win = NULL;
	for (node *a = active; a; a = a->next)
		if (a->at == r->n - 1 && (!win || a->demerits < win->demerits))
			win = a;
	if (!win)
		return NULL;
	size_t lines = win->line;
	ac_break *out = ac_xcalloc(lines ? lines : 1, sizeof *out);
	for (node *nd = win; nd && nd->prev; nd = nd->prev) {
		out[nd->line - 1].at = nd->at;
		out[nd->line - 1].ratio = nd->ratio;
	}
	*count = lines;
	return out;
}

static void free_nodes(run *r)
{
	for (node *nd = r->all; nd;) {
		node *next = nd->all;
		free(nd);
		nd = next;
	}
	r->all = NULL;
}

ac_break *ac_break_lines(const ac_item *items, size_t n, const double *widths,
			 size_t nwidths, const ac_break_params *p, size_t *count, bool *overfull)
{
	*count = 0;
	*overfull = false;
	if (!n)
		return NULL;
	run r = {items, n, NULL, NULL, NULL, widths, nwidths, NULL};
	r.sw = ac_xcalloc(n + 1, sizeof *r.sw);
	r.sy = ac_xcalloc(n + 1, sizeof *r.sy);
	r.sz = ac_xcalloc(n + 1, sizeof *r.sz);
	for (size_t i = 0; i < n; i++) {
		const ac_item *it = &items[i];
		r.sw[i + 1] = r.sw[i] + (it->kind == AC_PENALTY ? 0 : it->width);
		r.sy[i + 1] = r.sy[i] + (it->kind == AC_GLUE ? it->stretch : 0);
		r.sz[i + 1] = r.sz[i] + (it->kind == AC_GLUE ? it->shrink : 0);
	}
	/* Sums "before item i" are s[i]; the break at b measures up to s[b]. */
	ac_break *out = attempt(&r, p, p->tolerance, 0, false, count, overfull);
	free_nodes(&r);
	if (!out) {
		out = attempt(&r, p, p->tolerance * 4 + 10, p->emergency_stretch, false, count,
			      overfull);
		free_nodes(&r);
	}
	if (!out) {
		out = attempt(&r, p, 1e9, p->emergency_stretch, true, count, overfull);
		free_nodes(&r);
	}
	free(r.sw);
	free(r.sy);
	free(r.sz);
	return out;
}
