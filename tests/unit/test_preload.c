/* test_preload.c - figure pictures loaded ahead of the layout: each taken
 * once, placed where the layout says; pictures inline in text, failures and
 * files not listed are left to the layout. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "layout/preload.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DOT, BOX, ICON, NOTPNG, BROKEN, NFILES };

/* A book of two articles with figures, without reading any Markdown:
 * article a shows dot.png and box.svg as figures and an icon inline in a
 * paragraph; article b shows box.svg again, a "PNG" that is Markdown, and a
 * PNG whose header is sound but whose pixels are not. */
typedef struct {
	ac_book b;
	ac_article a[2];
	ac_article *seq[2];
	ac_image im[2][3];
	char *real[NFILES];
	char broken[64];
} fake;

/* A PNG with a correct header and a damaged IDAT: the layout reads only
 * the header, so it fails when drawn. */
static void write_broken_png(const char *path)
{
	static const unsigned char png[] = {
		0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n', 0,    0,    0,    13,   'I',
		'H',  'D',  'R',  0,    0,    0,    4,    0,    0,    0,    4,    8,    2,
		0,    0,    0,    0x26, 0x93, 0x09, 0x29, 0,    0,    0,    4,    'I',  'D',
		'A',  'T',  1,    2,    3,    4,    0,    0,    0,    0,    0,    0,    0,
		0,    'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82};
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(png, 1, sizeof png, f), sizeof png);
	assert_int_equal(fclose(f), 0);
}

static xmlDocPtr xhtml(const char *body)
{
	char text[1024];
	snprintf(text, sizeof text, "<article xmlns=\"http://www.w3.org/1999/xhtml\">%s</article>",
		 body);
	xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), "a.xhtml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

static void fake_init(fake *f)
{
	memset(f, 0, sizeof *f);
	snprintf(f->broken, sizeof f->broken, "/tmp/ac-preload-%d.png", (int)getpid());
	write_broken_png(f->broken);
	const char *files[NFILES] = {"tests/fixtures/markdown/images/dot.png",
				     "tests/fixtures/markdown/images/box.svg",
				     "tests/fixtures/conventions/images/box.svg", "README.md",
				     f->broken};
	for (int i = 0; i < NFILES; i++) {
		f->real[i] = realpath(files[i], NULL);
		assert_non_null(f->real[i]);
	}
	ac_image a[3] = {{"images/dot.png", f->real[DOT], "image/png", 3},
			 {"images/box.svg", f->real[BOX], "image/svg+xml", 5},
			 {"images/icon.svg", f->real[ICON], "image/svg+xml", 7}};
	ac_image b[3] = {{"images/box.svg", f->real[BOX], "image/svg+xml", 2},
			 {"images/x.png", f->real[NOTPNG], "image/png", 4},
			 {"images/broken.png", f->real[BROKEN], "image/png", 6}};
	memcpy(f->im[0], a, sizeof a);
	memcpy(f->im[1], b, sizeof b);
	f->a[0].doc = xhtml("<figure><img src=\"images/dot.png\" alt=\"\"/></figure>"
			    "<p>An <img src=\"images/icon.svg\" alt=\"icon\"/> inline.</p>"
			    "<section><figure><img src=\"images/box.svg\" alt=\"\"/>"
			    "<figcaption>Box</figcaption></figure></section>");
	f->a[1].doc = xhtml("<figure><img src=\"images/box.svg\" alt=\"\"/></figure>"
			    "<figure><img src=\"images/x.png\" alt=\"\"/></figure>"
			    "<figure><img src=\"images/broken.png\" alt=\"\"/></figure>");
	for (int k = 0; k < 2; k++) {
		f->a[k].path = k ? "book/articles/b.md" : "book/articles/a.md";
		f->a[k].images = f->im[k];
		f->a[k].nimages = 3;
		f->seq[k] = &f->a[k];
	}
	f->b.seq = f->seq;
	f->b.nseq = 2;
}

static void fake_free(fake *f)
{
	for (int k = 0; k < 2; k++)
		xmlFreeDoc(f->a[k].doc);
	for (int i = 0; i < NFILES; i++)
		free(f->real[i]);
	unlink(f->broken);
}

/* What each test starts from: the fake book, the layout's record, and the
 * preload of the book's figures under way. */
typedef struct {
	fake f;
	ac_diags d;
	ac_preload *pl;
} fixture;

static int setup(void **state)
{
	fixture *x = calloc(1, sizeof *x);
	assert_non_null(x);
	fake_init(&x->f);
	ac_diags_init(&x->d);
	x->pl = ac_preload_new(&x->f.b);
	assert_non_null(x->pl);
	*state = x;
	return 0;
}

/* Frees what was loaded and not taken (LeakSanitizer sees the rest). */
static int teardown(void **state)
{
	fixture *x = *state;
	ac_preload_free(x->pl);
	ac_diags_free(&x->d);
	fake_free(&x->f);
	free(x);
	return 0;
}

static void figures_taken_once(void **state)
{
	fixture *x = *state;
	const fake *f = &x->f;
	ac_picture *png = ac_preload_take(x->pl, f->real[DOT], "book/articles/a.md", 3, &x->d);
	ac_picture *svg = ac_preload_take(x->pl, f->real[BOX], "book/articles/a.md", 5, &x->d);
	assert_non_null(png);
	assert_false(ac_picture_is_svg(png));
	double w = 0, h = 0;
	ac_picture_size(png, &w, &h);
	assert_true(w > 0 && h > 0);
	assert_non_null(svg);
	assert_true(ac_picture_is_svg(svg));
	ac_picture_size(svg, &w, &h);
	assert_true(w > 0 && h > 0);
	/* A picture inline in text is not a figure: never loaded here. */
	assert_null(ac_preload_take(x->pl, f->real[ICON], "book/articles/a.md", 7, &x->d));
	/* Once only: the second figure of box.svg is the layout's own (it
	 * keeps what it took). */
	assert_null(ac_preload_take(x->pl, f->real[BOX], "book/articles/b.md", 2, &x->d));
	/* Not a picture: not given, and nothing reported here. */
	assert_null(ac_preload_take(x->pl, f->real[NOTPNG], "book/articles/b.md", 4, &x->d));
	/* Not in the book. */
	assert_null(ac_preload_take(x->pl, "/nonexistent/x.png", "book/articles/b.md", 9, &x->d));
	assert_int_equal(x->d.count, 0);
	ac_picture_free(svg);
	ac_picture_free(png);
}

/* A picture that fails when drawn is reported at the place the layout gave
 * it when taking it, into the layout's record, not the thread's. */
static void placed_at_figure(void **state)
{
	fixture *x = *state;
	ac_picture *p = ac_preload_take(x->pl, x->f.real[BROKEN], "book/articles/b.md", 6, &x->d);
	assert_non_null(p);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
	cairo_t *cr = cairo_create(s);
	ac_picture_draw(p, cr, 0, 0, 8, 8, NULL);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	assert_int_equal(x->d.errors, 1);
	assert_string_equal(x->d.items[0].path, "book/articles/b.md");
	assert_int_equal(x->d.items[0].line, 6);
	ac_picture_free(p);
}

/* None taken: the teardown frees the preload at once, while the thread is
 * loading or before it has begun; under AddressSanitizer, whatever it had
 * loaded must be freed and nothing touched after. Nothing is reported. */
static void untaken_freed(void **state)
{
	fixture *x = *state;
	assert_int_equal(x->d.count, 0);
}

static void no_figures_no_thread(void **state)
{
	(void)state;
	fake f;
	fake_init(&f);
	xmlFreeDoc(f.a[1].doc);
	f.a[1].doc = xhtml("<p>No figure: <img src=\"images/box.svg\" alt=\"box\"/>.</p>");
	f.a[0].nimages = 0;
	assert_null(ac_preload_new(&f.b));
	assert_null(ac_preload_take(NULL, f.real[DOT], "x", 1, NULL));
	ac_preload_free(NULL);
	fake_free(&f);
}

/* Large SVG figures are loaded ahead of the layout only within a budget of
 * their text (512 kB, some 25 MB parsed): the thread waits for the layout
 * to take some, then goes on. */
static void ahead_within_budget(void **state)
{
	(void)state;
	enum { N = 12 };
	/* 12 figures of some 120 kB of text each: 1.4 MB, over twice the budget. */
	char path[N][64], src[N][32];
	char *real[N];
	ac_image im[N];
	ac_buf body = AC_BUF_INIT;
	size_t one = 0, all = 0; /* the text of the largest figure, of all */
	for (int i = 0; i < N; i++) {
		snprintf(path[i], sizeof path[i], "/tmp/ac-preload-%d-%d.svg", (int)getpid(), i);
		FILE *f = fopen(path[i], "w");
		assert_non_null(f);
		fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\">", f);
		for (int k = 0; k < 4000; k++)
			fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"1\"/>", (k * 7 + i) % 40, k % 30);
		fputs("</svg>", f);
		assert_int_equal(fclose(f), 0);
		struct stat st;
		assert_int_equal(stat(path[i], &st), 0);
		/* Cleaned, its text is a little longer (the XML declaration). */
		one = (size_t)st.st_size + 64 > one ? (size_t)st.st_size + 64 : one;
		all += (size_t)st.st_size;
		real[i] = realpath(path[i], NULL);
		assert_non_null(real[i]);
		snprintf(src[i], sizeof src[i], "images/f%d.svg", i);
		im[i] = (ac_image){src[i], real[i], "image/svg+xml", i + 1};
		ac_buf_printf(&body, "<figure><img src=\"%s\" alt=\"\"/></figure>", src[i]);
	}
	char text[4096];
	snprintf(text, sizeof text, "<article xmlns=\"http://www.w3.org/1999/xhtml\">%s</article>",
		 ac_buf_str(&body));
	ac_article a = {0};
	a.doc = xmlReadMemory(text, (int)strlen(text), "a.xhtml", NULL, XML_PARSE_NONET);
	assert_non_null(a.doc);
	a.path = "book/articles/a.md";
	a.images = im;
	a.nimages = N;
	ac_article *seq[1] = {&a};
	ac_book b = {0};
	b.seq = seq;
	b.nseq = 1;
	ac_preload *pl = ac_preload_new(&b);
	assert_non_null(pl);
	/* The thread stops, having loaded some, not all (without a budget it
	 * would load them all and never wait). */
	bool waiting = false;
	size_t ahead = 0;
	for (int waits = 0; !waiting; waits++) {
		assert_true(waits < 2000); /* 20 s */
		usleep(10 * 1000);
		ahead = ac_preload_ahead(pl, &waiting);
		assert_true(ahead <= ((size_t)512 << 10) + one);
	}
	assert_true(ahead > ((size_t)512 << 10));
	assert_true(ahead < all);
	/* Taken in order, each is given (loaded there or by the layout) and the
	 * thread is never past the budget. */
	ac_diags d;
	ac_diags_init(&d);
	for (int i = 0; i < N; i++) {
		ac_picture *p = ac_preload_take(pl, real[i], a.path, i + 1, &d);
		assert_non_null(p);
		assert_true(ac_preload_ahead(pl, &waiting) <= ((size_t)512 << 10) + one);
		ac_picture_free(p);
	}
	assert_int_equal(d.count, 0);
	assert_int_equal(ac_preload_ahead(pl, &waiting), 0);
	ac_preload_free(pl);
	ac_diags_free(&d);
	xmlFreeDoc(a.doc);
	ac_buf_free(&body);
	for (int i = 0; i < N; i++) {
		unlink(path[i]);
		free(real[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(figures_taken_once, setup, teardown),
		cmocka_unit_test_setup_teardown(placed_at_figure, setup, teardown),
		cmocka_unit_test_setup_teardown(untaken_freed, setup, teardown),
		cmocka_unit_test(no_figures_no_thread),
		cmocka_unit_test(ahead_within_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
