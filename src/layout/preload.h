/* preload.h - the book's figure pictures read and parsed on a thread of
 * their own, ahead of the layout that sizes them. */
#ifndef AC_PRELOAD_H
#define AC_PRELOAD_H

#include "../book/book.h"
#include "picture.h"

typedef struct ac_preload ac_preload;

/* Starts loading (ac_picture_load) the picture of every figure of b's
 * articles (whose trees it reads now, on the calling thread) in reading
 * order, each file once, on a second thread. NULL when b has no figures or
 * no thread can be started. */
ac_preload *ac_preload_new(const ac_book *b);

/* The picture of the file real_path, now the caller's: loaded by the thread
 * (waiting for it if it is at it) or, not reached yet, here; placed at where
 * and line (as ac_picture_load would have placed it, for what its drawing
 * reports into d). NULL when the file is not among those, was taken before,
 * or failed to load (not reported here): the caller loads it itself, and
 * reports why. */
ac_picture *ac_preload_take(ac_preload *pl, const char *real_path, const char *where, int line,
			    ac_diags *d);

/* The SVG text (bytes) that the pictures loaded and not yet taken hold
 * parsed: the thread stops loading while it is over 512 kB (picture.h says
 * why), until the layout takes some; *waiting: it has stopped so. */
size_t ac_preload_ahead(ac_preload *pl, bool *waiting);

/* Stops the thread (once it has finished the picture it is loading) and
 * frees the pictures no one took. */
void ac_preload_free(ac_preload *pl);

#endif
