/* hyphen.h - hyphenation points from libhyphen's patterns, cached per word. */
#ifndef AC_HYPHEN_H
#define AC_HYPHEN_H

#include "../base/diag.h"

#include <stddef.h>

typedef struct ac_hyphenator ac_hyphenator;

/* Loads a libhyphen dictionary (Debian's hyphen-en-us by default).
 * Returns NULL after a warning: the book is then set without hyphenation. */
ac_hyphenator *ac_hyphenator_new(const char *dict_path, ac_diags *d);
void ac_hyphenator_free(ac_hyphenator *h);
/* Forgets the words seen so far (h may be NULL). */
void ac_hyphenator_forget(ac_hyphenator *h);

/* Byte offsets inside word after which it may be broken with a hyphen; at
 * least 2 letters before and 3 after; words under 5 letters are not broken.
 * Only words made of letters are considered. Returns the count (<= max). */
size_t ac_hyphenate(ac_hyphenator *h, const char *word, size_t len, size_t *out, size_t max);

#endif
