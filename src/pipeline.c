/* pipeline.c - load the book, order it, convert it, package it, write it. */
#include "pipeline.h"

#include "base/buf.h"
#include "base/diag.h"
#include "base/files.h"
#include "book/book.h"
#include "cover.h"
#include "doc/doc.h"
#include "doc/terms.h"
#include "epub/epub.h"
#include "layout/handbook.h"
#include "layout/hyphen.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif
/* Where Debian's hyphen-* packages put libhyphen's patterns; an installed
 * autochitect has its own copy (share/autochitect/hyphen). */
#ifndef AC_HYPHEN_DIR
#define AC_HYPHEN_DIR "/usr/share/hyphen"
#endif

#ifndef AC_SOURCE_DIR
#define AC_SOURCE_DIR "."
#endif

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The patterns for language: the install's own, else Debian's. */
static char *find_hyphen_dict(const char *data_dir, const char *language)
{
	char *own = ac_path_join(data_dir, "hyphen");
	char *dict = is_dir(own) ? ac_hyphen_find_dict(own, language) : NULL;
	free(own);
	return dict ? dict : ac_hyphen_find_dict(AC_HYPHEN_DIR, language);
}

char *ac_find_data_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *installed = ac_xasprintf("%s/../share/autochitect", exe);
			char *fonts = ac_path_join(installed, "fonts");
			bool ok = is_dir(fonts);
			free(fonts);
			if (ok)
				return installed;
			free(installed);
		}
	}
	return ac_xstrdup(AC_SOURCE_DIR);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads the book and orders it; diagnostics go to d. A book without
 * articles is an error unless only listed. */
static ac_book *load(const ac_options *o, bool need_articles, ac_diags *d)
{
	ac_load_opts lo = {o->drafts, o->reverse, o->order, need_articles};
	ac_book *b = ac_book_load(o->book_dir, &lo, d);
	if (!b)
		return NULL;
	if (o->epoch >= 0) {
		b->epoch = o->epoch;
	} else {
		long newest = 0;
		for (size_t i = 0; i < b->nseq; i++) {
			long day = ac_parse_date(b->seq[i]->date);
			if (day > newest)
				newest = day;
		}
		b->epoch = (long long)newest * 86400;
	}
	return b;
}

/* Prints the diagnostics (-q: errors only; -v: every warning, none grouped;
 * a summary line unless -q) and turns errors into the book's exit status. */
static int finish(ac_diags *d, const ac_options *o, FILE *err, int status)
{
	unsigned flags = o->color ? AC_DIAG_COLOR : 0;
	if (o->verbosity == 0)
		flags |= AC_DIAG_ERRORS_ONLY;
	else
		flags |= AC_DIAG_SUMMARY | (o->verbosity > 1 ? AC_DIAG_ALL : 0);
	ac_diags_print(d, err, flags);
	if (status == AC_EXIT_OK && d->errors)
		status = AC_EXIT_BOOK;
	ac_diags_free(d);
	return status;
}

int ac_cmd_list(const ac_options *o, FILE *out, FILE *err)
{
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = load(o, false, &d);
	int status = AC_EXIT_OK;
	if (b && !d.errors)
		for (size_t i = 0; i < b->nseq; i++)
			fprintf(out, "%zu\t%s\t%s\t%s\t%s\n", i + 1, b->seq[i]->date,
				b->seq[i]->topic, b->seq[i]->slug, b->seq[i]->title);
	if (!b)
		status = AC_EXIT_BOOK;
	ac_book_free(b);
	return finish(&d, o, err, status);
}

int ac_cmd_check(const ac_options *o, FILE *err)
{
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = load(o, true, &d);
	if (b) {
		ac_doc_convert_book(b, &d);
		ac_terms_free(ac_terms_find(b, &d));
	}
	int status = b ? AC_EXIT_OK : AC_EXIT_BOOK;
	ac_book_free(b);
	return finish(&d, o, err, status);
}

static void progress(const ac_options *o, FILE *err, const char *what)
{
	if (o->verbosity > 0 && isatty(fileno(err)))
		fprintf(err, "\r\033[K%s", what);
}

/* What one run produces, in memory until everything has succeeded. */
typedef struct {
	ac_buf epub, pdf, trace;
} outputs;

static void outputs_free(outputs *x)
{
	ac_buf_free(&x->epub);
	ac_buf_free(&x->pdf);
	ac_buf_free(&x->trace);
}

/* Work done on a thread of its own when one can be started, else at once. */
typedef struct {
	pthread_t th;
	bool threaded;
} side_task;

static void side_start(side_task *t, void *(*fn)(void *), void *arg)
{
	t->threaded = pthread_create(&t->th, NULL, fn, arg) == 0;
	if (!t->threaded)
		fn(arg);
}

static void side_wait(side_task *t)
{
	if (t->threaded)
		pthread_join(t->th, NULL);
	t->threaded = false;
}

/* The handbook's theme, fonts and hyphenation patterns are loaded on a
 * thread of their own while the articles are converted. */
typedef struct {
	ac_handbook_resources r;
	ac_handbook_kit *kit;
	ac_diags d;
	side_task task;
} kit_job;

static void *kit_thread(void *arg)
{
	kit_job *k = arg;
	k->kit = ac_handbook_kit_new(&k->r, &k->d);
	return NULL;
}

static void kit_start(kit_job *k, const ac_handbook_resources *r)
{
	*k = (kit_job){.r = *r};
	ac_diags_init(&k->d);
	side_start(&k->task, kit_thread, k);
}

/* Waits for the kit and moves its diagnostics into d. */
static ac_handbook_kit *kit_wait(kit_job *k, ac_diags *d)
{
	side_wait(&k->task);
	ac_diags_move(d, &k->d);
	return k->kit;
}

/* The cover is drawn from the book's metadata alone, so it is made on a
 * thread of its own while the articles are converted. */
typedef struct {
	const ac_book *b;
	const char *fonts_dir;
	ac_buf png;
	int rc;
	ac_diags d;
	side_task task;
} cover_job;

static void *cover_thread(void *arg)
{
	cover_job *c = arg;
	c->rc = ac_cover_png(c->b, c->fonts_dir, &c->png, &c->d);
	return NULL;
}

static void cover_start(cover_job *c, const ac_book *b, const char *fonts_dir)
{
	*c = (cover_job){.b = b, .fonts_dir = fonts_dir, .png = AC_BUF_INIT};
	ac_diags_init(&c->d);
	side_start(&c->task, cover_thread, c);
}

typedef struct {
	const ac_book *b;
	const char *css, *fonts_dir;
	cover_job *cover;
	ac_buf *out;
	ac_pagebreaks *breaks;
	const ac_terms *terms;
	ac_epub_chapters *chapters;
	int status;
	ac_diags d;
	side_task task;
} epub_job;

/* The EPUB, possibly on a thread of its own. */
static void *epub_thread(void *arg)
{
	epub_job *j = arg;
	side_wait(&j->cover->task);
	if (j->cover->rc != 0) {
		j->status = AC_EXIT_IO;
	} else {
		/* The chapters were written while the handbook was laid out. */
		ac_epub_chapters_finish(j->chapters);
		ac_epub_resources r = {j->css, j->fonts_dir, &j->cover->png, j->breaks, j->terms,
				       j->chapters};
		if (ac_epub_write(j->b, &r, j->out, &j->d) != 0)
			j->status = AC_EXIT_IO;
	}
	return NULL;
}

/* The layout's word that an article's pages are final: its chapter page
 * can be written. */
static void chapter_paged(void *ctx, size_t i, const ac_pagebreak *items, size_t n)
{
	ac_epub_chapters_give(ctx, i, items, n);
}

/* Without an EPUB, frees the XHTML of articles the handbook has laid out:
 * a long book's trees are a fifth of the memory the PDF needs at its peak. */
typedef struct {
	ac_book *b;
	size_t freed; /* seq[0 .. freed) have no tree any more */
} release_job;

static void release_docs(void *ctx, int i)
{
	release_job *r = ctx;
	size_t to = i >= 0 ? (size_t)i + 1 : r->b->nseq;
	for (; r->freed < to; r->freed++) {
		xmlFreeDoc(r->b->seq[r->freed]->doc);
		r->b->seq[r->freed]->doc = NULL;
	}
}

/* Loads, converts and renders the book in the formats asked for. Returns an
 * exit status; on success *bp is the loaded book (caller frees). */
static int produce(const ac_options *o, FILE *err, const char *version, unsigned formats,
		   outputs *x, ac_book **bp, ac_diags *d)
{
	int status = AC_EXIT_OK;
	cover_job cover;
	bool cover_on = false;
	kit_job kit;
	bool kit_on = false;
	char *fonts_dir = ac_path_join(o->data_dir, "fonts");
	char *css = NULL, *print = NULL, *hyphen_dict = NULL;
	ac_terms *terms = NULL;
	ac_epub_chapters *chapters = NULL;
	progress(o, err, "reading the book");
	ac_book *b = load(o, true, d);
	*bp = b;
	if (!b || d->errors) {
		/* Every problem of the book in one run: the articles are still
		 * converted, for what they have to say. */
		if (b) {
			ac_doc_convert_book(b, d);
			ac_terms_free(ac_terms_find(b, d));
		}
		status = AC_EXIT_BOOK;
		goto done;
	}
	if (version) {
		free(b->version);
		b->version = ac_xstrdup(version);
	}
	const char *theme = o->theme ? o->theme : b->theme;
	char *theme_dir = ac_xasprintf("%s/styles/%s", o->data_dir, theme);
	css = ac_path_join(theme_dir, "epub.css");
	print = ac_path_join(theme_dir, "print.yml");
	if (!ac_is_regular_file(css) || !ac_is_regular_file(print))
		ac_error(d, b->yml_path, 0, "theme '%s' not found (looked in %s)", theme, theme_dir);
	free(theme_dir);
	if (formats & AC_FORMAT_EPUB) {
		cover_start(&cover, b, fonts_dir);
		cover_on = true;
	}
	/* The EPUB needs the layout too: its page-list follows the handbook's
	 * pages. */
	if (!d->errors) {
		/* The book's language picks the patterns; none is no hyphenation,
		 * never another language's. */
		hyphen_dict = find_hyphen_dict(o->data_dir, b->language);
		if (!hyphen_dict)
			ac_warn(d, b->yml_path, b->language_line ? b->language_line : 1,
				"no hyphenation patterns for '%s'; the PDF is set without hyphenation",
				b->language);
		ac_handbook_resources kr = {print, fonts_dir, hyphen_dict, o->page_size,
					    "autochitect " AC_VERSION, NULL, NULL, false, NULL, NULL, NULL, false};
		kit_start(&kit, &kr);
		kit_on = true;
	}
	progress(o, err, "converting articles");
	ac_doc_convert_book(b, d);
	terms = ac_terms_find(b, d);
	if (d->errors) {
		status = AC_EXIT_BOOK;
		goto done;
	}
	/* The handbook is laid out first: the EPUB marks where its pages begin.
	 * Then the EPUB is made on a second thread while this one draws the
	 * pages. Each has its own diagnostics, merged afterwards. */
	bool pdf = formats & (AC_FORMAT_PDF | AC_FORMAT_TRACE);
	bool epub = formats & AC_FORMAT_EPUB;
	progress(o, err, "laying out the handbook");
	/* Without an EPUB the trees go as soon as they are laid out; with one,
	 * as soon as the chapter's pages are known and its EPUB page (with the
	 * page-break markers put in) is written, on a thread of its own. */
	release_job rel = {b, 0};
	ac_handbook_kit *k = kit_on ? kit_wait(&kit, d) : NULL;
	chapters = epub && k ? ac_epub_chapters_start(b, terms) : NULL;
	ac_handbook_resources hr = {print,
				    fonts_dir,
				    hyphen_dict,
				    o->page_size,
				    "autochitect " AC_VERSION,
				    epub ? NULL : release_docs,
				    &rel,
				    !pdf,
				    terms,
				    chapters ? chapter_paged : NULL,
				    chapters,
				    (formats & AC_FORMAT_PDF) != 0};
	ac_handbook *hb = k ? ac_handbook_layout(k, b, &hr, d) : NULL;
	if (!hb) {
		status = d->errors ? AC_EXIT_BOOK : AC_EXIT_IO;
		goto done;
	}
	epub_job job = {b, css, fonts_dir, &cover, &x->epub, ac_handbook_pagebreaks(hb),
			terms, chapters, AC_EXIT_OK, {0}, {0}};
	ac_diags_init(&job.d);
	if (epub) {
		progress(o, err, pdf ? "writing the EPUB and drawing the handbook" : "writing the EPUB");
		if (pdf)
			side_start(&job.task, epub_thread, &job);
		else
			epub_thread(&job);
	}
	if (pdf && ac_handbook_draw(hb, formats & AC_FORMAT_PDF ? &x->pdf : NULL,
				    formats & AC_FORMAT_TRACE ? &x->trace : NULL, d) != 0)
		status = d->errors ? AC_EXIT_BOOK : AC_EXIT_IO;
	side_wait(&job.task);
	ac_handbook_free(hb);
	ac_diags_move(d, &job.d);
	if (status == AC_EXIT_OK)
		status = job.status;
	/* A picture that fails to decode is found only as its page is drawn:
	 * reported then, and nothing is written. */
	if (status == AC_EXIT_OK && d->errors)
		status = AC_EXIT_BOOK;
done:
	ac_epub_chapters_free(chapters); /* before the index its pruning reads */
	ac_terms_free(terms);
	if (kit_on) {
		kit_wait(&kit, d);
		ac_handbook_kit_free(kit.kit);
	}
	if (cover_on) {
		side_wait(&cover.task);
		ac_diags_move(d, &cover.d);
		ac_buf_free(&cover.png);
	}
	progress(o, err, "");
	free(fonts_dir);
	free(css);
	free(print);
	free(hyphen_dict);
	return status;
}

/* Writes each named buffer into the output folder (each atomically). */
static int write_all(const ac_options *o, const char *const *names, const ac_buf *const *data,
		     size_t n, ac_diags *d)
{
	if (ac_ensure_dir(o->out_dir) != 0) {
		ac_error(d, o->out_dir, 0, "cannot create the output folder: %s", strerror(errno));
		return AC_EXIT_IO;
	}
	for (size_t i = 0; i < n; i++)
		if (ac_write_atomic(o->out_dir, names[i], data[i]->ptr ? data[i]->ptr : "",
				    data[i]->len) != 0) {
			ac_error(d, o->out_dir, 0, "cannot write %s: %s", names[i], strerror(errno));
			return AC_EXIT_IO;
		}
	return AC_EXIT_OK;
}

int ac_cmd_build(const ac_options *o, FILE *err)
{
	ac_diags d;
	ac_diags_init(&d);
	double t0 = now_seconds();
	outputs x = {AC_BUF_INIT, AC_BUF_INIT, AC_BUF_INIT};
	ac_book *b = NULL;
	int status = produce(o, err, NULL, o->formats, &x, &b, &d);
	if (status == AC_EXIT_OK) {
		char *names[3];
		const ac_buf *data[3];
		size_t n = 0;
		if (o->formats & AC_FORMAT_EPUB) {
			names[n] = ac_xasprintf("%s.epub", b->slug);
			data[n++] = &x.epub;
		}
		if (o->formats & AC_FORMAT_PDF) {
			names[n] = ac_xasprintf("%s.pdf", b->slug);
			data[n++] = &x.pdf;
		}
		if (o->formats & AC_FORMAT_TRACE) {
			names[n] = ac_xasprintf("%s.trace", b->slug);
			data[n++] = &x.trace;
		}
		status = write_all(o, (const char *const *)names, data, n, &d);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		if (o->verbosity > 1)
			fprintf(err, "%s: %zu article%s, EPUB %zu bytes, PDF %zu bytes, %.3f s\n",
				o->out_dir, b->nseq, b->nseq == 1 ? "" : "s", x.epub.len, x.pdf.len,
				now_seconds() - t0);
	}
	ac_book_free(b);
	outputs_free(&x);
	return finish(&d, o, err, status);
}

int ac_cmd_release(const ac_options *o, const char *version, bool force, FILE *err)
{
	ac_diags d;
	ac_diags_init(&d);
	outputs x = {AC_BUF_INIT, AC_BUF_INIT, AC_BUF_INIT};
	ac_book *b = NULL;
	ac_buf sums = AC_BUF_INIT;
	char *epub = NULL, *pdf = NULL;
	int status = produce(o, err, version, AC_FORMAT_EPUB | AC_FORMAT_PDF, &x, &b, &d);
	if (status != AC_EXIT_OK)
		goto done;
	epub = ac_xasprintf("%s-%s.epub", b->slug, version);
	pdf = ac_xasprintf("%s-%s.pdf", b->slug, version);
	char *old_epub = ac_path_join(o->out_dir, epub), *old_pdf = ac_path_join(o->out_dir, pdf);
	bool exists = ac_is_regular_file(old_epub) || ac_is_regular_file(old_pdf);
	free(old_epub);
	free(old_pdf);
	if (exists && !force) {
		fprintf(err, "autochitect: %s/%s already exists: a released version is not "
			     "overwritten (use --force)\n", o->out_dir, epub);
		status = AC_EXIT_USAGE;
		goto done;
	}
	/* sha256sum's format: the digest, two spaces, the file name. */
	char hex[65];
	ac_sha256_hex(x.epub.ptr, x.epub.len, hex);
	ac_buf_printf(&sums, "%s  %s\n", hex, epub);
	ac_sha256_hex(x.pdf.ptr, x.pdf.len, hex);
	ac_buf_printf(&sums, "%s  %s\n", hex, pdf);
	const char *names[] = {epub, pdf, "SHA256SUMS"};
	const ac_buf *data[] = {&x.epub, &x.pdf, &sums};
	status = write_all(o, names, data, 3, &d);
	if (status == AC_EXIT_OK && o->verbosity > 0)
		fprintf(err, "%s/%s\n%s/%s\n%s/SHA256SUMS\n", o->out_dir, epub, o->out_dir, pdf,
			o->out_dir);
done:
	free(epub);
	free(pdf);
	ac_buf_free(&sums);
	ac_book_free(b);
	outputs_free(&x);
	return finish(&d, o, err, status);
}

bool ac_valid_version(const char *v)
{
	/* MAJOR.MINOR[.PATCH], digits only, then an optional -pre or +build part
	 * of letters, digits, '.' and '-'. */
	const char *p = v;
	int parts = 0;
	for (;;) {
		size_t n = strspn(p, "0123456789");
		if (n == 0 || n > 9)
			return false;
		p += n;
		parts++;
		if (*p != '.' || parts == 3)
			break;
		p++;
	}
	if (parts < 2)
		return false;
	if (*p == '-' || *p == '+') {
		p++;
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-+");
		if (n == 0 || n > 40 || p[n] != '\0')
			return false;
		return true;
	}
	return *p == '\0';
}
