/* prefetch.h - decodes the pictures of the coming pages on a thread of
 * their own while the pages before them are drawn. */
#ifndef AC_PREFETCH_H
#define AC_PREFETCH_H

#include "../layout/picture.h"

#include <stddef.h>

typedef struct ac_prefetch ac_prefetch;

/* Starts decoding the pictures of order (borrowed until ac_prefetch_free),
 * in that order, with ac_picture_pixels on a second thread, ahead of what
 * has been taken by at most 64 pictures: the next one always, a further one
 * while less than 32 MB of prepared data waits (so at most 32 MB and a
 * picture wait), so that memory does not grow with the number of pictures.
 * SVG pictures are skipped. Returns NULL when there is nothing to decode
 * or no thread can be started (the device then decodes as it draws). */
ac_prefetch *ac_prefetch_new(const ac_picture *const *order, size_t n);

/* The pixels of p when p is the next picture of the order (waiting for the
 * thread if need be); the caller destroys them. NULL when p is not the next
 * one, or its decoding failed: the caller decodes it itself. */
cairo_surface_t *ac_prefetch_take(ac_prefetch *pf, const ac_picture *p);

/* Stops the thread and releases what it decoded that was not taken. */
void ac_prefetch_free(ac_prefetch *pf);

#endif
