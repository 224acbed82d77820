/* test_hyphen.c - the book language's patterns: BCP 47 tag → dictionary,
 * German words at German points, the patterns' own minimums. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "layout/hyphen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SYSTEM_DIR "/usr/share/hyphen"

/* A folder of empty files named as Debian's hyphen-* packages name theirs
 * (some of them), so that the mapping is tested whatever is installed. */
static const char *const fake_files[] = {
	"hyph_de_DE.dic", "hyph_de_CH.dic", "hyph_en_US.dic", "hyph_en_GB.dic",
	"hyph_en_Latn_US.dic", "hyph_pt_PT.dic", "hyph_pt_BR.dic", "hyph_fr.dic",
	"hyph_es_ES.dic", "hyph_sr_RS.dic", "hyph_sr-Latn_RS.dic", "hyph_nb_NO.dic",
	"hyph_it_IT.dic", "hyph_nl.dic",
};

static char fake_dir[] = "/tmp/ac-test-hyphen-XXXXXX";

static void write_file(const char *dir, const char *name, const char *text)
{
	char *p = ac_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static int fake_setup(void **state)
{
	(void)state;
	if (!mkdtemp(fake_dir))
		return -1;
	for (size_t i = 0; i < sizeof fake_files / sizeof fake_files[0]; i++)
		write_file(fake_dir, fake_files[i], "");
	/* A folder is not a dictionary. */
	char *p = ac_xasprintf("%s/hyph_xx.dic", fake_dir);
	mkdir(p, 0700);
	free(p);
	return 0;
}

static int fake_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fake_files / sizeof fake_files[0]; i++) {
		char *p = ac_xasprintf("%s/%s", fake_dir, fake_files[i]);
		unlink(p);
		free(p);
	}
	const char *extra[] = {"hyph_qa_QA.dic", "hyph_qb_QB.dic"};
	for (size_t i = 0; i < 2; i++) {
		char *p = ac_xasprintf("%s/%s", fake_dir, extra[i]);
		unlink(p);
		free(p);
	}
	char *p = ac_xasprintf("%s/hyph_xx.dic", fake_dir);
	rmdir(p);
	free(p);
	rmdir(fake_dir);
	return 0;
}

static void tag_to_dictionary(void **state)
{
	(void)state;
	static const struct {
		const char *tag, *file; /* file NULL: no patterns */
	} cases[] = {
		{"de", "hyph_de_DE.dic"},
		{"de-CH", "hyph_de_CH.dic"},     /* the region's own first */
		{"de-AT", "hyph_de_DE.dic"},     /* none of its own: the usual region */
		{"DE_ch", "hyph_de_CH.dic"},     /* any case, '_' for '-' */
		{"de-DE-1996", "hyph_de_DE.dic"}, /* variants ignored */
		{"en", "hyph_en_US.dic"},
		{"en-GB", "hyph_en_GB.dic"},
		{"en-gb", "hyph_en_GB.dic"},
		{"en-AU", "hyph_en_US.dic"},
		{"en-Latn-US", "hyph_en_Latn_US.dic"},
		{"en-US-x-twain", "hyph_en_US.dic"}, /* private use ignored */
		{"pt", "hyph_pt_PT.dic"},
		{"pt-BR", "hyph_pt_BR.dic"},
		{"fr", "hyph_fr.dic"}, /* no hyph_fr_FR.dic here: the language's */
		{"fr-CA", "hyph_fr.dic"},
		{"es-419", "hyph_es_ES.dic"}, /* a numeric region */
		{"it", "hyph_it_IT.dic"},
		{"nl-BE", "hyph_nl.dic"},
		{"sr", "hyph_sr_RS.dic"},
		{"sr-Latn", "hyph_sr-Latn_RS.dic"},
		{"sr-Latn-ME", "hyph_sr-Latn_RS.dic"},
		{"no", "hyph_nb_NO.dic"}, /* Norwegian: Bokmål's patterns */
		{"nn", NULL},             /* no hyph_nn_NO.dic here */
		{"xx", NULL},             /* hyph_xx.dic is a folder */
		{"zh-Hans-CN", NULL},
		{"ja", NULL},
		{"", NULL},
		{"e", NULL},
		{"i-klingon", NULL},
		{"x-private", NULL},
		{"deutsch", NULL},
		{"../de", NULL},
		{"de/../en", NULL}, /* only letters and digits reach a file name */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = ac_hyphen_find_dict(fake_dir, cases[i].tag);
		if (!cases[i].file) {
			if (got)
				fail_msg("'%s' gave %s, expected none", cases[i].tag, got);
			continue;
		}
		char *want = ac_xasprintf("%s/%s", fake_dir, cases[i].file);
		if (!got || strcmp(got, want))
			fail_msg("'%s' gave %s, expected %s", cases[i].tag, got ? got : "none", want);
		free(want);
		free(got);
	}
}

/* "Zusammenarbeit" as "Zu-sam-men-ar-beit" for the points of word in h. */
static char *marked(ac_hyphenator *h, const char *word)
{
	size_t pts[16];
	size_t n = ac_hyphenate(h, word, strlen(word), pts, 16);
	ac_buf b = AC_BUF_INIT;
	size_t prev = 0;
	for (size_t k = 0; k < n; k++) {
		ac_buf_printf(&b, "%.*s-", (int)(pts[k] - prev), word + prev);
		prev = pts[k];
	}
	ac_buf_printf(&b, "%s", word + prev);
	char *s = ac_xstrdup(ac_buf_str(&b));
	ac_buf_free(&b);
	return s;
}

static ac_hyphenator *system_hyphenator(const char *tag)
{
	ac_diags d;
	ac_diags_init(&d);
	char *path = ac_hyphen_find_dict(SYSTEM_DIR, tag);
	if (!path)
		fail_msg("no patterns for '%s' in " SYSTEM_DIR " (bash scripts/deps.sh)", tag);
	ac_hyphenator *h = ac_hyphenator_new(path, &d);
	assert_non_null(h);
	assert_int_equal(d.warnings, 0);
	free(path);
	ac_diags_free(&d);
	return h;
}

static void german_words_at_german_points(void **state)
{
	(void)state;
	ac_hyphenator *de = system_hyphenator("de");
	ac_hyphenator *en = system_hyphenator("en");
	/* The points of Debian's hyph_de_DE.dic (ISO8859-1, through iconv) and
	 * hyph_en_US.dic (UTF-8), as byte offsets into the UTF-8 word. */
	static const struct {
		const char *word, *de, *en;
	} cases[] = {
		{"Silbentrennung", "Sil-ben-tren-nung", "Sil-ben-tren-nung"},
		{"Zusammenarbeit", "Zu-sam-men-ar-beit", "Zusam-me-nar-beit"},
		{"Gesellschaft", "Ge-sell-schaft", "Gesellschaft"},
		{"Rechtschreibung", "Recht-schrei-bung", "Rechtschrei-bung"},
		{"Größenordnung", "Grö-ßen-ord-nung", "Größenord-nung"},
		{"Fußgängerbrücke", "Fuß-gän-ger-brü-cke", "Fußgänger-brücke"},
		{"ZUSAMMENARBEIT", "ZU-SAM-MEN-AR-BEIT", "ZUSAM-ME-NAR-BEIT"},
		/* Not words: a digit, a letter the German set lacks (Cyrillic а). */
		{"Zusammen7arbeit", "Zusammen7arbeit", "Zusammen7arbeit"},
		{"Zusammen\xd0\xb0rbeit", "Zusammen\xd0\xb0rbeit", NULL},
		{"Maße", "Maße", "Maße"}, /* four letters, five bytes */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = marked(de, cases[i].word);
		if (strcmp(got, cases[i].de))
			fail_msg("de: %s, expected %s", got, cases[i].de);
		free(got);
		if (!cases[i].en)
			continue;
		got = marked(en, cases[i].word);
		if (strcmp(got, cases[i].en))
			fail_msg("en: %s, expected %s", got, cases[i].en);
		free(got);
	}
	/* Asked again, from the cache: the same points. */
	char *again = marked(de, "Zusammenarbeit");
	assert_string_equal(again, "Zu-sam-men-ar-beit");
	free(again);
	ac_hyphenator_free(de);
	ac_hyphenator_free(en);
}

/* LEFTHYPHENMIN/RIGHTHYPHENMIN of the patterns only make ours (2 and 3)
 * stricter. Pattern "a1b": a break between every a and b. */
static void dictionary_minimums(void **state)
{
	(void)state;
	static const struct {
		const char *name, *header, *want;
		int left, right;
	} cases[] = {
		{"hyph_qa_QA.dic", "UTF-8\nLEFTHYPHENMIN 3\nRIGHTHYPHENMIN 4\n", "baba-ba-baba", 3, 4},
		{"hyph_qb_QB.dic", "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n", "ba-ba-ba-baba", 2, 3},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = ac_xasprintf("%sa1b\n", cases[i].header);
		write_file(fake_dir, cases[i].name, text);
		free(text);
		char *path = ac_xasprintf("%s/%s", fake_dir, cases[i].name);
		ac_diags d;
		ac_diags_init(&d);
		ac_hyphenator *h = ac_hyphenator_new(path, &d);
		assert_non_null(h);
		int l, r;
		ac_hyphenator_mins(h, &l, &r);
		assert_int_equal(l, cases[i].left);
		assert_int_equal(r, cases[i].right);
		char *got = marked(h, "bababababa");
		assert_string_equal(got, cases[i].want);
		free(got);
		ac_hyphenator_free(h);
		ac_diags_free(&d);
		free(path);
	}
}

static void word_inside_punctuation(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t lead, len;
	} cases[] = {
		{"Zusammenarbeit", 0, 14},
		{"\xe2\x80\x9e\xc3\x9c" "bung\xe2\x80\x9c,", 3, 6}, /* „Übung“, */
		{"Fu\xc3\x9f.", 0, 4}, /* Fuß. */
		{"(\xd1\x81\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe)", 1, 10}, /* (слово) */
		{"a-b", 0, 3}, /* inner characters stay: ac_hyphenate refuses them */
		{"...", 3, 0},
		{"\xff" "abc\xff", 1, 3}, /* stray bytes are not letters */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t lead = 99;
		size_t len = ac_hyphen_trim(cases[i].s, strlen(cases[i].s), &lead);
		if (lead != cases[i].lead || len != cases[i].len)
			fail_msg("case %zu: lead %zu len %zu, expected %zu %zu", i, lead, len,
				 cases[i].lead, cases[i].len);
	}
}

static void no_patterns_no_hyphenation(void **state)
{
	(void)state;
	ac_diags d;
	ac_diags_init(&d);
	assert_null(ac_hyphenator_new(NULL, &d)); /* quietly: the caller warned */
	assert_int_equal(d.warnings + d.errors, 0);
	size_t pts[4];
	assert_int_equal(ac_hyphenate(NULL, "Zusammenarbeit", 14, pts, 4), 0);
	ac_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tag_to_dictionary),
		cmocka_unit_test(german_words_at_german_points),
		cmocka_unit_test(dictionary_minimums),
		cmocka_unit_test(word_inside_punctuation),
		cmocka_unit_test(no_patterns_no_hyphenation),
	};
	return cmocka_run_group_tests(tests, fake_setup, fake_teardown);
}
