/* images.h - an article's image sources resolved and checked. */
#ifndef AC_IMAGES_H
#define AC_IMAGES_H

#include "../book/book.h"

/* Resolves src (percent-decoded once, relative to art_dir, the article's
 * folder) to a file inside the book, checks that its bytes are a PNG, JPEG,
 * GIF or safe SVG of a sane size as its extension says, and records it in
 * a->images (once per file). Returns its book-relative path, borrowed from
 * a->images, or NULL after reporting at line (a remote image is a warning,
 * anything else an error). */
const char *ac_image_resolve(const ac_book *b, ac_article *a, const char *art_dir, int line,
			     const char *src, ac_diags *d);

#endif
