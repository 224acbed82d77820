/* pipeline.c - load the book, order it, convert it, package it, write it. */
#include "pipeline.h"

#include "base/buf.h"
#include "base/diag.h"
#include "base/files.h"
#include "book/book.h"
#include "cover.h"
#include "doc/doc.h"
#include "epub/epub.h"
#include "layout/handbook.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif
#define AC_HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"

#ifndef AC_SOURCE_DIR
#define AC_SOURCE_DIR "."
#endif

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
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

/* Reads the book and orders it; diagnostics go to d. */
static ac_book *load(const ac_options *o, ac_diags *d)
{
	ac_load_opts lo = {o->drafts, o->reverse, o->order};
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

static int finish(ac_diags *d, const ac_options *o, FILE *err, int status)
{
	if (o->verbosity > 0 || d->errors)
		ac_diags_print(d, err, o->color);
	if (status == AC_EXIT_OK && d->errors)
		status = AC_EXIT_BOOK;
	ac_diags_free(d);
	return status;
}

int ac_cmd_list(const ac_options *o, FILE *out, FILE *err)
{
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = load(o, &d);
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
	ac_book *b = load(o, &d);
	if (b)
		ac_doc_convert_book(b, &d);
	int status = b ? AC_EXIT_OK : AC_EXIT_BOOK;
	ac_book_free(b);
	return finish(&d, o, err, status);
}

static void progress(const ac_options *o, FILE *err, const char *what)
{
	if (o->verbosity > 0 && isatty(fileno(err)))
		fprintf(err, "\r\033[K%s", what);
}

int ac_cmd_build(const ac_options *o, FILE *err)
{
	ac_diags d;
	ac_diags_init(&d);
	double t0 = now_seconds();
	int status = AC_EXIT_OK;
	ac_buf cover = AC_BUF_INIT, epub = AC_BUF_INIT, pdf = AC_BUF_INIT, trace = AC_BUF_INIT;
	char *fonts_dir = ac_path_join(o->data_dir, "fonts");
	char *css = NULL, *name = NULL, *print = NULL;

	progress(o, err, "reading the book");
	ac_book *b = load(o, &d);
	if (!b || d.errors) {
		status = AC_EXIT_BOOK;
		goto done;
	}
	const char *theme = o->theme ? o->theme : b->theme;
	char *theme_dir = ac_xasprintf("%s/styles/%s", o->data_dir, theme);
	css = ac_path_join(theme_dir, "epub.css");
	print = ac_path_join(theme_dir, "print.yml");
	if (!ac_is_regular_file(css) || !ac_is_regular_file(print))
		ac_error(&d, b->yml_path, 0, "theme '%s' not found (looked in %s)", theme, theme_dir);
	free(theme_dir);

	progress(o, err, "converting articles");
	ac_doc_convert_book(b, &d);
	if (d.errors) {
		status = AC_EXIT_BOOK;
		goto done;
	}
	progress(o, err, "drawing the cover");
	if (ac_cover_png(b, fonts_dir, &cover, &d) != 0) {
		status = AC_EXIT_IO;
		goto done;
	}
	if (ac_ensure_dir(o->out_dir) != 0) {
		ac_error(&d, o->out_dir, 0, "cannot create the output folder: %s", strerror(errno));
		status = AC_EXIT_IO;
		goto done;
	}
	if (o->formats & AC_FORMAT_EPUB) {
		progress(o, err, "writing the EPUB");
		ac_epub_resources r = {css, fonts_dir, &cover};
		if (ac_epub_write(b, &r, &epub, &d) != 0) {
			status = AC_EXIT_IO;
			goto done;
		}
		name = ac_xasprintf("%s.epub", b->slug);
		if (ac_write_atomic(o->out_dir, name, epub.ptr, epub.len) != 0) {
			ac_error(&d, o->out_dir, 0, "cannot write %s: %s", name, strerror(errno));
			status = AC_EXIT_IO;
			goto done;
		}
	}
	if (o->formats & (AC_FORMAT_PDF | AC_FORMAT_TRACE)) {
		progress(o, err, "laying out the handbook");
		ac_handbook_resources hr = {print, fonts_dir, AC_HYPHEN_DICT, o->page_size,
					    "autochitect " AC_VERSION};
		bool want_trace = o->formats & AC_FORMAT_TRACE;
		if (ac_handbook_write(b, &hr, &pdf, want_trace ? &trace : NULL, &d) != 0) {
			status = d.errors ? AC_EXIT_BOOK : AC_EXIT_IO;
			goto done;
		}
		if (o->formats & AC_FORMAT_PDF) {
			char *pname = ac_xasprintf("%s.pdf", b->slug);
			int wrc = ac_write_atomic(o->out_dir, pname, pdf.ptr, pdf.len);
			if (wrc != 0)
				ac_error(&d, o->out_dir, 0, "cannot write %s: %s", pname, strerror(errno));
			free(pname);
			if (wrc != 0) {
				status = AC_EXIT_IO;
				goto done;
			}
		}
		if (want_trace) {
			char *tname = ac_xasprintf("%s.trace", b->slug);
			int wrc = ac_write_atomic(o->out_dir, tname, trace.ptr, trace.len);
			free(tname);
			if (wrc != 0) {
				status = AC_EXIT_IO;
				goto done;
			}
		}
	}
	progress(o, err, "");
	if (o->verbosity > 1)
		fprintf(err, "%s: %zu articles, EPUB %zu bytes, PDF %zu bytes, %.3f s\n", o->out_dir,
			b->nseq, epub.len, pdf.len, now_seconds() - t0);
done:
	if (o->verbosity > 0 && isatty(fileno(err)))
		fputs("\r\033[K", err);
	ac_book_free(b);
	ac_buf_free(&cover);
	ac_buf_free(&epub);
	ac_buf_free(&pdf);
	ac_buf_free(&trace);
	free(print);
	free(fonts_dir);
	free(css);
	free(name);
	return finish(&d, o, err, status);
}
