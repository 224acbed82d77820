/* overrides.c - library functions replaced for the whole program, for speed.
 *
 * The executable's own symbols come first when the dynamic linker resolves
 * the libraries' calls, so these take the place of zlib's and glibc's in
 * cairo too. Each gives the same result as the one it replaces, or one as
 * valid. They are linked into the executable only: the core library and
 * its tests keep zlib's default level. */
#include "base/numfmt.h"

#include <stdarg.h>
#include <stddef.h>
#include <zlib.h>

/* cairo 1.16 compresses every stream of the PDF (page contents, fonts, the
 * pixels of PNG pictures) through zlib's deflateInit at the default level,
 * 6, and has no setting for it. This definition of deflateInit's entry
 * point takes the place of zlib's: a call that asks for the default level
 * gets level 1, five times faster on the pixels of screenshots for 45 %
 * more bytes, with the same content (deflate is lossless; the bytes are
 * the same on every run). Everything else asks zlib through deflateInit2
 * (libpng, libzip) and is left as it was. */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = 1;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			     stream_size);
}

#ifdef __GLIBC__
/* glibc's checking entry points (the names are glibc's). */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);
void __chk_fail(void) __attribute__((noreturn));

/* cairo writes each number of a page with its own snprintf call (built
 * with _FORTIFY_SOURCE, so through __snprintf_chk): "%f", "%.18f", "%d".
 * Those single conversions are made by ac_numfmt, byte for byte what
 * glibc makes, and everything else by glibc. */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
	if (maxlen > slen)
		__chk_fail();
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int len;
	if (!ac_numfmt(s, maxlen, fmt, ap, &len))
		len = __vsnprintf_chk(s, maxlen, flag, slen, fmt, again);
	va_end(again);
	va_end(ap);
	return len;
}
#endif
