/* hyphen.h - hyphenation points from libhyphen's patterns, cached per word. */
#ifndef AC_HYPHEN_H
#define AC_HYPHEN_H

#include "../base/diag.h"

#include <stddef.h>

typedef struct ac_hyphenator ac_hyphenator;

/* The libhyphen dictionary in dir (Debian's /usr/share/hyphen) for the
 * BCP 47 tag lang: hyph_LL_Scrp_RR.dic (or hyph_LL-Scrp_RR.dic) when the tag
 * names a script and a region, hyph_LL_RR.dic for the region, then the
 * language's usual region (de → hyph_de_DE.dic, en → hyph_en_US.dic,
 * pt → hyph_pt_PT.dic, no → hyph_nb_NO.dic), then hyph_LL.dic; case does not
 * matter and '_' may stand for '-'. Variants and extensions are ignored.
 * Returns the path of the first that is a file (caller frees), or NULL.
 * Depends on nothing but lang and the files in dir. */
char *ac_hyphen_find_dict(const char *dir, const char *lang);

/* Loads a libhyphen dictionary (UTF-8 or an 8-bit character set, as its
 * first line says). Returns NULL after a warning, or without one when
 * dict_path is NULL: the book is then set without hyphenation. */
ac_hyphenator *ac_hyphenator_new(const char *dict_path, ac_diags *d);
void ac_hyphenator_free(ac_hyphenator *h);
/* Forgets the words seen so far (h may be NULL). */
void ac_hyphenator_forget(ac_hyphenator *h);

/* Byte offsets inside the UTF-8 word after which it may be broken with a
 * hyphen. At least 2 letters before and 3 after a break, or more when the
 * dictionary's LEFTHYPHENMIN/RIGHTHYPHENMIN ask for more; words under 5
 * letters are not broken, nor breaks that would change the spelling
 * (libhyphen's non-standard hyphenation, "ssz" → "sz-sz"). Only words made
 * of letters (any script) are considered. Returns the count (<= max). */
size_t ac_hyphenate(ac_hyphenator *h, const char *word, size_t len, size_t *out, size_t max);

/* The word inside s (UTF-8) that ac_hyphenate should get: s without the
 * characters other than letters (quotes, punctuation) at either end; its
 * offset in *lead, its length returned (0: no letters). For the layout,
 * which trims at ASCII letters today and so leaves Übung's Ü and every
 * Cyrillic or Greek word out. */
size_t ac_hyphen_trim(const char *s, size_t n, size_t *lead);

/* Letters a break leaves at least before and after it (tests): the stricter
 * of ours and the dictionary's. */
void ac_hyphenator_mins(const ac_hyphenator *h, int *left, int *right);

#endif
