/* buf.h - the two string types: an owning growable buffer and a borrowed slice. */
#ifndef AC_BUF_H
#define AC_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* A borrowed, not necessarily NUL-terminated run of bytes. */
typedef struct {
	const char *ptr;
	size_t len;
} ac_slice;

/* An owning buffer, always NUL-terminated once anything was added.
 * Growth past AC_BUF_MAX aborts: callers bound untrusted input before. */
typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
} ac_buf;

#define AC_BUF_INIT {NULL, 0, 0}
#define AC_BUF_MAX ((size_t)1 << 31)

/* Makes room for extra more bytes at once (a buffer that will hold about
 * that much grows no further than that). */
void ac_buf_reserve(ac_buf *b, size_t extra);
void ac_buf_add(ac_buf *b, const void *data, size_t len);
void ac_buf_adds(ac_buf *b, const char *s);
void ac_buf_addc(ac_buf *b, char c);
void ac_buf_printf(ac_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ac_buf_vprintf(ac_buf *b, const char *fmt, va_list ap);
/* The contents as a C string ("" when empty); borrowed. */
const char *ac_buf_str(const ac_buf *b);
/* Hands the heap string to the caller, who frees it; b is reset. */
char *ac_buf_detach(ac_buf *b);
void ac_buf_reset(ac_buf *b);
/* Gives back the room beyond what the buffer holds (a finished buffer that
 * is kept a while). */
void ac_buf_shrink(ac_buf *b);
void ac_buf_free(ac_buf *b);

/* Allocation that aborts on exhaustion: out of memory is not recoverable here. */
void *ac_xmalloc(size_t n);
void *ac_xcalloc(size_t n, size_t size);
void *ac_xrealloc(void *p, size_t n);
char *ac_xstrdup(const char *s);
char *ac_xstrndup(const char *s, size_t n);
char *ac_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
