/* test_preload.c - pictures loaded ahead of the layout: each taken once, at
 * the place the layout gives it; what fails or is not listed is left to the
 * layout, which loads it itself and reports why. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "layout/preload.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A book of two articles that refer to fixture pictures (one twice, one
 * not a picture at all), without reading any Markdown. */
typedef struct {
	ac_book b;
	ac_article a[2];
	ac_article *seq[2];
	ac_image im[2][2];
	char *paths[3];
} fake;

static void fake_init(fake *f)
{
	memset(f, 0, sizeof *f);
	const char *files[3] = {"tests/fixtures/markdown/images/dot.png",
				"tests/fixtures/markdown/images/box.svg", "README.md"};
	for (int i = 0; i < 3; i++) {
		f->paths[i] = realpath(files[i], NULL);
		assert_non_null(f->paths[i]);
	}
	/* Article 0: the PNG and the SVG; article 1: the SVG again and a
	 * "PNG" that is Markdown. */
	ac_image list[2][2] = {{{NULL, f->paths[0], "image/png", 3}, {NULL, f->paths[1], "image/svg+xml", 5}},
			       {{NULL, f->paths[1], "image/svg+xml", 2}, {NULL, f->paths[2], "image/png", 4}}};
	memcpy(f->im, list, sizeof list);
	for (int k = 0; k < 2; k++) {
		f->a[k].path = k ? "book/articles/b.md" : "book/articles/a.md";
		f->a[k].images = f->im[k];
		f->a[k].nimages = 2;
		f->seq[k] = &f->a[k];
	}
	f->b.seq = f->seq;
	f->b.nseq = 2;
}

static void fake_free(fake *f)
{
	for (int i = 0; i < 3; i++)
		free(f->paths[i]);
}

static void each_taken_once(void **state)
{
	(void)state;
	fake f;
	fake_init(&f);
	ac_diags d;
	ac_diags_init(&d);
	ac_preload *pl = ac_preload_start(&f.b);
	assert_non_null(pl);
	/* Taken out of the thread's order: the SVG first. */
	ac_picture *svg = ac_preload_take(pl, f.paths[1], "book/articles/a.md", 5, &d);
	ac_picture *png = ac_preload_take(pl, f.paths[0], "book/articles/a.md", 3, &d);
	assert_non_null(svg);
	assert_true(ac_picture_is_svg(svg));
	double w = 0, h = 0;
	ac_picture_size(svg, &w, &h);
	assert_true(w > 0 && h > 0);
	assert_non_null(png);
	assert_false(ac_picture_is_svg(png));
	ac_picture_size(png, &w, &h);
	assert_true(w > 0 && h > 0);
	/* Once only: the second article's reference to the SVG is the
	 * layout's own (it keeps what it took). */
	assert_null(ac_preload_take(pl, f.paths[1], "book/articles/b.md", 2, &d));
	/* Not a picture: not given, and nothing reported here. */
	assert_null(ac_preload_take(pl, f.paths[2], "book/articles/b.md", 4, &d));
	/* Not in the book. */
	assert_null(ac_preload_take(pl, "/nonexistent/x.png", "book/articles/b.md", 9, &d));
	assert_int_equal(d.count, 0);
	ac_picture_free(svg);
	ac_picture_free(png);
	ac_preload_free(pl);
	ac_diags_free(&d);
	fake_free(&f);
}

/* All loaded and none taken: freed with the preload (LeakSanitizer). */
static void untaken_freed(void **state)
{
	(void)state;
	fake f;
	fake_init(&f);
	ac_preload *pl = ac_preload_start(&f.b);
	assert_non_null(pl);
	ac_preload_free(pl);
	fake_free(&f);
}

static void no_pictures_no_thread(void **state)
{
	(void)state;
	fake f;
	fake_init(&f);
	f.a[0].nimages = 0;
	f.a[1].nimages = 0;
	assert_null(ac_preload_start(&f.b));
	assert_null(ac_preload_take(NULL, f.paths[0], "x", 1, NULL));
	ac_preload_free(NULL);
	fake_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_taken_once),
		cmocka_unit_test(untaken_freed),
		cmocka_unit_test(no_pictures_no_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
