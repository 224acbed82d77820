/* pngpass.c - a PNG's compressed pixels into the PDF as they are (see
 * pngpass.h): the carrier made for cairo, and the image made of it again. */
#define _GNU_SOURCE /* memmem */
#include "pngpass.h"

#include <libdeflate.h>
#include <png.h>

#include <setjmp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The carrier's header: the magic; the samples per pixel (1 or 3); the bits
 * per sample; 1 when the data is the PNG's rows, each with its filter (the
 * PDF's /Predictor 15), 0 for plain samples; the number of palette entries
 * (2 bytes); the length of the soft mask's data (4 bytes, 0 for none). Then
 * the palette, the image's deflated data and the mask's. */
static const char MAGIC[] = "\x89" "ACPNG\n";
#define MAGIC_LEN (sizeof MAGIC - 1)
#define HEAD_LEN (MAGIC_LEN + 9)

static void put_head(ac_buf *out, unsigned colors, unsigned depth, bool rows, uint32_t nplte,
		     uint32_t mask_len)
{
	unsigned char h[HEAD_LEN];
	memcpy(h, MAGIC, MAGIC_LEN);
	unsigned char *p = h + MAGIC_LEN;
	p[0] = (unsigned char)colors;
	p[1] = (unsigned char)depth;
	p[2] = rows;
	p[3] = (unsigned char)(nplte >> 8);
	p[4] = (unsigned char)nplte;
	for (int i = 0; i < 4; i++)
		p[5 + i] = (unsigned char)(mask_len >> (24 - 8 * i));
	ac_buf_add(out, (const char *)h, HEAD_LEN);
}

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

static void read_from(png_structp png, png_bytep data, size_t len)
{
	ac_slice *in = png_get_io_ptr(png); /* what is left to read */
	if (len > in->len)
		png_error(png, "truncated");
	memcpy(data, in->ptr, len);
	in->ptr += len;
	in->len -= len;
}

/* libpng's complaints: the caller reports a picture that fails (libpng's
 * own handlers would print on stderr). */
static void png_failed(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_warned(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Appends in[0, n) deflated (zlib format) to out. */
static bool deflate_into(struct libdeflate_compressor *z, const unsigned char *in, size_t n,
			 ac_buf *out)
{
	size_t cap = libdeflate_zlib_compress_bound(z, n);
	unsigned char *tmp = malloc(cap);
	size_t k = tmp ? libdeflate_zlib_compress(z, in, n, tmp, cap) : 0;
	ac_buf_add(out, tmp, k);
	free(tmp);
	return k > 0;
}

/* The carrier of a PNG with an alpha channel (8 bits, grey or RGB): its
 * rows decoded by libpng as the file has them (no gamma applied, as
 * gdk-pixbuf does), the colour and the alpha apart, each deflated, the
 * alpha left out when every pixel is opaque (all as cairo writes them). This work is done here, on
 * the thread that prepares the pictures, instead of by cairo on the one
 * that draws. Returns 0 or -1. */
static int split_alpha(const unsigned char *d, size_t n, uint32_t w, uint32_t h,
		       unsigned colors, ac_buf *out)
{
	ac_slice in = {(const char *)d, n};
	size_t px = (size_t)w * h, row_len = (size_t)w * (colors + 1);
	unsigned char *row = malloc(row_len), *color = malloc(px * colors), *alpha = malloc(px);
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_failed, png_warned);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int rc = -1;
	if (!row || !color || !alpha || !z || !png || !info)
		goto done;
	if (setjmp(png_jmpbuf(png)))
		goto done;
	png_set_read_fn(png, &in, read_from);
	png_read_info(png, info);
	bool opaque = true;
	for (uint32_t y = 0; y < h; y++) {
		png_read_row(png, row, NULL);
		unsigned char *c = color + (size_t)y * w * colors, *a = alpha + (size_t)y * w;
		const unsigned char *src = row;
		for (uint32_t x = 0; x < w; x++, src += colors + 1) {
			unsigned al = src[colors];
			opaque &= al == 255;
			*a++ = (unsigned char)al;
			/* The colour cairo would write: premultiplied by the alpha
			 * as an image surface holds it (picture.c), then divided
			 * again, rounded; black where the alpha is 0. The page
			 * looks as it did when cairo made the soft mask. */
			for (unsigned k = 0; k < colors; k++)
				*c++ = al == 255 ? src[k]
				       : al == 0 ? 0
						 : (unsigned char)((src[k] * al / 255 * 255 + al / 2) / al);
		}
	}
	ac_buf image = AC_BUF_INIT, mask = AC_BUF_INIT;
	bool ok = deflate_into(z, color, px * colors, &image) &&
		  (opaque || deflate_into(z, alpha, px, &mask));
	if (ok && mask.len <= UINT32_MAX) {
		put_head(out, colors, 8, false, 0, (uint32_t)mask.len);
		ac_buf_add(out, image.ptr, image.len);
		ac_buf_add(out, mask.ptr, mask.len);
		rc = 0;
	}
	ac_buf_free(&image);
	ac_buf_free(&mask);
done:
	png_destroy_read_struct(&png, &info, NULL);
	if (z)
		libdeflate_free_compressor(z);
	free(row);
	free(color);
	free(alpha);
	return rc;
}

/* The carrier for a PNG that can pass as it is, or -1; *why then says
 * what is damaged, if anything is (else the PNG is of a kind left to the
 * decoder). */
static int carrier(const unsigned char *d, size_t n, ac_buf *out, uint32_t *w, uint32_t *h,
		   const char **why)
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
		/* The checksum covers the type and the data. A chunk the
		 * picture can do without (its type in lower case) is skipped
		 * when it fails, as libpng does. */
		if (libdeflate_crc32(0, tag, 4 + (size_t)len) != be32(body + len)) {
			if (tag[0] & 0x20) {
				at += 12 + (size_t)len;
				continue;
			}
			*why = "a chunk of the PNG fails its checksum";
			goto fail;
		}
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
			goto fail; /* a transparent colour: cairo makes the soft mask */
		} else if (!memcmp(tag, "IDAT", 4)) {
			ac_buf_add(&idat, (const char *)body, len);
		} else if (!memcmp(tag, "IEND", 4)) {
			end = true;
		}
		at += 12 + (size_t)len;
	}
	/* Grey of 1 to 8 bits, RGB of 8, a palette of 1 to 8 bits; grey or RGB
	 * of 8 with alpha. */
	if (!header || !idat.len || !*w || !*h || *w > 0x7fffffff || *h > 0x7fffffff)
		goto fail;
	bool low = depth == 1 || depth == 2 || depth == 4 || depth == 8;
	unsigned samples = type == 0 && low		 ? 1
			   : type == 2 && depth == 8	 ? 3
			   : type == 3 && plte && low	 ? 1
			   : type == 4 && depth == 8	 ? 2
			   : type == 6 && depth == 8	 ? 4
							 : 0;
	if (!samples)
		goto fail;
	if (type == 4 || type == 6) {
		/* Decoded by libpng, which stops at damaged data. */
		ac_buf_free(&idat);
		if (split_alpha(d, n, *w, *h, samples - 1, out) == 0)
			return 0;
		*why = "the PNG's pixel data cannot be read";
		return -1;
	}
	/* The data must inflate to the rows the header promises: checked here,
	 * on the pictures' thread, since nothing decodes it later (the viewer
	 * would show what it could of a damaged picture, and so would
	 * gdk-pixbuf, without a word). libdeflate, which inflates in a third of
	 * zlib's time, wants room for all of it: as much as decoding would. */
	size_t raw_len = (size_t)*h * (1 + ((size_t)*w * samples * depth + 7) / 8);
	unsigned char *raw = malloc(raw_len);
	struct libdeflate_decompressor *unz = libdeflate_alloc_decompressor();
	size_t got = 0;
	bool whole = raw && unz &&
		     libdeflate_zlib_decompress(unz, idat.ptr, idat.len, raw, raw_len, &got) ==
			     LIBDEFLATE_SUCCESS &&
		     got == raw_len;
	if (unz)
		libdeflate_free_decompressor(unz);
	free(raw);
	if (!whole) {
		*why = "the PNG's pixel data does not inflate to its size";
		goto fail;
	}
	unsigned colors = samples;
	if (type != 3)
		nplte = 0;
	ac_buf_reserve(out, HEAD_LEN + 3 * (size_t)nplte + idat.len);
	put_head(out, colors, depth, true, nplte, 0);
	if (nplte)
		ac_buf_add(out, (const char *)plte, 3 * (size_t)nplte);
	ac_buf_add(out, idat.ptr, idat.len);
	ac_buf_free(&idat);
	return 0;
fail:
	ac_buf_free(&idat);
	return -1;
}

static const cairo_user_data_key_t stand_in_key;

cairo_surface_t *ac_stand_in_surface(void)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_set_user_data(s, &stand_in_key, s, NULL) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

void ac_stand_in_paint(cairo_t *cr, cairo_surface_t *s)
{
	cairo_set_source_surface(cr, s, 0, 0);
	/* cairo widens the area an upscaled picture may touch by half a pixel
	 * (its blur) under the "good" filter, which for a single pixel is half
	 * the picture, so that cairo would clip the page around it; "best"
	 * does not widen it and, like "good", makes the PDF image interpolated. */
	if (cairo_surface_get_user_data(s, &stand_in_key))
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BEST);
	cairo_paint(cr);
}

cairo_surface_t *ac_fax_stand_in(const unsigned char *data, size_t len, void (*release)(void *),
				 void *closure, unsigned long columns, unsigned long rows,
				 const char *id)
{
	cairo_surface_t *s = ac_stand_in_surface();
	char *params = ac_xasprintf("Columns=%lu Rows=%lu", columns, rows);
	if (!s ||
	    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_CCITT_FAX_PARAMS,
					(const unsigned char *)params, strlen(params), free,
					params) != CAIRO_STATUS_SUCCESS) {
		free(params);
		release(closure);
		cairo_surface_destroy(s);
		return NULL;
	}
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_CCITT_FAX, data, len, release,
					closure) != CAIRO_STATUS_SUCCESS) {
		release(closure);
		cairo_surface_destroy(s);
		return NULL;
	}
	char *keep = ac_xstrdup(id);
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)keep,
					strlen(keep), free, keep) != CAIRO_STATUS_SUCCESS)
		free(keep);
	return s;
}

cairo_surface_t *ac_pngpass_surface(const ac_buf *data, const char *path, const char **why)
{
	ac_buf *carried = ac_xcalloc(1, sizeof *carried);
	uint32_t w = 0, h = 0;
	*why = NULL;
	if (carrier((const unsigned char *)data->ptr, data->len, carried, &w, &h, why) != 0) {
		free_buf(carried);
		return NULL;
	}
	/* The same file drawn again is the same image in the PDF. */
	return ac_fax_stand_in((const unsigned char *)carried->ptr, carried->len, free_buf, carried,
			       w, h, path);
}

const char *ac_fax_data(const char *text, size_t len, size_t *data_len)
{
	static const char opening[] = ">>\nstream\n", fax[] = "/Filter /CCITTFaxDecode",
			  tail[] = "\nendstream\nendobj\n";
	const char *stream = memmem(text, len, opening, sizeof opening - 1);
	if (!stream || !memmem(text, (size_t)(stream - text), fax, sizeof fax - 1))
		return NULL;
	const char *data = stream + sizeof opening - 1;
	size_t head_len = (size_t)(data - text), tail_len = sizeof tail - 1;
	if (len < head_len + tail_len || memcmp(text + len - tail_len, tail, tail_len))
		return NULL;
	*data_len = len - head_len - tail_len;
	return data;
}

/* The integer after key in text[0, n), or -1. */
static long int_after(const char *text, size_t n, const char *key)
{
	const char *p = memmem(text, n, key, strlen(key));
	if (!p)
		return -1;
	p += strlen(key);
	char *e;
	long v = strtol(p, &e, 10);
	return e > p && e <= text + n ? v : -1;
}

bool ac_pngpass_object(const char *text, size_t len, int mask_id, ac_buf *out,
		       ac_pngpass_made *made)
{
	size_t data_len;
	const char *data = ac_fax_data(text, len, &data_len);
	if (!data || data_len < HEAD_LEN || memcmp(data, MAGIC, MAGIC_LEN))
		return false;
	static const char tail[] = "\nendstream\nendobj\n";
	size_t head_len = (size_t)(data - text);
	const unsigned char *u = (const unsigned char *)data + MAGIC_LEN;
	unsigned colors = u[0], depth = u[1];
	bool rows = u[2];
	size_t nplte = (size_t)u[3] << 8 | u[4];
	size_t mask_len = (size_t)u[5] << 24 | (size_t)u[6] << 16 | (size_t)u[7] << 8 | u[8];
	if (data_len < HEAD_LEN + 3 * nplte + mask_len)
		return false;
	long id = strtol(text, NULL, 10);
	long width = int_after(text, head_len, "/Width ");
	long height = int_after(text, head_len, "/Height ");
	long len_id = int_after(text, head_len, "/Length ");
	if (id <= 0 || width <= 0 || height <= 0 || len_id <= 0 || len_id > 0x7fffffff)
		return false;
	const char *interpolate = memmem(text, head_len, "/Interpolate true", 17) ? "true" : "false";
	const char *pixels = data + HEAD_LEN + 3 * nplte;
	size_t pixels_len = data_len - HEAD_LEN - 3 * nplte - mask_len;
	ac_buf_printf(out,
		      "%ld 0 obj\n<< /Length %ld 0 R\n   /Type /XObject\n   /Subtype /Image\n"
		      "   /Width %ld\n   /Height %ld\n   /ColorSpace ",
		      id, len_id, width, height);
	if (nplte) {
		ac_buf_printf(out, "[/Indexed /DeviceRGB %zu <", nplte - 1);
		static const char hex[] = "0123456789abcdef";
		const unsigned char *p = (const unsigned char *)data + HEAD_LEN;
		for (size_t i = 0; i < 3 * nplte; i++) {
			char two[2] = {hex[p[i] >> 4], hex[p[i] & 15]};
			ac_buf_add(out, two, 2);
		}
		ac_buf_adds(out, ">]");
	} else {
		ac_buf_adds(out, colors == 3 ? "/DeviceRGB" : "/DeviceGray");
	}
	ac_buf_printf(out, "\n   /Interpolate %s\n   /BitsPerComponent %u\n", interpolate, depth);
	if (mask_len)
		ac_buf_printf(out, "   /SMask %d 0 R\n", mask_id);
	ac_buf_adds(out, "   /Filter /FlateDecode\n");
	if (rows)
		ac_buf_printf(out,
			      "   /DecodeParms << /Predictor 15 /Colors %u /BitsPerComponent %u"
			      " /Columns %ld >>\n",
			      colors, depth, width);
	ac_buf_adds(out, ">>\nstream\n");
	ac_buf_add(out, pixels, pixels_len);
	ac_buf_adds(out, tail);
	made->length_id = (int)len_id;
	made->length = pixels_len;
	made->mask_at = 0;
	if (mask_len) {
		/* The soft mask: an object of its own, numbered by the caller. */
		made->mask_at = out->len;
		ac_buf_printf(out,
			      "%d 0 obj\n<< /Length %zu\n   /Type /XObject\n   /Subtype /Image\n"
			      "   /Width %ld\n   /Height %ld\n   /ColorSpace /DeviceGray\n"
			      "   /Interpolate %s\n   /BitsPerComponent 8\n   /Filter /FlateDecode\n"
			      ">>\nstream\n",
			      mask_id, mask_len, width, height, interpolate);
		ac_buf_add(out, pixels + pixels_len, mask_len);
		ac_buf_adds(out, tail);
	}
	return true;
}
