/* images.c - image sources resolved inside the book folder and checked by
 * their bytes (PNG, JPEG, GIF headers; SVG safety) before anything uses them. */
#include "images.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "imgcheck.h"
#include "svgcheck.h"
#include "uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_IMAGE_BYTES ((size_t)32 << 20)

static const char *sniff_media_type(const char *path, const char **ext_type)
{
	const char *dot = strrchr(path, '.');
	*ext_type = NULL;
	if (dot) {
		if (!strcasecmp(dot, ".png"))
			*ext_type = "image/png";
		else if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))
			*ext_type = "image/jpeg";
		else if (!strcasecmp(dot, ".gif"))
			*ext_type = "image/gif";
		else if (!strcasecmp(dot, ".svg"))
			*ext_type = "image/svg+xml";
	}
	ac_buf head = AC_BUF_INIT;
	const char *found = NULL;
	FILE *f = fopen(path, "rb");
	if (f) {
		char buf[1024];
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		if (n >= 8 && !memcmp(buf, "\x89PNG\r\n\x1a\n", 8))
			found = "image/png";
		else if (n >= 3 && !memcmp(buf, "\xff\xd8\xff", 3))
			found = "image/jpeg";
		else if (n >= 6 && (!memcmp(buf, "GIF87a", 6) || !memcmp(buf, "GIF89a", 6)))
			found = "image/gif";
		else if (memchr(buf, '<', n) && (strstr(buf, "<svg") || strstr(buf, "<?xml")))
			found = "image/svg+xml";
	}
	ac_buf_free(&head);
	return found;
}

const char *ac_image_resolve(const ac_book *b, ac_article *a, const char *art_dir, int line,
			     const char *src, ac_diags *d)
{
	if (ac_url_is_external(src) || !strncmp(src, "//", 2)) {
		ac_warn(d, a->path, line,
			"remote image '%s' removed: nothing is fetched from the network", src);
		return NULL;
	}
	if (ac_url_is_dangerous(src)) {
		ac_error(d, a->path, line, "image '%s': only files inside the book folder can be images", src);
		return NULL;
	}
	char *path = ac_xstrdup(src);
	char *cut = strpbrk(path, "?#");
	if (cut)
		*cut = '\0';
	char *dec = ac_percent_decode(path);
	free(path);
	if (!dec || !dec[strspn(dec, "/")]) {
		ac_error(d, a->path, line, "image '%s': malformed path", src);
		free(dec);
		return NULL;
	}
	/* A path from the root, as a site's pages write them (Jekyll's and
	 * Hugo's "/assets/x.png"), is read from the book folder: the site's
	 * root. */
	bool from_root = dec[0] == '/';
	const char *base = from_root ? b->dir : art_dir;
	const char *rel_src = dec + strspn(dec, "/");
	char *real = ac_path_inside(b->root_real, base, rel_src);
	if (!real) {
		char *joined = ac_path_join(base, rel_src);
		struct stat st;
		if (stat(joined, &st) == 0)
			ac_error(d, a->path, line, "image '%s' lies outside the book folder", src);
		else if (from_root)
			ac_error(d, a->path, line,
				 "image '%s' not found (a path from / is read from the book folder)",
				 src);
		else
			ac_error(d, a->path, line, "image '%s' not found", src);
		free(joined);
		free(dec);
		return NULL;
	}
	free(dec);
	const char *rel = real + strlen(b->root_real) + 1;
	for (size_t i = 0; i < a->nimages; i++)
		if (!strcmp(a->images[i].real_path, real)) {
			free(real);
			return a->images[i].book_path;
		}
	struct stat st;
	const char *ext_type = NULL, *type = NULL;
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		ac_error(d, a->path, line, "image '%s' is not a regular file", src);
	} else if ((size_t)st.st_size > MAX_IMAGE_BYTES) {
		ac_error(d, a->path, line, "image '%s' is larger than %zu MB", src,
			 MAX_IMAGE_BYTES >> 20);
	} else {
		type = sniff_media_type(real, &ext_type);
		if (!ext_type) {
			ac_error(d, a->path, line,
				 "image '%s': only PNG, JPEG, GIF and SVG images are supported", src);
			type = NULL;
		} else if (!type || strcmp(type, ext_type) != 0) {
			ac_error(d, a->path, line,
				 "image '%s': the file's contents are not %s as its name says", src,
				 ext_type);
			type = NULL;
		}
	}
	if (type) {
		/* The bytes themselves: SVG must be safe, pixel images whole and of
		 * a sane size, before anything is copied or decoded. */
		ac_buf data = AC_BUF_INIT;
		const char *why = NULL;
		if (ac_read_file(real, MAX_IMAGE_BYTES, &data) != 0)
			why = "cannot be read";
		else if (!strcmp(type, "image/svg+xml"))
			why = ac_svg_problem(data.ptr ? data.ptr : "", data.len);
		else
			why = ac_raster_problem((const unsigned char *)(data.ptr ? data.ptr : ""),
						data.len, type);
		if (why) {
			ac_error(d, a->path, line, "image '%s': %s", src, why);
			type = NULL;
		}
		ac_buf_free(&data);
	}
	if (!type) {
		free(real);
		return NULL;
	}
	a->images = ac_xrealloc(a->images, (a->nimages + 1) * sizeof *a->images);
	ac_image *im = &a->images[a->nimages++];
	im->book_path = ac_xstrdup(rel);
	im->real_path = real;
	im->media_type = type;
	im->line = line;
	if (!strcmp(type, "image/svg+xml"))
		a->has_svg = true;
	return im->book_path;
}
