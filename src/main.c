/* main.c - the command line: parse options, run the command, map its status. */
#include "base/buf.h"
#include "book/book.h"
#include "doc/doc.h"
#include "highlight/highlight.h"
#include "newbook.h"
#include "pipeline.h"

#include <libxml/parser.h>

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"usage: autochitect build   [BOOK] [-o DIR] [-f epub,pdf,trace] [--order date|topic] [--reverse]\n"
	"                           [--theme NAME] [--page-size a4|letter|6x9] [--drafts] [-q] [-v]\n"
	"       autochitect check   [BOOK]                 validate only, write nothing\n"
	"       autochitect list    [BOOK] [--order date|topic] [--reverse] [--drafts]\n"
	"       autochitect release [BOOK] --version V [-o DIR] [--force]\n"
	"       autochitect new     [DIR]                  scaffold a book folder that builds clean\n"
	"       autochitect --help | --version\n"
	"\n"
	"BOOK defaults to ./book and DIR to ./out (for new: ./book, which must be new\n"
	"or empty). Diagnostics: PATH:LINE: error|warning: message, then a line\n"
	"counting them; a file's warnings of one kind after the third are summed up\n"
	"in one line (-v prints every one; -q prints errors only).\n"
	"Exit status: 0 success, 1 the book has errors, 2 wrong usage, 3 an I/O or\n"
	"internal failure.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("autochitect: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'autochitect --help'.\n", stderr);
	return AC_EXIT_USAGE;
}

static int parse_formats(const char *s, unsigned *out)
{
	*out = 0;
	char *copy = ac_xstrdup(s), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "epub"))
			*out |= AC_FORMAT_EPUB;
		else if (!strcmp(t, "pdf"))
			*out |= AC_FORMAT_PDF;
		else if (!strcmp(t, "trace"))
			*out |= AC_FORMAT_TRACE;
		else
			rc = -1;
	}
	free(copy);
	return rc == 0 && *out ? 0 : -1;
}

/* SOURCE_DATE_EPOCH: unset -> -1; digits -> value; anything else -> -2. */
static long long source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s)
		return -1;
	if (!*s || strlen(s) > 12)
		return -2;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -2;
	return strtoll(s, NULL, 10);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage_text, stdout);
		return AC_EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("autochitect %s\n", AC_VERSION);
		return AC_EXIT_OK;
	}
	bool is_build = !strcmp(cmd, "build"), is_check = !strcmp(cmd, "check"),
	     is_list = !strcmp(cmd, "list"), is_release = !strcmp(cmd, "release"),
	     is_new = !strcmp(cmd, "new");
	if (!is_build && !is_check && !is_list && !is_release && !is_new)
		return usage_error("unknown command '%s'", cmd);

	ac_options o = {0};
	o.book_dir = "book";
	o.out_dir = "out";
	o.formats = AC_FORMAT_EPUB | AC_FORMAT_PDF;
	o.order = -1;
	o.verbosity = 1;
	o.color = isatty(STDERR_FILENO) && !getenv("NO_COLOR");
	const char *version = NULL;

	bool force = false;
	bool book_option = false; /* an option about building, which `new` refuses */
	enum { OPT_ORDER = 256, OPT_REVERSE, OPT_THEME, OPT_PAGE, OPT_DRAFTS, OPT_VERSION, OPT_FORCE };
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'},
		{"formats", required_argument, NULL, 'f'},
		{"order", required_argument, NULL, OPT_ORDER},
		{"reverse", no_argument, NULL, OPT_REVERSE},
		{"theme", required_argument, NULL, OPT_THEME},
		{"page-size", required_argument, NULL, OPT_PAGE},
		{"drafts", no_argument, NULL, OPT_DRAFTS},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"version", required_argument, NULL, OPT_VERSION},
		{"force", no_argument, NULL, OPT_FORCE},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	opterr = 0;
	optind = 2;
	int c;
	while ((c = getopt_long(argc, argv, ":o:f:qvh", longs, NULL)) != -1) {
		if (c != 'q' && c != 'v' && c != 'h' && c != ':' && c != '?')
			book_option = true;
		switch (c) {
		case 'o':
			o.out_dir = optarg;
			break;
		case 'f':
			if (parse_formats(optarg, &o.formats) != 0)
				return usage_error("-f takes epub, pdf or epub,pdf, not '%s'", optarg);
			break;
		case OPT_ORDER:
			if (!strcmp(optarg, "date"))
				o.order = AC_ORDER_DATE;
			else if (!strcmp(optarg, "topic"))
				o.order = AC_ORDER_TOPIC;
			else
				return usage_error("--order takes date or topic, not '%s'", optarg);
			break;
		case OPT_REVERSE:
			o.reverse = true;
			break;
		case OPT_THEME:
			o.theme = optarg;
			break;
		case OPT_PAGE:
			if (strcmp(optarg, "a4") && strcmp(optarg, "letter") && strcmp(optarg, "6x9"))
				return usage_error("--page-size takes a4, letter or 6x9, not '%s'", optarg);
			o.page_size = optarg;
			break;
		case OPT_DRAFTS:
			o.drafts = true;
			break;
		case 'q':
			o.verbosity = 0;
			break;
		case 'v':
			o.verbosity = 2;
			break;
		case OPT_VERSION:
			version = optarg;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return AC_EXIT_OK;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		o.book_dir = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (is_new && book_option)
		return usage_error("%s", "new takes a folder and -q only");
	if (version && !is_release)
		return usage_error("%s", "--version V belongs to the release command");
	o.epoch = source_date_epoch();
	if (o.epoch == -2)
		return usage_error("%s", "SOURCE_DATE_EPOCH must be a number of seconds since 1970");
	if (force && !is_release)
		return usage_error("%s", "--force belongs to the release command");
	if (is_release && !version)
		return usage_error("%s", "release needs --version V, for example --version 1.0.0");
	if (is_release && !ac_valid_version(version))
		return usage_error("'%s' is not a release version such as 1.0, 1.2.3 or 2.0.0-rc.1",
				   version);

	/* Zip entries carry DOS times, which are local times: pin the zone so that
	 * the same SOURCE_DATE_EPOCH gives the same bytes everywhere. */
	setenv("TZ", "UTC0", 1);
	tzset();
	/* libxml2 set up once, before any thread uses it. */
	ac_doc_setup();
	char *data = ac_find_data_dir();
	o.data_dir = data;
	ac_highlight_setup(data);
	int status;
	if (is_new)
		status = ac_cmd_new(data, o.book_dir, o.verbosity == 0, stderr);
	else if (is_list)
		status = ac_cmd_list(&o, stdout, stderr);
	else if (is_check)
		status = ac_cmd_check(&o, stderr);
	else if (is_release)
		status = ac_cmd_release(&o, version, force, stderr);
	else
		status = ac_cmd_build(&o, stderr);
	ac_highlight_cleanup();
	free(data);
	xmlCleanupParser();
	if (fflush(stdout) != 0 && status == AC_EXIT_OK)
		status = AC_EXIT_IO;
	return status;
}
