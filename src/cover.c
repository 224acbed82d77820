/* cover.c - draws the cover: title, subtitle, tags and a blueprint motif. */
#include "cover.h"

#include "base/files.h"
#include "book/tags.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <libdeflate.h>
#include <png.h>

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const cairo_user_data_key_t ft_key;

/* Each face has a FreeType library of its own, so that cairo, which may
 * keep the face cached after we are done, decides when both go. */
static void done_face(void *face)
{
	FT_Library lib = ((FT_Face)face)->glyph->library;
	FT_Done_Face((FT_Face)face);
	FT_Done_FreeType(lib);
}

/* Loads a font file as a cairo face that owns its FreeType face. */
static cairo_font_face_t *load_face(const char *fonts_dir, const char *file, ac_diags *d)
{
	char *path = ac_path_join(fonts_dir, file);
	FT_Library lib;
	FT_Face face;
	if (FT_Init_FreeType(&lib) != 0) {
		ac_error(d, path, 0, "cannot start FreeType");
		free(path);
		return NULL;
	}
	if (FT_New_Face(lib, path, 0, &face) != 0) {
		ac_error(d, path, 0, "cannot load font");
		FT_Done_FreeType(lib);
		free(path);
		return NULL;
	}
	free(path);
	cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
	if (cairo_font_face_set_user_data(cf, &ft_key, face, done_face) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(cf);
		done_face(face);
		return NULL;
	}
	return cf;
}

/* Shows text wrapped at width, starting at (x, *y); advances *y per line.
 * With dry set, only measures: *y advances, nothing is drawn. */
static void wrap(cairo_t *cr, const char *text, double x, double *y, double width,
		 double leading, bool dry)
{
	char *copy = ac_xstrdup(text);
	ac_buf line = AC_BUF_INIT;
	char *save = NULL;
	for (char *word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		ac_buf trial = AC_BUF_INIT;
		ac_buf_printf(&trial, "%s%s%s", ac_buf_str(&line), line.len ? " " : "", word);
		cairo_text_extents_t ext;
		cairo_text_extents(cr, ac_buf_str(&trial), &ext);
		if (ext.x_advance > width && line.len) {
			cairo_move_to(cr, x, *y);
			if (!dry)
				cairo_show_text(cr, ac_buf_str(&line));
			*y += leading;
			ac_buf_reset(&line);
			ac_buf_adds(&line, word);
		} else {
			ac_buf_reset(&line);
			ac_buf_adds(&line, ac_buf_str(&trial));
		}
		ac_buf_free(&trial);
	}
	if (line.len) {
		cairo_move_to(cr, x, *y);
		if (!dry)
			cairo_show_text(cr, ac_buf_str(&line));
		*y += leading;
	}
	cairo_new_path(cr);
	ac_buf_free(&line);
	free(copy);
}

static void show_wrapped(cairo_t *cr, const char *text, double x, double *y,
			 double width, double leading)
{
	wrap(cr, text, x, y, width, leading, false);
}

static void blueprint(cairo_t *cr, double w, double h, double u)
{
	/* A fine grid, as on drafting paper. */
	cairo_set_source_rgba(cr, 0.55, 0.72, 0.90, 0.10);
	cairo_set_line_width(cr, u * 0.12);
	for (double x = 0; x <= w; x += u * 4) {
		cairo_move_to(cr, x, 0);
		cairo_line_to(cr, x, h);
	}
	for (double y = 0; y <= h; y += u * 4) {
		cairo_move_to(cr, 0, y);
		cairo_line_to(cr, w, y);
	}
	cairo_stroke(cr);
	/* Three layers joined by arrows: the shape of most of the book's figures. */
	double bx = w * 0.56, bw = w * 0.32, bh = u * 7, gap = u * 5;
	double y0 = h * 0.58;
	cairo_set_line_width(cr, u * 0.35);
	for (int i = 0; i < 3; i++) {
		double y = y0 + i * (bh + gap);
		cairo_set_source_rgba(cr, 0.91, 0.69, 0.29, 0.85 - i * 0.2);
		cairo_rectangle(cr, bx + i * u * 2, y, bw - i * u * 4, bh);
		cairo_stroke(cr);
		if (i < 2) {
			double ax = bx + bw / 2, ay = y + bh;
			cairo_move_to(cr, ax, ay + u * 0.8);
			cairo_line_to(cr, ax, ay + gap - u * 1.2);
			cairo_stroke(cr);
			cairo_move_to(cr, ax - u, ay + gap - u * 2);
			cairo_line_to(cr, ax, ay + gap - u * 0.8);
			cairo_line_to(cr, ax + u, ay + gap - u * 2);
			cairo_stroke(cr);
		}
	}
}

int ac_cover_draw(cairo_t *cr, double w, double h, const ac_book *b,
		  const char *fonts_dir, ac_diags *d)
{
	int rc = -1;
	cairo_font_face_t *bold = load_face(fonts_dir, "Lato-Bold.ttf", d);
	cairo_font_face_t *regular = load_face(fonts_dir, "Lato-Regular.ttf", d);
	if (!bold || !regular)
		goto fail;
	double u = w / 64; /* one grid unit */
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.11, 0.16, 0.23);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	blueprint(cr, w, h, u);

	double x = u * 6, width = w - u * 12, y = h * 0.22;
	cairo_set_source_rgb(cr, 0.91, 0.69, 0.29);
	cairo_rectangle(cr, x, y - u * 9, u * 8, u * 0.8);
	cairo_fill(cr);

	cairo_set_font_face(cr, bold);
	cairo_set_font_size(cr, u * 5.6);
	cairo_set_source_rgb(cr, 1, 1, 1);
	show_wrapped(cr, b->title, x, &y, width, u * 6.4);
	if (b->subtitle) {
		y += u * 1.5;
		cairo_set_font_face(cr, regular);
		cairo_set_font_size(cr, u * 2.6);
		cairo_set_source_rgb(cr, 0.91, 0.69, 0.29);
		show_wrapped(cr, b->subtitle, x, &y, width, u * 3.4);
	}

	/* Tags, in index order, as a quiet list at the foot; each separating
	 * dot is tied to the tag before it, so that no line starts with one. */
	ac_tag_index *tags = ac_tags_new(b);
	ac_buf line = AC_BUF_INIT;
	for (size_t i = 0; i < tags->count && i < 16; i++)
		ac_buf_printf(&line, "%s%s", i ? "\xc2\xa0\xc2\xb7 " : "", tags->tags[i].name);
	ac_tags_free(tags);
	cairo_set_font_face(cr, regular);
	cairo_set_font_size(cr, u * 1.5);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
	/* The tags end above the author line, however many lines they take. */
	double probe = 0;
	if (line.len)
		wrap(cr, ac_buf_str(&line), x, &probe, width * 0.45, u * 2.2, true);
	double ty = h - u * 9 - probe;
	if (line.len)
		show_wrapped(cr, ac_buf_str(&line), x, &ty, width * 0.45, u * 2.2);
	ac_buf_free(&line);
	if (b->nauthors) {
		ac_buf who = AC_BUF_INIT;
		for (size_t i = 0; i < b->nauthors; i++)
			ac_buf_printf(&who, "%s%s", i ? ", " : "", b->authors[i]);
		double ay = h - u * 5;
		cairo_set_font_face(cr, bold);
		cairo_set_font_size(cr, u * 1.8);
		cairo_set_source_rgb(cr, 1, 1, 1);
		show_wrapped(cr, ac_buf_str(&who), x, &ay, width, u * 2.4);
		ac_buf_free(&who);
	}
	cairo_restore(cr);
	rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	if (rc)
		ac_error(d, fonts_dir, 0, "drawing the cover failed: %s",
			 cairo_status_to_string(cairo_status(cr)));
fail:
	if (bold)
		cairo_font_face_destroy(bold);
	if (regular)
		cairo_font_face_destroy(regular);
	return rc;
}

static void png_to_buf(png_structp png, png_bytep data, size_t len)
{
	ac_buf_add(png_get_io_ptr(png), data, len);
}

static void png_flush_nothing(png_structp png)
{
	(void)png;
}

/* Encodes an RGB24 image surface as an 8-bit RGB PNG, using its pixels up.
 * libpng writes the signature and the chunks; the pixel rows, each with the "Up" filter, are
 * compressed in one call by libdeflate, which on a 1600 x 2400 cover of flat
 * colours is several times faster than libpng's row-by-row zlib stream and
 * makes a smaller file. */
static int encode_png(cairo_surface_t *s, ac_buf *out)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	unsigned char *px = cairo_image_surface_get_data(s);
	size_t row = 1 + (size_t)w * 3, raw_len = row * (size_t)h;
	/* The rows are made in the surface's own memory (each shorter than a
	 * row of pixels, so none overtakes pixels not yet read): 11 MB fewer
	 * pages to fault in. */
	unsigned char *raw = px;
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
	size_t cap = z ? libdeflate_zlib_compress_bound(z, raw_len) : 0;
	unsigned char *packed = cap ? malloc(cap) : NULL;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int rc = -1;
	if (!packed || !png || !info || !px || (size_t)stride < row)
		goto done;
	for (int y = 0; y < h; y++) {
		const unsigned char *src = px + (size_t)y * (size_t)stride;
		unsigned char *dst = raw + row * (size_t)y;
		for (int x = 0; x < w; x++) {
			uint32_t v;
			memcpy(&v, src + 4 * (size_t)x, 4);
			dst[1 + 3 * x] = (unsigned char)(v >> 16);
			dst[2 + 3 * x] = (unsigned char)(v >> 8);
			dst[3 + 3 * x] = (unsigned char)v;
		}
		dst[0] = 2; /* the "Up" filter: each byte less the one above it */
	}
	/* Backwards, so that each row is still whole when the one below reads it. */
	for (size_t y = (size_t)h - 1; y > 0; y--)
		for (size_t i = 1; i < row; i++)
			raw[row * y + i] = (unsigned char)(raw[row * y + i] - raw[row * (y - 1) + i]);
	size_t packed_len = libdeflate_zlib_compress(z, raw, raw_len, packed, cap);
	if (!packed_len)
		goto done;
	if (setjmp(png_jmpbuf(png)))
		goto done;
	png_set_write_fn(png, out, png_to_buf, png_flush_nothing);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_write_chunk(png, (png_const_bytep) "IDAT", packed, packed_len);
	png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
	rc = 0;
done:
	png_destroy_write_struct(&png, &info);
	if (z)
		libdeflate_free_compressor(z);
	free(packed);
	return rc;
}

int ac_cover_png(const ac_book *b, const char *fonts_dir, ac_buf *png, ac_diags *d)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 2400);
	cairo_t *cr = cairo_create(s);
	int rc = ac_cover_draw(cr, 1600, 2400, b, fonts_dir, d);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (rc == 0 && encode_png(s, png) != 0) {
		ac_error(d, fonts_dir, 0, "cannot encode the cover as PNG");
		rc = -1;
	}
	cairo_surface_destroy(s);
	return rc;
}
