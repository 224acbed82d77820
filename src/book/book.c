/* book.c - reads book.yml and the articles' front matter into the book model. */
#include "book.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "yaml.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ARTICLE_BYTES ((size_t)8 << 20)
#define MAX_BOOK_YML_BYTES ((size_t)1 << 20)
#define MAX_ARTICLES 20000

char *ac_slugify(const char *text)
{
	ac_buf b = AC_BUF_INIT;
	bool dash = false;
	ac_buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (dash && b.len)
				ac_buf_addc(&b, '-');
			dash = false;
			ac_buf_addc(&b, (char)tolower(*p));
		} else if (*p < 0x80 && (isspace(*p) || ispunct(*p))) {
			/* Apostrophes join words: "don't" -> "dont". */
			if (*p != '\'')
				dash = true;
		}
		/* Other (non-ASCII) bytes are dropped. */
	}
	return ac_buf_detach(&b);
}

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

long ac_parse_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10),
	     dd = strtol(s + 8, NULL, 10);
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || dd < 1)
		return -1;
	int lim = mdays[m - 1] + (m == 2 && is_leap(y));
	if (dd > lim)
		return -1;
	/* Days from civil (Howard Hinnant's algorithm). */
	y -= m <= 2;
	long era = y / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

char *ac_chapter_file(const ac_article *a)
{
	return ac_xasprintf("%s.xhtml", a->slug);
}

ac_article *ac_book_article_by_file(const ac_book *b, const char *file)
{
	for (size_t i = 0; i < b->narticles; i++)
		if (!strcmp(b->articles[i].file, file))
			return &b->articles[i];
	return NULL;
}

size_t ac_markdown_ext(const char *name)
{
	static const char *const exts[] = {".md",    ".markdown", ".mdown", ".mdwn",
					   ".mkdown", ".mkdn",	   ".mkd"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t e = strlen(exts[i]);
		if (n > e && !strcmp(name + n - e, exts[i]))
			return e;
	}
	return 0;
}

/* A file of the articles folder that is left out but looks like a text an
 * author meant as an article (MDX, reStructuredText, AsciiDoc, HTML, plain
 * text) is said so; pictures and other files are not articles. */
static void warn_other_text(const char *dir, const char *name, ac_diags *d)
{
	static const char *const texts[] = {".mdx", ".rmd", ".qmd",  ".txt",      ".text", ".rst",
					    ".adoc", ".asciidoc", ".org", ".html", ".htm"};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof texts / sizeof *texts; i++)
		if (!strcasecmp(dot, texts[i])) {
			char *path = ac_path_join(dir, name);
			ac_warn(d, path, 1,
				"left out: articles are Markdown files (.md, .markdown, .mdown, "
				".mdwn, .mkdown, .mkdn, .mkd)");
			free(path);
			return;
		}
}

ac_article *ac_book_article_by_stem(const ac_book *b, const char *stem, size_t len)
{
	for (size_t i = 0; i < b->narticles; i++) {
		const char *f = b->articles[i].file;
		size_t n = strlen(f), e = ac_markdown_ext(f);
		if (n - e == len && !strncmp(f, stem, len))
			return &b->articles[i];
	}
	return NULL;
}

static bool valid_slug(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

/* A BCP 47 tag, loosely: letters 2-8, then subtags of 1-8 letters/digits. */
static bool valid_language(const char *s)
{
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 8)
		return false;
	s += n;
	while (*s) {
		if (*s != '-')
			return false;
		s++;
		n = 0;
		while (isalnum((unsigned char)s[n]))
			n++;
		if (n < 1 || n > 8)
			return false;
		s += n;
	}
	return true;
}

static char *trimmed(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return ac_xstrndup(s, n);
}

/* Reports the first malformed UTF-8 sequence or control byte; returns its line
 * or 0 when the text is clean. */
static int bad_text_line(const char *s, size_t len, const char **what)
{
	int line = 1;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		if (c == '\n') {
			line++;
			p++;
			continue;
		}
		if (c < 0x20 && c != '\t') {
			*what = c == 0 ? "a NUL byte" : "a control character";
			return line;
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		int n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
		if (n < 0 || end - p <= n) {
			*what = "malformed UTF-8";
			return line;
		}
		unsigned cp = c & (0x3f >> n);
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				*what = "malformed UTF-8";
				return line;
			}
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
			*what = "malformed UTF-8";
			return line;
		}
		/* Noncharacters cannot appear in the XHTML the book becomes. */
		if ((cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef)) {
			*what = "a noncharacter (such as U+FFFE), which XML does not allow";
			return line;
		}
		p += n + 1;
	}
	return 0;
}

/* Reads a text file: strips a BOM, turns CRLF and lone CR into LF, checks
 * UTF-8. Returns 0 or -1 after reporting. */
static int read_text(const char *path, size_t max, ac_buf *out, ac_diags *d)
{
	ac_buf raw = AC_BUF_INIT;
	if (ac_read_file(path, max, &raw) != 0) {
		if (errno == EFBIG)
			ac_error(d, path, 1, "file is larger than %zu bytes", max);
		else
			ac_error(d, path, 1, "cannot read: %s", strerror(errno));
		ac_buf_free(&raw);
		return -1;
	}
	const char *s = ac_buf_str(&raw);
	size_t n = raw.len;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	ac_buf_reset(out);
	ac_buf_add(out, "", 0);
	/* CR LF and lone CR become LF; the rest is copied in runs. */
	const char *end = s + n;
	while (s < end) {
		const char *cr = memchr(s, '\r', (size_t)(end - s));
		if (!cr) {
			ac_buf_add(out, s, (size_t)(end - s));
			break;
		}
		ac_buf_add(out, s, (size_t)(cr - s));
		ac_buf_addc(out, '\n');
		s = cr + 1;
		if (s < end && *s == '\n')
			s++;
	}
	ac_buf_free(&raw);
	/* Form feed and vertical tab are white space to CommonMark, but XML
	 * forbids them: they are read as spaces. */
	int ff_line = 0, at = 1;
	for (char *p = out->ptr; p < out->ptr + out->len; p++) {
		if (*p == '\n') {
			at++;
		} else if (*p == '\f' || *p == '\v') {
			*p = ' ';
			if (!ff_line)
				ff_line = at;
		}
	}
	if (ff_line)
		ac_warn(d, path, ff_line, "form feed or vertical tab read as a space");
	const char *what = NULL;
	int line = bad_text_line(out->ptr, out->len, &what);
	if (line) {
		ac_error(d, path, line, "%s; the file must be UTF-8 text", what);
		return -1;
	}
	return 0;
}

/* ---- book.yml ---- */

typedef struct {
	ac_book *b;
	yaml_document_t *doc;
	ac_diags *d;
	bool has_title;
} book_ctx;

static char *req_string(book_ctx *c, const char *key, yaml_node_t *v)
{
	const char *s = ac_yaml_scalar(v);
	if (!s) {
		ac_error(c->d, c->b->yml_path, ac_yaml_line(v, 0), "'%s' must be a string", key);
		return NULL;
	}
	return trimmed(s);
}

static void book_pair(void *ctx, const char *key, yaml_node_t *v)
{
	book_ctx *c = ctx;
	ac_book *b = c->b;
	const char *path = b->yml_path;
	int line = ac_yaml_line(v, 0);
	char **slot = NULL;
	if (!strcmp(key, "title"))
		slot = &b->title;
	else if (!strcmp(key, "subtitle"))
		slot = &b->subtitle;
	else if (!strcmp(key, "language"))
		slot = &b->language;
	else if (!strcmp(key, "publisher"))
		slot = &b->publisher;
	else if (!strcmp(key, "rights"))
		slot = &b->rights;
	else if (!strcmp(key, "identifier"))
		slot = &b->identifier;
	else if (!strcmp(key, "slug"))
		slot = &b->slug;
	else if (!strcmp(key, "version"))
		slot = &b->version;
	else if (!strcmp(key, "theme"))
		slot = &b->theme;
	if (slot) {
		char *s = req_string(c, key, v);
		if (!s)
			return;
		free(*slot);
		*slot = s;
		if (!strcmp(key, "subtitle"))
			b->subtitle_line = line;
		if (!strcmp(key, "language"))
			b->language_line = line;
		if (!strcmp(key, "title")) {
			b->title_line = line;
			if (!*s)
				ac_error(c->d, path, line, "'title' must not be empty");
			c->has_title = true;
		} else if (!strcmp(key, "language") && !valid_language(s)) {
			ac_error(c->d, path, line, "'language' must be a BCP 47 tag such as en or en-GB, not '%s'", s);
		} else if (!strcmp(key, "slug") && !valid_slug(s)) {
			ac_error(c->d, path, line, "'slug' may hold only a-z, 0-9 and '-', not '%s'", s);
		} else if (!strcmp(key, "theme") && (!valid_slug(s))) {
			ac_error(c->d, path, line, "'theme' must name a folder of styles/ (a-z, 0-9, '-')");
		}
		return;
	}
	if (!strcmp(key, "author")) {
		b->author_line = line;
		b->authors = ac_yaml_strings(c->doc, v, path, 0, key, c->d, &b->nauthors);
	} else if (!strcmp(key, "topics")) {
		b->topics = ac_yaml_strings(c->doc, v, path, 0, key, c->d, &b->ntopics);
	} else if (!strcmp(key, "order")) {
		const char *s = ac_yaml_scalar(v);
		if (s && !strcmp(s, "date"))
			b->order = AC_ORDER_DATE;
		else if (s && !strcmp(s, "topic"))
			b->order = AC_ORDER_TOPIC;
		else
			ac_error(c->d, path, line, "'order' must be 'date' or 'topic'");
	} else if (!strcmp(key, "chapters-open")) {
		const char *s = ac_yaml_scalar(v);
		if (s && !strcmp(s, "any"))
			b->open_any = true;
		else if (s && !strcmp(s, "right"))
			b->open_any = false;
		else
			ac_error(c->d, path, line, "'chapters-open' must be 'right' or 'any'");
	} else if (!strcmp(key, "code-highlight")) {
		int on = ac_yaml_bool(v);
		if (on < 0)
			ac_error(c->d, path, line, "'code-highlight' must be true or false");
		else
			b->plain_code = !on;
	} else {
		ac_warn(c->d, path, ac_yaml_line(v, 0), "unknown key '%s' ignored", key);
	}
}

static int load_book_yml(ac_book *b, ac_diags *d)
{
	ac_buf text = AC_BUF_INIT;
	yaml_document_t doc;
	int rc = -1;
	if (read_text(b->yml_path, MAX_BOOK_YML_BYTES, &text, d) != 0)
		goto fail;
	if (ac_yaml_load(text.ptr, text.len, b->yml_path, 0, d, &doc) != 0)
		goto fail;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	book_ctx c = {b, &doc, d, false};
	if (!root || root->type != YAML_MAPPING_NODE) {
		ac_error(d, b->yml_path, 1, "book.yml must be a mapping of keys to values");
	} else {
		ac_yaml_each_pair(&doc, root, b->yml_path, 0, d, book_pair, &c);
		if (!c.has_title)
			ac_error(d, b->yml_path, 1, "missing required key 'title'");
	}
	yaml_document_delete(&doc);
	rc = 0;
fail:
	ac_buf_free(&text);
	return rc;
}

/* ---- articles ---- */

/* "YYYY-MM-DD HH:MM", with optional seconds, fraction and zone ("Z",
 * "+0100", " -05:00"), as Jekyll and Hugo front matter write dates; also
 * with 'T' between day and time. */
static bool is_day_and_time(const char *s)
{
	size_t n = strlen(s);
	if (n < 16 || (s[10] != ' ' && s[10] != 'T'))
		return false;
	const char *p = s + 11;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return false;
	p += 5;
	if (p[0] == ':' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]))
		p += 3;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (*p == ' ')
		p++;
	if (*p == 'Z')
		p++;
	else if (*p == '+' || *p == '-')
		for (p++; isdigit((unsigned char)*p) || *p == ':'; p++)
			;
	return *p == '\0';
}

/* Front matter keys the book does not know, each reported once for the
 * whole book: a blog written for another tool has the same few on every
 * post. */
typedef struct {
	char *key;
	char *path; /* where it was met first */
	int line;
	size_t more; /* how many other files have it */
} unknown_key;

typedef struct {
	unknown_key *items;
	size_t count;
} unknown_keys;

static void unknown_note(unknown_keys *u, const char *key, const char *path, int line)
{
	for (size_t i = 0; i < u->count; i++)
		if (!strcmp(u->items[i].key, key)) {
			u->items[i].more++;
			return;
		}
	u->items = ac_xrealloc(u->items, (u->count + 1) * sizeof *u->items);
	u->items[u->count++] = (unknown_key){ac_xstrdup(key), ac_xstrdup(path), line, 0};
}

static void unknown_report(unknown_keys *u, ac_diags *d)
{
	for (size_t i = 0; i < u->count; i++) {
		unknown_key *k = &u->items[i];
		if (k->more)
			ac_warn(d, k->path, k->line,
				"unknown front matter key '%s' ignored (here and in %zu more file%s)",
				k->key, k->more, k->more == 1 ? "" : "s");
		else
			ac_warn(d, k->path, k->line, "unknown front matter key '%s' ignored", k->key);
		free(k->key);
		free(k->path);
	}
	free(u->items);
	memset(u, 0, sizeof *u);
}

typedef struct {
	ac_article *a;
	yaml_document_t *doc;
	ac_diags *d;
	int off;
	bool has_title, has_date, has_topic, has_slug, has_summary;
	char *description; /* other tools' name for the summary */
	unknown_keys *unknown;
} art_ctx;

static void article_pair(void *ctx, const char *key, yaml_node_t *v)
{
	art_ctx *c = ctx;
	ac_article *a = c->a;
	int line = ac_yaml_line(v, c->off);
	const char *s = ac_yaml_scalar(v);
	/* A plain ~ or null is YAML's null, not the string "null". */
	if (s && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (!strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL") ||
	     !*s))
		s = NULL;
	bool wants_string = !strcmp(key, "title") || !strcmp(key, "date") ||
			    !strcmp(key, "topic") || !strcmp(key, "summary") ||
			    !strcmp(key, "slug") || !strcmp(key, "description");
	if (wants_string && !s) {
		ac_error(c->d, a->path, line, "'%s' must be a string", key);
		return;
	}
	if (!strcmp(key, "title")) {
		free(a->title);
		a->title = trimmed(s);
		a->title_line = line;
		c->has_title = true;
		if (!*a->title)
			ac_error(c->d, a->path, line, "'title' must not be empty");
	} else if (!strcmp(key, "date")) {
		free(a->date);
		a->date = trimmed(s);
		c->has_date = true;
		if (is_day_and_time(a->date)) {
			a->date[10] = '\0'; /* the day is what orders the book */
		} else if (strlen(a->date) > 10 && (a->date[10] == ' ' || a->date[10] == 'T')) {
			/* A real day, then something that is not a time of day
			 * ("2023-01-29 18:30:22 2023 -0800", which Jekyll reads):
			 * the day, said so. */
			char day[11];
			memcpy(day, a->date, 10);
			day[10] = '\0';
			if (ac_parse_date(day) >= 0) {
				ac_warn(c->d, a->path, line,
					"'date' '%s' is read as the day %s: the rest is not a time of day",
					a->date, day);
				a->date[10] = '\0';
			}
		}
		if (ac_parse_date(a->date) < 0)
			ac_error(c->d, a->path, line,
				 "'date' must be a real day written YYYY-MM-DD, not '%s'", a->date);
	} else if (!strcmp(key, "topic")) {
		free(a->topic);
		a->topic = trimmed(s);
		c->has_topic = *a->topic != '\0';
	} else if (!strcmp(key, "summary")) {
		free(a->summary);
		a->summary = trimmed(s);
		c->has_summary = true;
	} else if (!strcmp(key, "description")) {
		/* Jekyll's, Hugo's and Zola's summary. */
		free(c->description);
		c->description = trimmed(s);
	} else if (!strcmp(key, "slug")) {
		free(a->slug);
		a->slug = trimmed(s);
		a->slug_line = line;
		c->has_slug = true;
		if (!valid_slug(a->slug))
			ac_error(c->d, a->path, line, "'slug' may hold only a-z, 0-9 and '-', not '%s'",
				 a->slug);
	} else if (!strcmp(key, "tags")) {
		a->tags = ac_yaml_strings(c->doc, v, a->path, c->off, key, c->d, &a->ntags);
		for (size_t i = 0; i < a->ntags; i++) {
			char *t = trimmed(a->tags[i]);
			free(a->tags[i]);
			a->tags[i] = t;
			if (!*t)
				ac_error(c->d, a->path, line, "a tag must not be empty");
		}
	} else if (!strcmp(key, "index")) {
		a->index = ac_yaml_strings_at(c->doc, v, a->path, c->off, key, c->d, &a->nindex,
					      &a->index_lines);
		for (size_t i = 0; i < a->nindex; i++) {
			char *t = trimmed(a->index[i]);
			free(a->index[i]);
			a->index[i] = t;
		}
	} else if (!strcmp(key, "draft") || !strcmp(key, "published")) {
		/* Jekyll's "published: false" is a draft. */
		int v2 = ac_yaml_bool(v);
		if (v2 < 0)
			ac_error(c->d, a->path, line, "'%s' must be true or false", key);
		else
			a->draft = !strcmp(key, "draft") ? v2 : !v2;
	} else {
		unknown_note(c->unknown, key, a->path, ac_yaml_line(v, c->off));
	}
}

/* Splits "---\nYAML\n---\nBODY"; returns 0 and the YAML span, or -1. */
static int split_front_matter(const char *text, size_t *yaml_len, const char **body,
			      int *body_line)
{
	/* A lone "---" opens front matter that never closes. */
	if (strncmp(text, "---\n", 4) != 0)
		return -1;
	const char *p = text + 4;
	int line = 2;
	const char *start = p;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if ((n == 3 && (!strncmp(p, "---", 3) || !strncmp(p, "...", 3)))) {
			*yaml_len = (size_t)(p - start);
			*body = eol ? eol + 1 : p + n;
			*body_line = line + 1;
			return 0;
		}
		if (!eol)
			break;
		p = eol + 1;
		line++;
	}
	return -1;
}

static void load_article(ac_article *a, unknown_keys *unknown, ac_diags *d)
{
	ac_buf text = AC_BUF_INIT;
	yaml_document_t doc;
	a->title_line = 1;
	if (read_text(a->path, MAX_ARTICLE_BYTES, &text, d) != 0)
		goto done;
	size_t ylen = 0;
	const char *body = NULL;
	if (split_front_matter(ac_buf_str(&text), &ylen, &body, &a->body_line) != 0) {
		ac_error(d, a->path, 1,
			 "missing front matter: the file must start with a '---' line, "
			 "YAML keys, and a closing '---' line");
		goto done;
	}
	a->body = ac_xstrdup(body);
	art_ctx c = {a, &doc, d, 1, false, false, false, false, false, NULL, unknown};
	if (ac_yaml_load(text.ptr + 4, ylen, a->path, 1, d, &doc) != 0)
		goto done;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		ac_error(d, a->path, 2, "front matter must be a mapping of keys to values");
	} else {
		ac_yaml_each_pair(&doc, root, a->path, 1, d, article_pair, &c);
		if (!c.has_title)
			ac_error(d, a->path, 1, "missing required front matter key 'title'");
		if (!c.has_date && !a->date)
			ac_error(d, a->path, 1, "missing required front matter key 'date'");
	}
	yaml_document_delete(&doc);
	if (c.description && !c.has_summary) {
		free(a->summary);
		a->summary = c.description;
		c.description = NULL;
	}
	free(c.description);
	if (!c.has_topic) {
		free(a->topic);
		a->topic = ac_xstrdup(a->ntags ? a->tags[0] : "General");
	}
done:
	if (!a->title)
		a->title = ac_xstrdup(a->file);
	if (!a->date)
		a->date = ac_xstrdup("1970-01-01");
	if (!a->topic)
		a->topic = ac_xstrdup("General");
	if (!a->body)
		a->body = ac_xstrdup("");
	ac_buf_free(&text);
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void free_article(ac_article *a)
{
	free(a->path);
	free(a->file);
	free(a->slug);
	free(a->title);
	free(a->date);
	for (size_t i = 0; i < a->ntags; i++)
		free(a->tags[i]);
	free(a->tags);
	for (size_t i = 0; i < a->nindex; i++)
		free(a->index[i]);
	free(a->index);
	free(a->index_lines);
	free(a->topic);
	free(a->summary);
	free(a->body);
	if (a->doc)
		xmlFreeDoc(a->doc);
	for (size_t i = 0; i < a->nheadings; i++) {
		free(a->headings[i].id);
		free(a->headings[i].text);
	}
	free(a->headings);
	ac_strmap_free(&a->anchors);
	for (size_t i = 0; i < a->nimages; i++) {
		free(a->images[i].book_path);
		free(a->images[i].real_path);
	}
	free(a->images);
}

static void load_articles(ac_book *b, const ac_load_opts *opts, ac_diags *d)
{
	char *dir = ac_path_join(b->dir, "articles");
	char **names = NULL;
	size_t n = 0, cap = 0, drafts = 0;
	/* The folder itself must not lead outside the book (a symbolic link). */
	char *real_dir = ac_path_inside(b->root_real, b->dir, "articles");
	if (!real_dir && ac_is_dir(dir)) {
		ac_error(d, dir, 0, "the articles folder leads outside the book folder");
		goto done;
	}
	free(real_dir);
	DIR *dp = opendir(dir);
	if (!dp) {
		ac_error(d, dir, 0, "cannot open the articles folder: %s", strerror(errno));
		goto done;
	}
	unknown_keys unknown = {0};
	char **dated_slug = NULL; /* per article: the slug with its day, for Jekyll names */
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		if (!ac_markdown_ext(e->d_name)) {
			warn_other_text(dir, e->d_name, d);
			continue;
		}
		if (n == MAX_ARTICLES) {
			ac_error(d, dir, 0, "more than %d articles", MAX_ARTICLES);
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = ac_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = ac_xstrdup(e->d_name);
	}
	closedir(dp);
	/* File-system order is not stable; names are. */
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	b->articles = ac_xcalloc(n, sizeof *b->articles);
	dated_slug = ac_xcalloc(n + 1, sizeof *dated_slug);
	for (size_t i = 0; i < n; i++) {
		ac_article *a = &b->articles[b->narticles];
		memset(a, 0, sizeof *a);
		a->file = names[i];
		a->path = ac_path_join(dir, names[i]);
		char *real = ac_path_inside(b->root_real, dir, names[i]);
		bool outside = !real;
		free(real);
		if (outside) {
			ac_error(d, a->path, 0, "the article is a link to a file outside the book folder");
			free(a->path);
			free(a->file);
			memset(a, 0, sizeof *a);
			continue;
		}
		if (!ac_is_regular_file(a->path)) {
			ac_error(d, a->path, 0, "not a regular file");
			free(a->path);
			free(a->file);
			memset(a, 0, sizeof *a);
			continue;
		}
		char *stem = ac_xstrndup(names[i], strlen(names[i]) - ac_markdown_ext(names[i]));
		/* Jekyll's YYYY-MM-DD-NAME.md: the day and the slug NAME, unless
		 * the front matter says otherwise; the whole name stays at hand
		 * for posts of the same NAME on other days. */
		free(dated_slug[b->narticles]);
		dated_slug[b->narticles] = NULL;
		if (strlen(stem) > 11 && stem[10] == '-') {
			char *day = ac_xstrndup(stem, 10);
			if (ac_parse_date(day) >= 0) {
				a->date = day;
				dated_slug[b->narticles] = ac_slugify(stem);
				memmove(stem, stem + 11, strlen(stem + 11) + 1);
			} else {
				free(day);
			}
		}
		a->slug = ac_slugify(stem);
		if (!*a->slug) {
			/* A name without ASCII letters or digits: a stable slug from
			 * its bytes, different for every such name. */
			char hex[65];
			ac_sha256_hex(stem, strlen(stem), hex);
			free(a->slug);
			a->slug = ac_xasprintf("article-%.8s", hex);
		}
		free(stem);
		load_article(a, &unknown, d);
		if (a->draft && !opts->drafts) {
			drafts++;
			free_article(a);
			memset(a, 0, sizeof *a);
			continue;
		}
		b->narticles++;
	}
	free(names);
	unknown_report(&unknown, d);
	/* File names equal after case folding or Unicode normalisation are one
	 * name to readers and to other systems' folders. */
	bool *same_name = ac_xcalloc(b->narticles + 1, sizeof *same_name);
	ac_strmap keys = AC_STRMAP_INIT;
	for (size_t i = 0; i < b->narticles; i++) {
		const char *other = ac_name_clash(&keys, b->articles[i].file, b->articles[i].path);
		if (other) {
			ac_error(d, b->articles[i].path, 1,
				 "'%s' is the same file name as %s once letter case and Unicode "
				 "normalisation are set aside; rename one of them",
				 b->articles[i].file, other);
			same_name[i] = true;
		}
	}
	ac_strmap_free(&keys);
	/* Posts named alike on different days ("2016-05-09-survey.md",
	 * "2017-06-01-survey.md") keep their day in the slug. */
	bool *alike = ac_xcalloc(b->narticles + 1, sizeof *alike);
	for (size_t i = 0; i < b->narticles; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(b->articles[i].slug, b->articles[j].slug))
				alike[i] = alike[j] = true;
	for (size_t i = 0; i < b->narticles; i++)
		if (alike[i] && dated_slug[i] && !b->articles[i].slug_line) {
			free(b->articles[i].slug);
			b->articles[i].slug = dated_slug[i];
			dated_slug[i] = NULL;
		}
	free(alike);
	for (size_t i = 0; i < n; i++)
		free(dated_slug[i]);
	free(dated_slug);
	dated_slug = NULL;
	/* Slugs name the chapter files and must be unique. */
	for (size_t i = 0; i < b->narticles; i++) {
		if (same_name[i])
			continue;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(b->articles[i].slug, b->articles[j].slug)) {
				ac_error(d, b->articles[i].path,
					 b->articles[i].slug_line ? b->articles[i].slug_line : 1,
					 "slug '%s' is already used by %s", b->articles[i].slug,
					 b->articles[j].path);
				break;
			}
	}
	free(same_name);
	if (!b->narticles) {
		ac_severity sev = opts->need_articles ? AC_ERROR : AC_WARNING;
		if (drafts)
			ac_diag_add(d, sev, dir, 0,
				    "no articles: there is nothing to publish (%zu draft%s left out; "
				    "--drafts includes them)",
				    drafts, drafts == 1 ? " is" : "s are");
		else
			ac_diag_add(d, sev, dir, 0, "no articles: there is nothing to publish");
	}
done:
	free(dir);
}

ac_book *ac_book_load(const char *dir, const ac_load_opts *opts, ac_diags *d)
{
	ac_book *b = ac_xcalloc(1, sizeof *b);
	b->dir = ac_xstrdup(dir);
	b->yml_path = ac_path_join(dir, "book.yml");
	b->root_real = realpath(dir, NULL);
	if (!b->root_real) {
		ac_error(d, dir, 0, "cannot open the book folder: %s", strerror(errno));
		ac_book_free(b);
		return NULL;
	}
	if (!ac_is_regular_file(b->yml_path)) {
		ac_error(d, b->yml_path, 0, "missing book.yml: a book folder needs one");
		ac_book_free(b);
		return NULL;
	}
	char *real_yml = ac_path_inside(b->root_real, dir, "book.yml");
	if (!real_yml) {
		ac_error(d, b->yml_path, 0, "book.yml is a link to a file outside the book folder");
		ac_book_free(b);
		return NULL;
	}
	free(real_yml);
	load_book_yml(b, d);
	if (!b->title)
		b->title = ac_xstrdup("Untitled");
	if (!b->language)
		b->language = ac_xstrdup("en");
	if (!b->theme)
		b->theme = ac_xstrdup("default");
	if (!b->identifier) {
		char uuid[37];
		char *name = ac_xasprintf("autochitect:%s", b->title);
		ac_uuid5(name, uuid);
		free(name);
		b->identifier = ac_xasprintf("urn:uuid:%s", uuid);
	}
	if (!b->slug) {
		b->slug = ac_slugify(b->title);
		if (!*b->slug) {
			free(b->slug);
			b->slug = ac_xstrdup("book");
		}
	}
	load_articles(b, opts, d);
	ac_order order = opts->order >= 0 ? (ac_order)opts->order : b->order;
	ac_book_order(b, order, opts->reverse);
	return b;
}

void ac_book_free(ac_book *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->narticles; i++)
		free_article(&b->articles[i]);
	free(b->articles);
	free(b->seq);
	for (size_t i = 0; i < b->nparts; i++) {
		free(b->parts[i].name);
		free(b->parts[i].slug);
		free(b->parts[i].articles);
	}
	free(b->parts);
	for (size_t i = 0; i < b->nauthors; i++)
		free(b->authors[i]);
	free(b->authors);
	for (size_t i = 0; i < b->ntopics; i++)
		free(b->topics[i]);
	free(b->topics);
	free(b->dir);
	free(b->root_real);
	free(b->yml_path);
	free(b->title);
	free(b->subtitle);
	free(b->language);
	free(b->publisher);
	free(b->rights);
	free(b->identifier);
	free(b->slug);
	free(b->version);
	free(b->theme);
	free(b);
}

char *ac_long_date(const char *iso)
{
	static const char *const months[] = {"January", "February", "March", "April",
					     "May", "June", "July", "August",
					     "September", "October", "November", "December"};
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
	if (m < 1 || m > 12)
		return ac_xstrdup(iso);
	return ac_xasprintf("%d %s %d", d, months[m - 1], y);
}

