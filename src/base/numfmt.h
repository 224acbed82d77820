/* numfmt.h - printf's conversions of one number, as glibc writes them, fast. */
#ifndef AC_NUMFMT_H
#define AC_NUMFMT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* If fmt is a single conversion of one of the forms cairo writes PDF
 * numbers with (nothing else in fmt):
 *     %[0][W|*][l]{d,u,x,X,o}   an integer, zero-padded to width W
 *     %[.P|.*]f                 a double with P decimals (6 when none)
 * formats its argument(s), taken from ap, into out as vsnprintf(out, cap,
 * fmt, ap) would (byte for byte: the same digits, the same rounding of
 * the binary value to P decimals, ties to even, "-" before any negative
 * value, -0.0 included), stores the length vsnprintf returns in *len and
 * returns true. Returns false, having perhaps read from ap, for any other
 * format and for what it has no fast way for (infinities, NaN, magnitudes
 * of 10^15 and more, precisions over 18, a width over 100 or a negative
 * one from *; doubles when the decimal point is not "." or the rounding
 * mode not to nearest, or without 128-bit integers): the caller then calls
 * vsnprintf with a copy of the arguments made before. */
bool ac_numfmt(char *out, size_t cap, const char *fmt, va_list ap, int *len);

#endif
