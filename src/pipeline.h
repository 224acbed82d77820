/* pipeline.h - each command's whole flow, from the book folder to the outputs. */
#ifndef AC_PIPELINE_H
#define AC_PIPELINE_H

#include <stdbool.h>
#include <stdio.h>

enum { AC_FORMAT_EPUB = 1, AC_FORMAT_PDF = 2, AC_FORMAT_TRACE = 4 };

/* Exit statuses (SPEC §3). */
enum { AC_EXIT_OK = 0, AC_EXIT_BOOK = 1, AC_EXIT_USAGE = 2, AC_EXIT_IO = 3 };

typedef struct {
	const char *book_dir;   /* default "book" */
	const char *out_dir;    /* default "out" */
	const char *data_dir;   /* holds styles/ and fonts/ */
	unsigned formats;       /* AC_FORMAT_* bits */
	int order;              /* -1: book.yml; else ac_order */
	bool reverse;
	bool drafts;
	const char *theme;      /* NULL: book.yml */
	const char *page_size;  /* NULL: theme */
	int verbosity;          /* 0 quiet, 1 normal, 2 verbose */
	bool color;             /* colour in diagnostics */
	long long epoch;        /* SOURCE_DATE_EPOCH, or -1 when unset */
} ac_options;

/* Each returns an exit status and prints diagnostics to err. */
int ac_cmd_list(const ac_options *o, FILE *out, FILE *err);
int ac_cmd_check(const ac_options *o, FILE *err);
int ac_cmd_build(const ac_options *o, FILE *err);
/* Builds EPUB and PDF with the version set to version and writes
 * NAME-VERSION.epub, NAME-VERSION.pdf and SHA256SUMS; an existing artifact of
 * that version is kept (exit 2) unless force. */
int ac_cmd_release(const ac_options *o, const char *version, bool force, FILE *err);
/* True for a release version: digits and dots (1.0, 2.3.1), optionally with a
 * pre-release or build suffix (1.0.0-rc.1, 1.2+build.5). */
bool ac_valid_version(const char *v);

/* Where styles/ and fonts/ are: beside an installed binary
 * (BIN/../share/autochitect) or the source tree it was built from. */
char *ac_find_data_dir(void);

#endif
