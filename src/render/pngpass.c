/* pngpass.c - a PNG's compressed pixels into the PDF as they are (see
 * pngpass.h): the carrier made for cairo, and the image made of it again. */
#include "pngpass.h"

#include <libdeflate.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The carrier's header: the magic, the samples per pixel (1 or 3), the bits
 * per sample, the number of palette entries (2 bytes), the palette. */
static const char MAGIC[] = "\x89" "ACPNG\n";
#define MAGIC_LEN (sizeof MAGIC - 1)
#define HEAD_LEN (MAGIC_LEN + 4)

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void free_buf(void *data)
{
	ac_buf *b = data;
	ac_buf_free(b);
	free(b);
}

/* The carrier for a PNG that can pass as it is, or -1. */
static int carrier(const unsigned char *d, size_t n, ac_buf *out, uint32_t *w, uint32_t *h)
{
	if (n < 8 + 25 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0)
		return -1;
	ac_buf idat = AC_BUF_INIT;
	const unsigned char *plte = NULL;
	uint32_t nplte = 0;
	unsigned depth = 0, type = 0;
	bool header = false, end = false;
	for (size_t at = 8; !end;) {
		if (at + 12 > n)
			goto fail;
		uint32_t len = be32(d + at);
		if (len > n - at - 12)
			goto fail;
		const unsigned char *tag = d + at + 4, *body = d + at + 8;
		/* The checksum covers the type and the data. */
		if (libdeflate_crc32(0, tag, 4 + (size_t)len) != be32(body + len))
			goto fail;
		if (!memcmp(tag, "IHDR", 4)) {
			if (len != 13 || header)
				goto fail;
			header = true;
			*w = be32(body);
			*h = be32(body + 4);
			depth = body[8];
			type = body[9];
			/* Compression and filter method 0; not interlaced. */
			if (body[10] || body[11] || body[12])
				goto fail;
		} else if (!memcmp(tag, "PLTE", 4)) {
			if (len % 3 || len == 0 || len > 3 * 256)
				goto fail;
			plte = body;
			nplte = len / 3;
		} else if (!memcmp(tag, "tRNS", 4)) {
			goto fail; /* transparency: cairo makes the soft mask */
		} else if (!memcmp(tag, "IDAT", 4)) {
			ac_buf_add(&idat, (const char *)body, len);
		} else if (!memcmp(tag, "IEND", 4)) {
			end = true;
		}
		at += 12 + (size_t)len;
	}
	/* Grey of 1 to 8 bits, RGB of 8, a palette of 1 to 8 bits. */
	unsigned colors;
	if (!header || !idat.len || !*w || !*h || *w > 0x7fffffff || *h > 0x7fffffff)
		goto fail;
	if (type == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8))
		colors = 1;
	else if (type == 2 && depth == 8)
		colors = 3;
	else if (type == 3 && plte && (depth == 1 || depth == 2 || depth == 4 || depth == 8))
		colors = 1;
	else
		goto fail;
	if (type != 3)
		nplte = 0;
	unsigned char head[HEAD_LEN];
	memcpy(head, MAGIC, MAGIC_LEN);
	head[MAGIC_LEN] = (unsigned char)colors;
	head[MAGIC_LEN + 1] = (unsigned char)depth;
	head[MAGIC_LEN + 2] = (unsigned char)(nplte >> 8);
	head[MAGIC_LEN + 3] = (unsigned char)nplte;
	ac_buf_reserve(out, HEAD_LEN + 3 * (size_t)nplte + idat.len);
	ac_buf_add(out, (const char *)head, HEAD_LEN);
	if (nplte)
		ac_buf_add(out, (const char *)plte, 3 * (size_t)nplte);
	ac_buf_add(out, idat.ptr, idat.len);
	ac_buf_free(&idat);
	return 0;
fail:
	ac_buf_free(&idat);
	return -1;
}

cairo_surface_t *ac_pngpass_surface(const ac_buf *data, const char *path)
{
	ac_buf *carried = ac_xcalloc(1, sizeof *carried);
	uint32_t w = 0, h = 0;
	if (carrier((const unsigned char *)data->ptr, data->len, carried, &w, &h) != 0) {
		free_buf(carried);
		return NULL;
	}
	/* pixman allocates the pixels zeroed, as whole untouched pages for a
	 * picture of any size: they cost no memory, since nothing reads them
	 * (the picture is opaque by its format, and cairo writes the carried
	 * data in their place). */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	char *params = ac_xasprintf("Columns=%u Rows=%u", w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_CCITT_FAX_PARAMS,
					(const unsigned char *)params, strlen(params), free,
					params) != CAIRO_STATUS_SUCCESS) {
		free(params);
		free_buf(carried);
		cairo_surface_destroy(s);
		return NULL;
	}
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_CCITT_FAX,
					(const unsigned char *)carried->ptr, carried->len, free_buf,
					carried) != CAIRO_STATUS_SUCCESS) {
		free_buf(carried);
		cairo_surface_destroy(s);
		return NULL;
	}
	/* The same file drawn again is the same image in the PDF. */
	cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)path,
				    strlen(path), NULL, NULL);
	return s;
}

/* The integer after key in text[0, n), or -1. */
static long int_after(const char *text, size_t n, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = text; p + k < text + n; p++) {
		p = memchr(p, key[0], (size_t)(text + n - p));
		if (!p || p + k >= text + n)
			return -1;
		if (!memcmp(p, key, k)) {
			char *e;
			long v = strtol(p + k, &e, 10);
			return e > p + k && e <= text + n ? v : -1;
		}
	}
	return -1;
}

static const char *find(const char *text, size_t n, const char *what)
{
	size_t k = strlen(what);
	for (const char *p = text; p + k <= text + n; p++) {
		p = memchr(p, what[0], (size_t)(text + n - p));
		if (!p || p + k > text + n)
			return NULL;
		if (!memcmp(p, what, k))
			return p;
	}
	return NULL;
}

bool ac_pngpass_object(const char *text, size_t len, ac_buf *out, int *length_id,
		       size_t *length)
{
	/* cairo writes "N 0 obj\n<< ... >>\nstream\nDATA\nendstream\nendobj\n". */
	const char *stream = find(text, len, ">>\nstream\n");
	if (!stream || !find(text, (size_t)(stream - text), "/Filter /CCITTFaxDecode"))
		return false;
	const char *data = stream + strlen(">>\nstream\n");
	const char *tail = "\nendstream\nendobj\n";
	size_t head_len = (size_t)(data - text), tail_len = strlen(tail);
	if (len < head_len + tail_len + HEAD_LEN || memcmp(text + len - tail_len, tail, tail_len) ||
	    memcmp(data, MAGIC, MAGIC_LEN))
		return false;
	const unsigned char *u = (const unsigned char *)data;
	unsigned colors = u[MAGIC_LEN], depth = u[MAGIC_LEN + 1];
	size_t nplte = (size_t)u[MAGIC_LEN + 2] << 8 | u[MAGIC_LEN + 3];
	size_t data_len = len - head_len - tail_len;
	if (data_len < HEAD_LEN + 3 * nplte)
		return false;
	long id = strtol(text, NULL, 10);
	long width = int_after(text, head_len, "/Width ");
	long height = int_after(text, head_len, "/Height ");
	long len_id = int_after(text, head_len, "/Length ");
	if (id <= 0 || width <= 0 || height <= 0 || len_id <= 0 || len_id > 0x7fffffff)
		return false;
	bool interpolate = find(text, head_len, "/Interpolate true") != NULL;
	const char *pixels = data + HEAD_LEN + 3 * nplte;
	size_t pixels_len = data_len - HEAD_LEN - 3 * nplte;
	ac_buf_printf(out,
		      "%ld 0 obj\n<< /Length %ld 0 R\n   /Type /XObject\n   /Subtype /Image\n"
		      "   /Width %ld\n   /Height %ld\n   /ColorSpace ",
		      id, len_id, width, height);
	if (nplte) {
		ac_buf_printf(out, "[/Indexed /DeviceRGB %zu <", nplte - 1);
		static const char hex[] = "0123456789abcdef";
		const unsigned char *p = u + HEAD_LEN;
		for (size_t i = 0; i < 3 * nplte; i++) {
			char two[2] = {hex[p[i] >> 4], hex[p[i] & 15]};
			ac_buf_add(out, two, 2);
		}
		ac_buf_adds(out, ">]");
	} else {
		ac_buf_adds(out, colors == 3 ? "/DeviceRGB" : "/DeviceGray");
	}
	ac_buf_printf(out,
		      "\n   /Interpolate %s\n   /BitsPerComponent %u\n   /Filter /FlateDecode\n"
		      "   /DecodeParms << /Predictor 15 /Colors %u /BitsPerComponent %u"
		      " /Columns %ld >>\n>>\nstream\n",
		      interpolate ? "true" : "false", depth, colors, depth, width);
	ac_buf_add(out, pixels, pixels_len);
	ac_buf_adds(out, tail);
	*length_id = (int)len_id;
	*length = pixels_len;
	return true;
}
