/* test_numfmt.c - ac_numfmt against glibc's snprintf, byte for byte, on the
 * numbers cairo writes and on the hard cases of decimal rounding. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/numfmt.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* glibc's checking entry point, as src/overrides.c defines it (linked in). */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);

/* ac_numfmt through a variadic call, as the override makes it. */
static bool ours(char *out, size_t cap, int *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool ok = ac_numfmt(out, cap, fmt, ap, len);
	va_end(ap);
	return ok;
}

/* A deterministic generator (xorshift64*), so a failure can be replayed. */
static uint64_t next(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ull;
}

static long compared;

static void same_double(const char *fmt, int precision, double d, size_t cap)
{
	char want[128], got[128];
	memset(got, 'X', sizeof got);
	memset(want, 'X', sizeof want);
	bool star = strchr(fmt, '*') != NULL;
	int want_len = star ? snprintf(want, cap, fmt, precision, d) : snprintf(want, cap, fmt, d);
	int got_len = 0;
	bool ok = star ? ours(got, cap, &got_len, fmt, precision, d)
		       : ours(got, cap, &got_len, fmt, d);
	if (!ok)
		fail_msg("%s with %d, %.17g: not taken", fmt, precision, d);
	if (got_len != want_len || memcmp(got, want, sizeof got))
		fail_msg("%s with %d, %.17g (cap %zu): \"%.*s\" (%d), glibc \"%.*s\" (%d)", fmt,
			 precision, d, cap, (int)(cap ? cap : 1), got, got_len,
			 (int)(cap ? cap : 1), want, want_len);
	compared++;
}

/* Every format cairo uses for doubles, and every precision cairo's "%.*f"
 * takes (0 to 18). */
static void check_all_forms(double d)
{
	same_double("%f", 0, d, 128);
	same_double("%.18f", 0, d, 128);
	same_double("%.3f", 0, d, 128);
	same_double("%.*f", -3, d, 128); /* a negative precision is none */
	for (int p = 0; p <= 18; p++)
		same_double("%.*f", p, d, 128);
}

static void doubles_random(void **state)
{
	(void)state;
	uint64_t s = 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < 40000; i++) {
		/* Any exponent that keeps |d| under 10^15, any mantissa, either sign. */
		uint64_t r = next(&s);
		int exp = (int)(next(&s) % 1100) - 1050;
		double d = ldexp((double)(r >> 11) / 9007199254740992.0 + 0.5, exp);
		if (r & 1)
			d = -d;
		if (!(fabs(d) < 1e15))
			continue;
		check_all_forms(d);
	}
	/* Coordinates of a page: a few hundred points with a binary fraction. */
	for (int i = 0; i < 40000; i++) {
		double d = (double)(int64_t)(next(&s) % 2000000 - 1000000) / 1024.0;
		same_double("%f", 0, d, 128);
		same_double("%.*f", (int)(next(&s) % 19), d, 128);
	}
	assert_true(compared > 900000); /* the loops ran: 22 forms of ~40,000 values, and more */
}

/* Exact ties at the last kept decimal: k/2^j ends in 5 at decimal j, so at
 * precision j-1 it is exactly half-way (round to even), and the numbers
 * next to the ties by one unit in the last place either way. */
static void doubles_ties(void **state)
{
	(void)state;
	uint64_t s = 42;
	for (int j = 1; j <= 19; j++)
		for (int i = 0; i < 2000; i++) {
			double d = ldexp((double)(next(&s) % 4000000), -j);
			double sides[] = {d, nextafter(d, 0), nextafter(d, 1e300), -d};
			for (size_t k = 0; k < 4; k++)
				for (int p = j - 2 >= 0 ? j - 2 : 0; p <= j && p <= 18; p++)
					same_double("%.*f", p, sides[k], 128);
		}
	const double fixed[] = {0.0,
				-0.0,
				0.5,
				1.5,
				2.5,
				-0.5,
				0.0000005,
				0.0078125,
				0.1015625,
				999999.9999995,
				0.9999995,
				-0.0000001,
				1e-7,
				4.9406564584124654e-324,
				-4.9406564584124654e-324,
				2.2250738585072014e-308,
				1e-300,
				0.1,
				0.09999999999999999,
				1e15 - 1,
				-(1e15 - 1),
				999999999999999.9,
				123456789.123456789};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		check_all_forms(fixed[i]);
}

/* snprintf's contract at the end of a small buffer: what fits and a NUL,
 * and the whole length returned. */
static void truncated(void **state)
{
	(void)state;
	for (size_t cap = 0; cap < 14; cap++) {
		same_double("%f", 0, -1234.5678, cap);
		same_double("%.*f", 2, 99.995, cap);
	}
	char got[8] = "XXXXXXX", want[8] = "XXXXXXX";
	int len = 0;
	assert_true(ours(got, 4, &len, "%010ld", -42L));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation" /* the cut is what is compared */
	assert_int_equal(len, snprintf(want, 4, "%010ld", -42L));
#pragma GCC diagnostic pop
	assert_memory_equal(got, want, sizeof got);
}

static void same_int(const char *fmt, long a, long b, int nargs)
{
	char want[128], got[128];
	memset(got, 'X', sizeof got);
	memset(want, 'X', sizeof want);
	int want_len, got_len = 0;
	bool ok;
	if (strstr(fmt, "l") && nargs == 1) {
		want_len = snprintf(want, sizeof want, fmt, a);
		ok = ours(got, sizeof got, &got_len, fmt, a);
	} else if (nargs == 1) {
		want_len = snprintf(want, sizeof want, fmt, (int)a);
		ok = ours(got, sizeof got, &got_len, fmt, (int)a);
	} else {
		want_len = snprintf(want, sizeof want, fmt, (int)a, (int)b);
		ok = ours(got, sizeof got, &got_len, fmt, (int)a, (int)b);
	}
	if (!ok)
		fail_msg("%s with %ld: not taken", fmt, a);
	if (got_len != want_len || memcmp(got, want, sizeof got))
		fail_msg("%s with %ld %ld: \"%s\", glibc \"%s\"", fmt, a, b, got, want);
}

static void integers(void **state)
{
	(void)state;
	const long values[] = {0, 1, -1, 7, 8, 9, 10, 15, 16, 255, 256, 4095, 65535, 65536,
			       123456789, -123456789, INT_MAX, INT_MIN, (long)UINT_MAX};
	const char *int_forms[] = {"%d", "%u", "%x", "%X", "%o", "%04x", "%02x",
				   "%04X", "%03o", "%5d", "%05d", "%1d", "%0100d"};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		for (size_t f = 0; f < sizeof int_forms / sizeof *int_forms; f++)
			same_int(int_forms[f], values[i], 0, 1);
		same_int("%0*x", 6, values[i], 2);
		same_int("%*d", 9, values[i], 2);
	}
	const long longs[] = {0, -1, 42, -42, LONG_MAX, LONG_MIN, 1234567890123L};
	const char *long_forms[] = {"%ld", "%lu", "%010ld", "%lx", "%lo", "%20ld", "%020lu"};
	for (size_t i = 0; i < sizeof longs / sizeof *longs; i++)
		for (size_t f = 0; f < sizeof long_forms / sizeof *long_forms; f++)
			same_int(long_forms[f], longs[i], 0, 1);
}

/* What is not a single number conversion, or a value without a fast way,
 * is left to glibc. */
static void declined(void **state)
{
	(void)state;
	char out[64];
	int len = -7;
	const char *formats[] = {"",      "%",      "%%",    "x%d",  "%d ",   "%s",   "%5.2f",
				 "%-5d",  "%lld",   "%e",    "%g",   "%+d",   "% d",  "%#x",
				 "%.3d",  "%0f",    "%10f",  "%lf",  "%hd",   "%zu",  "%d%d",
				 "%1000d"};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		assert_false(ours(out, sizeof out, &len, formats[i], 1, 2, 3));
	assert_false(ours(out, sizeof out, &len, "%f", NAN));
	assert_false(ours(out, sizeof out, &len, "%f", -INFINITY));
	assert_false(ours(out, sizeof out, &len, "%f", 1e15));
	assert_false(ours(out, sizeof out, &len, "%f", -1e300));
	assert_false(ours(out, sizeof out, &len, "%.*f", 19, 1.0));
	assert_false(ours(out, sizeof out, &len, "%*d", -5, 1));
	assert_int_equal(len, -7);
}

/* The override itself: single numbers made here, the rest by glibc with
 * the same arguments, and glibc's check of the buffer's size kept. */
static void override(void **state)
{
	(void)state;
	char got[64], want[64];
	int n = __snprintf_chk(got, sizeof got, 1, sizeof got, "%.*f", 3, 2.0625);
	assert_int_equal(n, snprintf(want, sizeof want, "%.*f", 3, 2.0625));
	assert_string_equal(got, want);
	n = __snprintf_chk(got, sizeof got, 1, sizeof got, "%s=%d %.2f", "x", -7, 0.125);
	assert_int_equal(n, snprintf(want, sizeof want, "%s=%d %.2f", "x", -7, 0.125));
	assert_string_equal(got, want);
	n = __snprintf_chk(got, 4, 1, sizeof got, "%s=%d", "abc", 12);
	assert_int_equal(n, 6);
	assert_string_equal(got, "abc");
	/* A size larger than the buffer is glibc's "buffer overflow detected". */
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		char small[8];
		__snprintf_chk(small, 100, 1, sizeof small, "%d", 5);
		_exit(0);
	}
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doubles_random), cmocka_unit_test(doubles_ties),
		cmocka_unit_test(truncated),      cmocka_unit_test(integers),
		cmocka_unit_test(declined),       cmocka_unit_test(override),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
