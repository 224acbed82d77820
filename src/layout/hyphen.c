/* hyphen.c - wraps libhyphen: finds the book language's patterns, lower-cases
 * each word into the patterns' character set, asks for break points and
 * remembers the answer (a book uses the same words again and again). */
#include "hyphen.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/strmap.h"

#include <hyphen.h>

#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WORD 5  /* letters */
#define LEFT_MIN 2  /* letters before a break, unless the patterns ask for more */
#define RIGHT_MIN 3 /* letters after a break, unless the patterns ask for more */
#define MAX_WORD 64 /* letters */
#define MAX_BYTES (4 * MAX_WORD)

struct ac_hyphenator {
	HyphenDict *dict;
	/* UTF-8 → the patterns' 8-bit character set (ISO8859-1 for German,
	 * KOI8-R for Russian …); (iconv_t)-1 when the patterns are UTF-8. */
	iconv_t to_dict;
	int left, right; /* the stricter of LEFT_MIN/RIGHT_MIN and the patterns' */
	/* lower-cased word → its break points as letter counts, one byte each
	 * (1..MAX_WORD) */
	ac_strmap seen;
};

/* The languages of Debian's hyphen-* packages (scripts/deps.sh installs
 * them) and the region, and code, whose patterns a tag without a region, or
 * with a region that has none of its own, gets: several packages name
 * their patterns with a region only (hyph_es_ES.dic, hyph_ru_RU.dic). */
static const struct {
	const char *lang, *file_lang, *region;
} usual[] = {
	{"af", "af", "ZA"}, {"be", "be", "BY"}, {"bg", "bg", "BG"}, {"ca", "ca", "ES"},
	{"cs", "cs", "CZ"}, {"da", "da", "DK"}, {"de", "de", "DE"}, {"el", "el", "GR"},
	{"en", "en", "US"}, {"es", "es", "ES"}, {"fr", "fr", "FR"}, {"gl", "gl", "ES"},
	{"hr", "hr", "HR"}, {"hu", "hu", "HU"}, {"id", "id", "ID"}, {"is", "is", "IS"},
	{"it", "it", "IT"}, {"lt", "lt", "LT"}, {"lv", "lv", "LV"}, {"mn", "mn", "MN"},
	{"nb", "nb", "NO"}, {"nl", "nl", "NL"}, {"nn", "nn", "NO"}, {"no", "nb", "NO"},
	{"pl", "pl", "PL"}, {"pt", "pt", "PT"}, {"ro", "ro", "RO"}, {"ru", "ru", "RU"},
	{"sk", "sk", "SK"}, {"sl", "sl", "SI"}, {"sr", "sr", "RS"}, {"sv", "sv", "SE"},
	{"uk", "uk", "UA"}, {"zu", "zu", "ZA"},
};

/* Length of the subtag at s (up to '-', '_' or the end), and whether it is
 * all letters or all digits. */
static size_t subtag(const char *s, bool *alpha, bool *digit)
{
	size_t n = 0;
	*alpha = *digit = true;
	for (; s[n] && s[n] != '-' && s[n] != '_'; n++) {
		*alpha = *alpha && isalpha((unsigned char)s[n]);
		*digit = *digit && isdigit((unsigned char)s[n]);
	}
	return n;
}

/* langtag = language ["-" script] ["-" region] *("-" variant) … (RFC 5646);
 * only the first three matter here. */
char *ac_hyphen_find_dict(const char *dir, const char *lang)
{
	char ll[4] = "", script[5] = "", region[4] = "";
	bool alpha, digit;
	size_t n = subtag(lang, &alpha, &digit);
	if (n < 2 || n > 3 || !alpha)
		return NULL;
	for (size_t i = 0; i < n; i++)
		ll[i] = (char)tolower((unsigned char)lang[i]);
	const char *p = lang + n;
	while (*p == '-' || *p == '_') {
		p++;
		n = subtag(p, &alpha, &digit);
		if (!*script && !*region && n == 4 && alpha) {
			for (size_t i = 0; i < n; i++)
				script[i] = (char)(i ? tolower((unsigned char)p[i]) : toupper((unsigned char)p[i]));
		} else if (!*region && ((n == 2 && alpha) || (n == 3 && digit))) {
			for (size_t i = 0; i < n; i++)
				region[i] = (char)toupper((unsigned char)p[i]);
		} else {
			break; /* a variant, an extension or private use */
		}
		p += n;
	}
	const char *ul = NULL, *ur = NULL;
	for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
		if (!strcmp(usual[i].lang, ll)) {
			ul = usual[i].file_lang;
			ur = usual[i].region;
		}
	/* Most specific first; Debian spells a script both ways
	 * (hyph_en_Latn_US.dic, hyph_sr-Latn_RS.dic). */
	char *cand[7];
	size_t nc = 0;
	if (*script && *region) {
		cand[nc++] = ac_xasprintf("hyph_%s_%s_%s.dic", ll, script, region);
		cand[nc++] = ac_xasprintf("hyph_%s-%s_%s.dic", ll, script, region);
	}
	if (*script && ul) {
		cand[nc++] = ac_xasprintf("hyph_%s_%s_%s.dic", ul, script, ur);
		cand[nc++] = ac_xasprintf("hyph_%s-%s_%s.dic", ul, script, ur);
	}
	if (*region)
		cand[nc++] = ac_xasprintf("hyph_%s_%s.dic", ll, region);
	if (ul)
		cand[nc++] = ac_xasprintf("hyph_%s_%s.dic", ul, ur);
	cand[nc++] = ac_xasprintf("hyph_%s.dic", ll);
	char *found = NULL;
	for (size_t i = 0; i < nc; i++) {
		char *path = ac_path_join(dir, cand[i]);
		if (!found && ac_is_regular_file(path))
			found = path;
		else
			free(path);
		free(cand[i]);
	}
	return found;
}

ac_hyphenator *ac_hyphenator_new(const char *dict_path, ac_diags *d)
{
	if (!dict_path)
		return NULL;
	HyphenDict *dict = hnj_hyphen_load(dict_path);
	if (!dict) {
		ac_warn(d, dict_path, 0, "cannot load hyphenation patterns; text is set without hyphenation");
		return NULL;
	}
	iconv_t cd = (iconv_t)-1;
	if (!dict->utf8) {
		cd = iconv_open(dict->cset, "UTF-8");
		if (cd == (iconv_t)-1) {
			ac_warn(d, dict_path, 0,
				"hyphenation patterns in an unknown character set '%s'; text is set without hyphenation",
				dict->cset);
			hnj_hyphen_free(dict);
			return NULL;
		}
	}
	ac_hyphenator *h = ac_xcalloc(1, sizeof *h);
	h->dict = dict;
	h->to_dict = cd;
	/* Our minimums are a floor: the patterns' LEFTHYPHENMIN and
	 * RIGHTHYPHENMIN (libhyphen's lhmin, rhmin; 0 when the header has
	 * none) may only make them stricter. */
	h->left = dict->lhmin > LEFT_MIN ? dict->lhmin : LEFT_MIN;
	h->right = dict->rhmin > RIGHT_MIN ? dict->rhmin : RIGHT_MIN;
	return h;
}

void ac_hyphenator_free(ac_hyphenator *h)
{
	if (!h)
		return;
	if (h->to_dict != (iconv_t)-1)
		iconv_close(h->to_dict);
	hnj_hyphen_free(h->dict);
	ac_strmap_free(&h->seen);
	free(h);
}

void ac_hyphenator_forget(ac_hyphenator *h)
{
	if (h)
		ac_strmap_free(&h->seen);
}

void ac_hyphenator_mins(const ac_hyphenator *h, int *left, int *right)
{
	*left = h ? h->left : LEFT_MIN;
	*right = h ? h->right : RIGHT_MIN;
}

/* Whether the character at s[i] (of n bytes) is a letter; *next is where
 * the next one starts (a stray byte counts as one character). */
static bool letter_at(const char *s, size_t i, size_t n, size_t *next)
{
	gunichar c = g_utf8_get_char_validated(s + i, (gssize)(n - i));
	if (c == (gunichar)-1 || c == (gunichar)-2) {
		*next = i + 1;
		return false;
	}
	*next = (size_t)(g_utf8_next_char(s + i) - s);
	return g_unichar_isalpha(c);
}

size_t ac_hyphen_trim(const char *s, size_t n, size_t *lead)
{
	size_t i = 0, next;
	while (i < n && !letter_at(s, i, n, &next))
		i = next;
	*lead = i;
	size_t end = i;
	for (size_t j = i; j < n; j = next)
		if (letter_at(s, j, n, &next))
			end = next;
	return end - i;
}

/* Breaks the lower-cased UTF-8 word of nl letters with the patterns; writes
 * the break points as letter counts into points (NUL-terminated). */
static void break_word(ac_hyphenator *h, const char *lower, size_t nl, char *points)
{
	char conv[MAX_BYTES + 1];
	const char *w = lower;
	size_t wlen = strlen(lower);
	size_t n = 0;
	if (h->to_dict != (iconv_t)-1) {
		/* One byte a letter in the patterns' set; a letter it lacks
		 * (Cyrillic for German patterns) leaves the word whole. */
		char *in = (char *)lower, *out = conv;
		size_t inleft = wlen, outleft = MAX_BYTES;
		iconv(h->to_dict, NULL, NULL, NULL, NULL);
		if (iconv(h->to_dict, &in, &inleft, &out, &outleft) == (size_t)-1 ||
		    (size_t)(out - conv) != nl) {
			points[0] = '\0';
			return;
		}
		*out = '\0';
		w = conv;
		wlen = nl;
	}
	char hyphens[MAX_BYTES + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	/* Indexed by letter, for UTF-8 patterns too (libhyphen normalises). */
	if (hnj_hyphen_hyphenate3(h->dict, w, (int)wlen, hyphens, NULL, &rep, &pos, &cut, LEFT_MIN,
				  RIGHT_MIN, 1, 1) == 0) {
		for (size_t i = (size_t)h->left - 1; i + (size_t)h->right < nl; i++)
			/* A break that changes the spelling cannot be drawn as
			 * a hyphen alone: skipped. */
			if ((hyphens[i] & 1) && !(rep && rep[i]))
				points[n++] = (char)(i + 1);
	}
	points[n] = '\0';
	if (rep) {
		for (size_t i = 0; i < wlen; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

size_t ac_hyphenate(ac_hyphenator *h, const char *word, size_t len, size_t *out, size_t max)
{
	if (!h || len < MIN_WORD || len > MAX_BYTES)
		return 0;
	/* Letters of any script, lower-cased one for one (so that the letter
	 * counts the patterns give still index the word); anything with
	 * digits, symbols or combining marks is a name, not a word. */
	char lower[MAX_BYTES + 1];
	size_t start[MAX_WORD + 1]; /* byte offset of each letter */
	size_t nl = 0, lb = 0;
	for (size_t i = 0; i < len;) {
		gunichar c = g_utf8_get_char_validated(word + i, (gssize)(len - i));
		if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isalpha(c) || nl == MAX_WORD)
			return 0;
		start[nl++] = i;
		char u[6];
		int ul = g_unichar_to_utf8(g_unichar_tolower(c), u);
		if (lb + (size_t)ul > MAX_BYTES)
			return 0;
		memcpy(lower + lb, u, (size_t)ul);
		lb += (size_t)ul;
		i = (size_t)(g_utf8_next_char(word + i) - word);
	}
	lower[lb] = '\0';
	if (nl < MIN_WORD)
		return 0;
	start[nl] = len;
	const char *points = ac_strmap_get(&h->seen, lower);
	char fresh[MAX_WORD + 1];
	if (!points) {
		break_word(h, lower, nl, fresh);
		ac_strmap_add(&h->seen, lower, fresh);
		points = fresh;
	}
	size_t n = 0;
	for (; points[n] && n < max; n++)
		out[n] = start[(unsigned char)points[n]];
	return n;
}
