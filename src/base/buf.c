/* buf.c - growable byte buffer and allocation helpers that abort on exhaustion. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(void)
{
	fputs("autochitect: out of memory\n", stderr);
	abort();
}

void *ac_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *ac_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *ac_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom();
	return q;
}

char *ac_xstrdup(const char *s)
{
	return ac_xstrndup(s, strlen(s));
}

char *ac_xstrndup(const char *s, size_t n)
{
	char *p = ac_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ac_xasprintf(const char *fmt, ...)
{
	ac_buf b = AC_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ac_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return ac_buf_detach(&b);
}

static void grow(ac_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (extra >= AC_BUF_MAX || need > AC_BUF_MAX)
		die_oom();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->ptr = ac_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void ac_buf_reserve(ac_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (extra >= AC_BUF_MAX || need > AC_BUF_MAX)
		die_oom();
	if (need > b->cap) {
		b->ptr = ac_xrealloc(b->ptr, need);
		b->cap = need;
	}
}

void ac_buf_add(ac_buf *b, const void *data, size_t len)
{
	grow(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void ac_buf_shrink(ac_buf *b)
{
	if (b->ptr && b->len + 1 < b->cap) {
		b->ptr = ac_xrealloc(b->ptr, b->len + 1);
		b->cap = b->len + 1;
	}
}

void ac_buf_adds(ac_buf *b, const char *s)
{
	ac_buf_add(b, s, strlen(s));
}

void ac_buf_addc(ac_buf *b, char c)
{
	ac_buf_add(b, &c, 1);
}

void ac_buf_vprintf(ac_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ac_buf_printf(ac_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ac_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *ac_buf_str(const ac_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *ac_buf_detach(ac_buf *b)
{
	char *p = b->ptr ? b->ptr : ac_xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void ac_buf_reset(ac_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void ac_buf_free(ac_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
