/* hyphen.c - wraps libhyphen: lower-cases the word, asks for break points,
 * remembers the answer (a book uses the same words again and again). */
#include "hyphen.h"

#include "../base/buf.h"
#include "../base/strmap.h"

#include <hyphen.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WORD 5
#define LEFT_MIN 2
#define RIGHT_MIN 3
#define MAX_WORD 64

struct ac_hyphenator {
	HyphenDict *dict;
	/* lower-cased word → its break offsets, one byte each (1..MAX_WORD) */
	ac_strmap seen;
};

ac_hyphenator *ac_hyphenator_new(const char *dict_path, ac_diags *d)
{
	HyphenDict *dict = hnj_hyphen_load(dict_path);
	if (!dict) {
		ac_warn(d, dict_path, 0, "cannot load hyphenation patterns; text is set without hyphenation");
		return NULL;
	}
	ac_hyphenator *h = ac_xcalloc(1, sizeof *h);
	h->dict = dict;
	return h;
}

void ac_hyphenator_free(ac_hyphenator *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	ac_strmap_free(&h->seen);
	free(h);
}

void ac_hyphenator_forget(ac_hyphenator *h)
{
	if (h)
		ac_strmap_free(&h->seen);
}

size_t ac_hyphenate(ac_hyphenator *h, const char *word, size_t len, size_t *out, size_t max)
{
	if (!h || len < MIN_WORD || len > MAX_WORD)
		return 0;
	char lower[MAX_WORD + 1];
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];
		/* ASCII letters only: the English patterns know nothing else, and
		 * anything with digits or symbols is a name, not a word. */
		if (!isalpha(c))
			return 0;
		lower[i] = (char)tolower(c);
	}
	lower[len] = '\0';
	const char *known = ac_strmap_get(&h->seen, lower);
	if (known) {
		size_t n = 0;
		for (; known[n] && n < max; n++)
			out[n] = (unsigned char)known[n];
		return n;
	}
	char hyphens[MAX_WORD + 5];
	char points[MAX_WORD + 1];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t n = 0;
	if (hnj_hyphen_hyphenate3(h->dict, lower, (int)len, hyphens, NULL, &rep, &pos, &cut,
				  LEFT_MIN, RIGHT_MIN, 1, 1) == 0) {
		for (size_t i = LEFT_MIN - 1; i + RIGHT_MIN < len; i++)
			if (hyphens[i] & 1)
				points[n++] = (char)(i + 1);
	}
	points[n] = '\0';
	ac_strmap_add(&h->seen, lower, points);
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)points[i];
	return n;
}
