/* book.h - the book model: metadata, articles in book order, parts. */
#ifndef AC_BOOK_H
#define AC_BOOK_H

#include "../base/diag.h"
#include "../base/strmap.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { AC_ORDER_DATE, AC_ORDER_TOPIC } ac_order;

/* An image an article refers to, resolved inside the book folder. */
typedef struct {
	char *book_path; /* relative to the book folder, e.g. "images/raft.svg" */
	char *real_path; /* absolute, symlinks resolved */
	const char *media_type;
	int line; /* of the first reference, for diagnostics */
} ac_image;

/* A heading inside an article, as the navigation and the outline need it. */
typedef struct {
	int level; /* 2 = "##" */
	char *id;  /* unique within the book */
	char *text;
} ac_heading;

typedef struct ac_article {
	char *path; /* as shown in diagnostics: BOOK/articles/NAME.md */
	char *file; /* NAME.md */
	char *slug;
	char *title;
	char *date; /* YYYY-MM-DD */
	char **tags;
	size_t ntags;
	/* The back-of-book index's terms found in this article, as written
	 * ("Primary!secondary|matched text"), and the line of each. */
	char **index;
	int *index_lines;
	size_t nindex;
	char *topic;
	char *summary;
	bool draft;
	int title_line; /* line of the "title:" key, for diagnostics */
	int slug_line;  /* line of the "slug:" key, or 1 when the slug is the file name's */
	char *body;     /* Markdown after the front matter; owned */
	int body_line;  /* file line on which body starts */

	/* Filled by the doc stage. */
	xmlDocPtr doc; /* <article xmlns="http://www.w3.org/1999/xhtml"> … */
	ac_heading *headings;
	size_t nheadings;
	ac_strmap anchors; /* the author's anchor names → book-unique ids */
	ac_image *images;
	size_t nimages;
	bool has_svg;
	bool has_footnotes;
} ac_article;

typedef struct {
	char *name;
	char *slug; /* "part-N", for file names and ids */
	ac_article **articles;
	size_t count;
} ac_part;

typedef struct {
	bool drafts;
	bool reverse;
	int order; /* -1: as book.yml says; else an ac_order */
	/* A book without articles is an error (build, release, check), else
	 * a warning (list). */
	bool need_articles;
} ac_load_opts;

typedef struct ac_book {
	char *dir;       /* as given */
	char *root_real; /* realpath of dir */
	char *yml_path;
	char *title;
	char *subtitle;
	int title_line, subtitle_line, author_line, language_line; /* lines of their book.yml keys */
	char **authors;
	size_t nauthors;
	char *language;
	char *publisher;
	char *rights;
	char *identifier;
	char *slug;
	char *version;
	char *theme;
	bool plain_code; /* code-highlight: false - no token classes in either edition */
	bool open_any;	 /* chapters-open: any - a chapter opens on the next page, left or right */
	ac_order order;
	char **topics;
	size_t ntopics;

	ac_article *articles; /* every article loaded, drafts only with opts.drafts */
	size_t narticles;
	ac_article **seq; /* book order */
	size_t nseq;
	ac_part *parts; /* when ordering by topic; else none */
	size_t nparts;
	long long epoch; /* timestamp for outputs (SOURCE_DATE_EPOCH or newest date) */
} ac_book;

/* Loads book.yml and every article, validates them and orders them. Problems go
 * to d; returns NULL only when nothing could be read at all (d says why). */
ac_book *ac_book_load(const char *dir, const ac_load_opts *opts, ac_diags *d);
void ac_book_free(ac_book *b);

/* Orders b->articles into b->seq (and b->parts for topic order). */
void ac_book_order(ac_book *b, ac_order order, bool reverse);

/* Looks an article up by its file name ("raft.md"); borrowed. */
ac_article *ac_book_article_by_file(const ac_book *b, const char *file);
/* Looks an article up by its file name less the extension ("raft"), of
 * len bytes; borrowed. */
ac_article *ac_book_article_by_stem(const ac_book *b, const char *stem, size_t len);

/* The length of name's Markdown extension, or 0: ".md", and the others
 * Jekyll and GitHub read as Markdown: ".markdown", ".mdown", ".mdwn",
 * ".mkdown", ".mkdn", ".mkd". */
size_t ac_markdown_ext(const char *name);

/* Lower-case ASCII slug: letters and digits kept, runs of anything else
 * become one '-', no leading or trailing '-'. Caller frees; may be "". */
char *ac_slugify(const char *text);

/* Checks "YYYY-MM-DD" names a real day; returns days since 1970-01-01 or -1. */
long ac_parse_date(const char *s);

/* "22 May 2026" for "2026-05-22"; caller frees. */
char *ac_long_date(const char *iso);

/* The file name of an article's chapter: "SLUG.xhtml"; caller frees. */
char *ac_chapter_file(const ac_article *a);

#endif
