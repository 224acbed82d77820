/* numfmt.c - printf's conversions of one number, as glibc writes them, fast.
 *
 * cairo writes every number of a PDF page through snprintf, one number a
 * call ("%f", "%.18f", "%d", "%04x"): about 230,000 calls for book/, where
 * glibc's general conversion of a double (multi-precision arithmetic for
 * an exact result) took 5 to 7 % of the build. The doubles of a page are
 * small, so their exact decimal rounding fits in 128-bit integers. */
#include "numfmt.h"

#include <fenv.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A conversion: '%' [0] [width | *] [.precision | .*] [l] letter. */
typedef struct {
	bool zero;     /* the 0 flag */
	int width;     /* -1: none; -2: taken from the arguments */
	int precision; /* the same */
	bool is_long;
	char letter;
} spec;

static int read_count(const char **p)
{
	if (**p == '*') {
		(*p)++;
		return -2;
	}
	int n = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++) {
		if (n > 99)
			return -3;
		n = n * 10 + (**p - '0');
	}
	return n;
}

static bool parse(const char *fmt, spec *s)
{
	const char *p = fmt;
	if (*p++ != '%')
		return false;
	*s = (spec){false, -1, -1, false, 0};
	if (*p == '0') {
		s->zero = true;
		p++;
	}
	if (*p == '*' || (*p >= '1' && *p <= '9'))
		s->width = read_count(&p);
	if (*p == '.') {
		p++;
		s->precision = read_count(&p);
	}
	if (*p == 'l') {
		s->is_long = true;
		p++;
	}
	s->letter = *p;
	if (s->letter == '\0')
		return false;
	if (*++p != '\0' || s->width == -3 || s->precision == -3)
		return false;
	if (s->letter == 'f')
		/* Only what cairo asks for: no flag, width or length. */
		return !s->zero && s->width == -1 && !s->is_long;
	return strchr("duxXo", s->letter) && s->precision == -1;
}

/* Writes n in base (8, 10 or 16) backwards from end; returns the start. */
static char *digits_back(char *end, uint64_t n, unsigned base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		*--end = set[n % base];
		n /= base;
	} while (n);
	return end;
}

/* Copies text[0, n) into out as snprintf does: at most cap - 1 bytes and
 * a NUL when cap > 0; the length is n whatever was cut. */
static int emit(char *out, size_t cap, const char *text, size_t n)
{
	if (cap > 0) {
		size_t k = n < cap - 1 ? n : cap - 1;
		memcpy(out, text, k);
		out[k] = '\0';
	}
	return (int)n;
}

/* An integer in base 8, 10 or 16, zero- or space-padded to width. */
static int format_integer(char *out, size_t cap, const spec *s, int width, bool negative,
			  uint64_t magnitude)
{
	unsigned base = s->letter == 'o' ? 8 : s->letter == 'x' || s->letter == 'X' ? 16 : 10;
	char text[160];
	char *end = text + sizeof text;
	char *p = digits_back(end, magnitude, base, s->letter == 'X');
	int len = (int)(end - p) + (negative ? 1 : 0);
	if (s->zero)
		for (; len < width; len++)
			*--p = '0';
	if (negative)
		*--p = '-';
	for (; len < width; len++)
		*--p = ' ';
	return emit(out, cap, p, (size_t)(end - p));
}

static const uint64_t powers_of_ten[19] = {1ull,
				   10ull,
				   100ull,
				   1000ull,
				   10000ull,
				   100000ull,
				   1000000ull,
				   10000000ull,
				   100000000ull,
				   1000000000ull,
				   10000000000ull,
				   100000000000ull,
				   1000000000000ull,
				   10000000000000ull,
				   100000000000000ull,
				   1000000000000000ull,
				   10000000000000000ull,
				   100000000000000000ull,
				   1000000000000000000ull};

#ifdef __SIZEOF_INT128__
/* d (|d| < 10^15, finite) with p decimals, p <= 18, rounded exactly from
 * its binary value, ties to even (glibc's rounding in the default mode). */
static size_t fixed(double d, int p, char *text)
{
	uint64_t bits;
	memcpy(&bits, &d, sizeof bits);
	bool negative = bits >> 63;
	int biased = (int)(bits >> 52 & 0x7ff);
	uint64_t m = bits & ((1ull << 52) - 1);
	int e;
	if (biased == 0) {
		e = -1074;
	} else {
		m |= 1ull << 52;
		e = biased - 1075;
	}
	/* |d| * 10^p = m * 10^p / 2^k, with m * 10^p < 2^53 * 2^60, and k > 0
	 * since |d| < 10^15 < 2^50 while m >= 2^52 (or d is subnormal). */
	__extension__ typedef unsigned __int128 u128;
	u128 n = (u128)m * powers_of_ten[p];
	u128 q;
	if (e > -128) {
		unsigned k = (unsigned)-e;
		q = n >> k;
		u128 rest = n & (((u128)1 << k) - 1);
		u128 half = (u128)1 << (k - 1);
		if (rest > half || (rest == half && (q & 1)))
			q++;
	} else {
		q = 0; /* n < 2^113 is less than half of 2^-e */
	}
	uint64_t whole = (uint64_t)(q / powers_of_ten[p]);
	uint64_t part = (uint64_t)(q % powers_of_ten[p]);
	char buf[48];
	char *end = buf + sizeof buf;
	char *s = end;
	if (p > 0) {
		for (int i = 0; i < p; i++) {
			*--s = (char)('0' + part % 10);
			part /= 10;
		}
		*--s = '.';
	}
	s = digits_back(s, whole, 10, false);
	if (negative)
		*--s = '-';
	size_t len = (size_t)(end - s);
	memcpy(text, s, len);
	return len;
}

#endif

/* Whether doubles may be converted here: glibc rounds in the current
 * rounding mode and writes the locale's decimal point (what its printf
 * reads: nl_langinfo is safe on any thread, unlike localeconv). */
static bool doubles_ours(void)
{
#ifdef __SIZEOF_INT128__
	const char *point = nl_langinfo(RADIXCHAR);
	return fegetround() == FE_TONEAREST && point && !strcmp(point, ".");
#else
	return false;
#endif
}

bool ac_numfmt(char *out, size_t cap, const char *fmt, va_list ap, int *len)
{
	spec s;
	if (!fmt || !parse(fmt, &s))
		return false;
	int width = s.width == -2 ? va_arg(ap, int) : s.width;
	int precision = s.precision == -2 ? va_arg(ap, int) : s.precision;
	if (s.letter == 'f') {
		double d = va_arg(ap, double);
		if (precision < 0)
			precision = 6; /* a negative precision from * is none */
		if (!(d > -1e15 && d < 1e15) || precision > 18 || !doubles_ours())
			return false;
#ifdef __SIZEOF_INT128__
		char text[48];
		*len = emit(out, cap, text, fixed(d, precision, text));
		return true;
#else
		return false;
#endif
	}
	/* A negative width from * is the - flag: glibc's. */
	if ((s.width == -2 && width < 0) || width > 100)
		return false;
	bool negative = false;
	uint64_t magnitude;
	if (s.letter == 'd') {
		int64_t v = s.is_long ? va_arg(ap, long) : va_arg(ap, int);
		negative = v < 0;
		magnitude = negative ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	} else {
		magnitude = s.is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
	}
	*len = format_integer(out, cap, &s, width, negative, magnitude);
	return true;
}
