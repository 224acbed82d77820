/* test_linebreak.c - Knuth–Plass: optimality against brute force, ratios,
 * forced breaks, overfull lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "layout/linebreak.h"

#include <math.h>
#include <stdlib.h>

static const ac_break_params params = {2.0, 10, 3000, 3000, 20};

/* A paragraph of words with widths w[], inter-word glue 6 +3 -2, ending in
 * a finishing glue and a forced break. */
static size_t make_para(const double *w, size_t nw, ac_item *items)
{
	size_t n = 0;
	for (size_t i = 0; i < nw; i++) {
		if (i) {
			items[n++] = (ac_item){AC_GLUE, 6, 3, 2, 0, false, 0};
		}
		items[n++] = (ac_item){AC_BOX, w[i], 0, 0, 0, false, 0};
	}
	items[n++] = (ac_item){AC_GLUE, 0, AC_INF_STRETCH, 0, 0, false, 0};
	items[n++] = (ac_item){AC_PENALTY, 0, 0, 0, -AC_INF_PENALTY, false, 0};
	return n;
}

static int fitness(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/* The demerits of a line from item a (start) to break b, or -1 if infeasible. */
static double line_cost(const ac_item *it, size_t a, size_t b, double W, double *ratio)
{
	double L = 0, Y = 0, Z = 0;
	for (size_t i = a; i < b; i++) {
		if (it[i].kind == AC_PENALTY)
			continue;
		L += it[i].width;
		if (it[i].kind == AC_GLUE) {
			Y += it[i].stretch;
			Z += it[i].shrink;
		}
	}
	double r = L < W ? (Y > 0 ? (W - L) / Y : AC_INF_STRETCH) : L > W ? (Z > 0 ? (W - L) / Z : -AC_INF_STRETCH) : 0;
	*ratio = r;
	if (r < -1 || r > params.tolerance)
		return -1;
	double bad = 100 * fabs(r) * fabs(r) * fabs(r);
	return (params.line_penalty + bad) * (params.line_penalty + bad);
}

/* Minimum total demerits over every sequence of breaks, by exhaustion. */
static double brute(const ac_item *it, size_t n, double W, const size_t *cand, size_t nc,
		    size_t from_item, size_t ci, int prev_fit, int depth)
{
	(void)depth;
	double best = INFINITY;
	for (size_t k = ci; k < nc; k++) {
		size_t b = cand[k];
		double r;
		double c = line_cost(it, from_item, b, W, &r);
		if (c < 0)
			continue;
		if (abs(fitness(r) - prev_fit) > 1)
			c += params.fitness_demerits;
		if (b == n - 1) {
			if (c < best)
				best = c;
			continue;
		}
		double rest = brute(it, n, W, cand, nc, b + 1, k + 1, fitness(r), depth + 1);
		if (c + rest < best)
			best = c + rest;
	}
	return best;
}

static void optimal_against_brute_force(void **state)
{
	(void)state;
	srand(7);
	int compared = 0;
	for (int trial = 0; trial < 60; trial++) {
		double w[14];
		size_t nw = 6 + (size_t)(rand() % 9);
		for (size_t i = 0; i < nw; i++)
			w[i] = 10 + rand() % 40;
		ac_item items[64];
		size_t n = make_para(w, nw, items);
		double W = 150 + rand() % 80;
		size_t cand[64], nc = 0;
		for (size_t i = 1; i < n; i++)
			if ((items[i].kind == AC_GLUE && items[i - 1].kind == AC_BOX) ||
			    (items[i].kind == AC_PENALTY && items[i].penalty < AC_INF_PENALTY))
				cand[nc++] = i;
		double want = brute(items, n, W, cand, nc, 0, 0, 1, 0);
		size_t count = 0;
		bool over = false;
		ac_break *br = ac_break_lines(items, n, &W, 1, &params, &count, &over);
		assert_non_null(br);
		if (isinf(want)) {
			free(br);
			continue; /* needed the emergency passes */
		}
		assert_false(over);
		double got = 0;
		size_t start = 0;
		int prev = 1;
		for (size_t l = 0; l < count; l++) {
			double r;
			double c = line_cost(items, start, br[l].at, W, &r);
			assert_true(c >= 0);
			assert_true(fabs(r - br[l].ratio) < 1e-9 || br[l].at == n - 1);
			if (abs(fitness(r) - prev) > 1)
				c += params.fitness_demerits;
			prev = fitness(r);
			got += c;
			start = br[l].at + 1;
		}
		assert_int_equal(br[count - 1].at, n - 1);
		assert_true(fabs(got - want) < 1e-6 * (1 + want));
		compared++;
		free(br);
	}
	/* Most random paragraphs fit within the tolerance: the comparison ran. */
	print_message("compared %d\n", compared);
	assert_true(compared >= 30);
}

static void forced_break_is_kept(void **state)
{
	(void)state;
	ac_item items[] = {
		{AC_BOX, 30, 0, 0, 0, false, 0},
		{AC_GLUE, 0, AC_INF_STRETCH, 0, 0, false, 0},
		{AC_PENALTY, 0, 0, 0, -AC_INF_PENALTY, false, 0},
		{AC_BOX, 30, 0, 0, 0, false, 0},
		{AC_GLUE, 0, AC_INF_STRETCH, 0, 0, false, 0},
		{AC_PENALTY, 0, 0, 0, -AC_INF_PENALTY, false, 0},
	};
	double W = 200;
	size_t count = 0;
	bool over = false;
	ac_break *br = ac_break_lines(items, 6, &W, 1, &params, &count, &over);
	assert_int_equal(count, 2);
	assert_int_equal(br[0].at, 2);
	assert_int_equal(br[1].at, 5);
	free(br);
}

static void overfull_is_reported_not_lost(void **state)
{
	(void)state;
	double w[] = {20, 300, 20};
	ac_item items[16];
	size_t n = make_para(w, 3, items);
	double W = 100;
	size_t count = 0;
	bool over = false;
	ac_break *br = ac_break_lines(items, n, &W, 1, &params, &count, &over);
	assert_non_null(br);
	assert_true(over);
	assert_int_equal(br[count - 1].at, n - 1);
	free(br);
}

static void hyphen_penalties_are_used(void **state)
{
	(void)state;
	/* "aaaa bbbb-cccc dddd": the only way to fit 45 is to break at the hyphen. */
	ac_item items[] = {
		{AC_BOX, 20, 0, 0, 0, false, 0},
		{AC_GLUE, 5, 3, 1, 0, false, 0},
		{AC_BOX, 20, 0, 0, 0, false, 0},
		{AC_PENALTY, 3, 0, 0, 50, true, 0},
		{AC_BOX, 20, 0, 0, 0, false, 0},
		{AC_GLUE, 5, 3, 1, 0, false, 0},
		{AC_BOX, 20, 0, 0, 0, false, 0},
		{AC_GLUE, 0, AC_INF_STRETCH, 0, 0, false, 0},
		{AC_PENALTY, 0, 0, 0, -AC_INF_PENALTY, false, 0},
	};
	double W = 48;
	size_t count = 0;
	bool over = false;
	ac_break *br = ac_break_lines(items, 9, &W, 1, &params, &count, &over);
	assert_int_equal(count, 2);
	assert_int_equal(br[0].at, 3);
	assert_false(over);
	free(br);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(optimal_against_brute_force),
		cmocka_unit_test(forced_break_is_kept),
		cmocka_unit_test(overfull_is_reported_not_lost),
		cmocka_unit_test(hyphen_penalties_are_used),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
