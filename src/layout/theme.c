/* theme.c - reads the print theme (YAML) into page geometry, fonts and sizes. */
#include "theme.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "../book/yaml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	ac_theme *t;
	yaml_document_t *doc;
	const char *path;
	ac_diags *d;
	const char *page_size;
} ctx;

/* Parses "12", "12pt", "20mm", "0.8in", "1.2em" into points. */
static int length(const ctx *c, yaml_node_t *n, double *out)
{
	const char *s = ac_yaml_scalar(n);
	char *end = NULL;
	double v = s ? strtod(s, &end) : 0;
	if (!s || end == s || v < 0 || v > 5000) {
		ac_error(c->d, c->path, ac_yaml_line(n, 0), "expected a length such as 12pt or 20mm");
		return -1;
	}
	while (*end == ' ')
		end++;
	if (!*end || !strcmp(end, "pt"))
		*out = v;
	else if (!strcmp(end, "mm"))
		*out = v * 72.0 / 25.4;
	else if (!strcmp(end, "in"))
		*out = v * 72.0;
	else if (!strcmp(end, "em"))
		*out = v * (c->t->body > 0 ? c->t->body : 10);
	else {
		ac_error(c->d, c->path, ac_yaml_line(n, 0), "unknown unit '%s' (use pt, mm, in or em)", end);
		return -1;
	}
	return 0;
}

static int colour(const ctx *c, yaml_node_t *n, ac_rgb *out)
{
	const char *s = ac_yaml_scalar(n);
	unsigned v;
	if (!s || strlen(s) != 7 || s[0] != '#' || sscanf(s + 1, "%6x", &v) != 1) {
		ac_error(c->d, c->path, ac_yaml_line(n, 0), "expected a colour written #rrggbb");
		return -1;
	}
	out->r = ((v >> 16) & 0xff) / 255.0;
	out->g = ((v >> 8) & 0xff) / 255.0;
	out->b = (v & 0xff) / 255.0;
	return 0;
}

static yaml_node_t *get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = ac_yaml_scalar(yaml_document_get_node(doc, p->key));
		if (k && !strcmp(k, key))
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static void face(ctx *c, yaml_node_t *group, const char *key, ac_face_role role)
{
	yaml_node_t *n = get(c->doc, group, key);
	if (!n)
		return;
	const char *s = ac_yaml_scalar(n);
	if (!s || strchr(s, '/') || s[0] == '.') {
		ac_error(c->d, c->path, ac_yaml_line(n, 0), "a font is a file name in fonts/");
		return;
	}
	free(c->t->faces[role]);
	c->t->faces[role] = ac_xstrdup(s);
}

static void sizes(ctx *c, yaml_node_t *m)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{"body", offsetof(ac_theme, body)},
		{"leading", offsetof(ac_theme, leading)},
		{"code", offsetof(ac_theme, code)},
		{"code-leading", offsetof(ac_theme, code_leading)},
		{"small", offsetof(ac_theme, small)},
		{"small-leading", offsetof(ac_theme, small_leading)},
		{"h1", offsetof(ac_theme, h1)},
		{"h2", offsetof(ac_theme, h2)},
		{"h3", offsetof(ac_theme, h3)},
		{"h4", offsetof(ac_theme, h4)},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		yaml_node_t *n = get(c->doc, m, keys[i].key);
		if (n)
			length(c, n, (double *)((char *)c->t + keys[i].off));
	}
}

const char *const ac_alert_names[AC_ALERT_COUNT] = {"note", "tip", "important", "warning",
						     "caution"};

static ac_rgb rgb_of(unsigned hex)
{
	return (ac_rgb){(float)(hex >> 16 & 0xff) / 255.0f, (float)(hex >> 8 & 0xff) / 255.0f,
			(float)(hex & 0xff) / 255.0f};
}

static void defaults(ac_theme *t)
{
	memset(t, 0, sizeof *t);
	t->body = 10.5;
	t->leading = 14;
	t->code = 8.5;
	t->code_leading = 11;
	t->small = 8.8;
	t->small_leading = 11.5;
	t->h1 = 24;
	t->h2 = 14;
	t->h3 = 12;
	t->h4 = 10.5;
	t->indent = 13;
	t->space_before_heading = 12;
	t->space_after_heading = 5;
	t->space_between = 6;
	t->text = (ac_rgb){0.1, 0.1, 0.1};
	t->heading = t->text;
	t->link = (ac_rgb){0.12, 0.3, 0.47};
	t->rule = (ac_rgb){0.6, 0.6, 0.6};
	t->code_bg = (ac_rgb){0.95, 0.95, 0.93};
	t->muted = (ac_rgb){0.35, 0.35, 0.35};
	/* GitHub's, each at least 4.8:1 against white. */
	t->alert[AC_ALERT_NOTE] = rgb_of(0x0969da);
	t->alert[AC_ALERT_TIP] = rgb_of(0x1a7f37);
	t->alert[AC_ALERT_IMPORTANT] = rgb_of(0x8250df);
	t->alert[AC_ALERT_WARNING] = rgb_of(0x9a6700);
	t->alert[AC_ALERT_CAUTION] = rgb_of(0xd1242f);
	t->code_highlight = true; /* tok[]: set once the text colour is known */
}

/* code-colours: {keyword: "#rrggbb", ...}, keyed by the token class names of
 * src/highlight/highlight.h; classes left out keep the text colour. */
static void code_colours(ctx *c, yaml_node_t *map)
{
	if (!map)
		return;
	if (map->type != YAML_MAPPING_NODE) {
		ac_error(c->d, c->path, ac_yaml_line(map, 0), "'code-colours' must map token classes to colours");
		return;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		const char *name = ac_yaml_scalar(k);
		char cls[64];
		snprintf(cls, sizeof cls, "tok-%s", name ? name : "");
		ac_tok tok = ac_tok_from_class(cls);
		if (tok == AC_TOK_NONE) {
			ac_warn(c->d, c->path, ac_yaml_line(k, 0), "'%s' is not a token class; ignored", name ? name : "");
			continue;
		}
		colour(c, yaml_document_get_node(c->doc, p->value), &c->t->tok[tok]);
	}
}

int ac_theme_load(ac_theme *t, const char *path, const char *page_size, ac_diags *d)
{
	defaults(t);
	ac_buf text = AC_BUF_INIT;
	yaml_document_t doc;
	size_t before = d->errors;
	if (ac_read_file(path, 1 << 20, &text) != 0) {
		ac_error(d, path, 0, "cannot read the print theme: %s", strerror(errno));
		ac_buf_free(&text);
		return -1;
	}
	if (ac_yaml_load(text.ptr, text.len, path, 0, d, &doc) != 0) {
		ac_buf_free(&text);
		return -1;
	}
	ctx c = {t, &doc, path, d, page_size};
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	yaml_node_t *sz = get(&doc, root, "sizes");
	/* Sizes first: em lengths elsewhere depend on the body size. */
	if (sz)
		sizes(&c, sz);
	yaml_node_t *page = get(&doc, root, "page");
	const char *size = page_size;
	if (!size)
		size = ac_yaml_scalar(get(&doc, page, "size"));
	if (!size)
		size = "a4";
	t->page_size = ac_xstrdup(size);
	if (!strcmp(size, "a4")) {
		t->page_w = 595.276;
		t->page_h = 841.89;
	} else if (!strcmp(size, "letter")) {
		t->page_w = 612;
		t->page_h = 792;
	} else if (!strcmp(size, "6x9")) {
		t->page_w = 432;
		t->page_h = 648;
	} else {
		ac_error(d, path, 1, "page size '%s' is not a4, letter or 6x9", size);
	}
	yaml_node_t *m = get(&doc, get(&doc, page, "margins"), size);
	t->top = t->bottom = t->inner = t->outer = 54;
	if (m) {
		yaml_node_t *n;
		if ((n = get(&doc, m, "top")))
			length(&c, n, &t->top);
		if ((n = get(&doc, m, "bottom")))
			length(&c, n, &t->bottom);
		if ((n = get(&doc, m, "inner")))
			length(&c, n, &t->inner);
		if ((n = get(&doc, m, "outer")))
			length(&c, n, &t->outer);
	}
	yaml_node_t *fonts = get(&doc, root, "fonts");
	yaml_node_t *body = get(&doc, fonts, "body"), *head = get(&doc, fonts, "heading"),
		    *mono = get(&doc, fonts, "mono");
	face(&c, body, "regular", AC_FACE_BODY);
	face(&c, body, "bold", AC_FACE_BODY_BOLD);
	face(&c, body, "italic", AC_FACE_BODY_ITALIC);
	face(&c, body, "bold-italic", AC_FACE_BODY_BOLD_ITALIC);
	face(&c, head, "regular", AC_FACE_HEADING);
	face(&c, head, "bold", AC_FACE_HEADING_BOLD);
	face(&c, mono, "regular", AC_FACE_MONO);
	face(&c, mono, "bold", AC_FACE_MONO_BOLD);
	face(&c, mono, "italic", AC_FACE_MONO_ITALIC);
	if (!t->faces[AC_FACE_MONO_ITALIC] && t->faces[AC_FACE_MONO])
		t->faces[AC_FACE_MONO_ITALIC] = ac_xstrdup(t->faces[AC_FACE_MONO]);
	for (int i = 0; i < AC_FACE_COUNT; i++)
		if (!t->faces[i])
			ac_error(d, path, 1, "the theme names no font for role %d", i);
	yaml_node_t *fb = get(&doc, fonts, "fallback");
	if (fb) {
		size_t n = 0;
		char **list = ac_yaml_strings(&doc, fb, path, 0, "fallback", d, &n);
		for (size_t i = 0; i < n; i++) {
			if ((int)i < AC_MAX_FALLBACKS)
				t->fallbacks[t->nfallbacks++] = list[i];
			else
				free(list[i]);
		}
		free(list);
	}
	yaml_node_t *para = get(&doc, root, "paragraph");
	yaml_node_t *n;
	if ((n = get(&doc, para, "indent")))
		length(&c, n, &t->indent);
	if ((n = get(&doc, para, "space-before-heading")))
		length(&c, n, &t->space_before_heading);
	if ((n = get(&doc, para, "space-after-heading")))
		length(&c, n, &t->space_after_heading);
	if ((n = get(&doc, para, "space-between-blocks")))
		length(&c, n, &t->space_between);
	yaml_node_t *col = get(&doc, root, "colours");
	if ((n = get(&doc, col, "text")))
		colour(&c, n, &t->text);
	if ((n = get(&doc, col, "heading")))
		colour(&c, n, &t->heading);
	if ((n = get(&doc, col, "link")))
		colour(&c, n, &t->link);
	if ((n = get(&doc, col, "rule")))
		colour(&c, n, &t->rule);
	if ((n = get(&doc, col, "code-background")))
		colour(&c, n, &t->code_bg);
	if ((n = get(&doc, col, "muted")))
		colour(&c, n, &t->muted);
	for (int k = 0; k < AC_ALERT_COUNT; k++) {
		char key[32];
		snprintf(key, sizeof key, "alert-%s", ac_alert_names[k]);
		if ((n = get(&doc, col, key)))
			colour(&c, n, &t->alert[k]);
	}
	for (int k = 0; k < AC_TOK_COUNT; k++)
		t->tok[k] = t->text;
	t->tok[AC_TOK_PROMPT] = t->muted;
	code_colours(&c, get(&doc, root, "code-colours"));
	if ((n = get(&doc, root, "code-highlight"))) {
		int on = ac_yaml_bool(n);
		if (on < 0)
			ac_error(d, path, ac_yaml_line(n, 0), "'code-highlight' must be true or false");
		else
			t->code_highlight = on;
	}
	if (t->page_w - t->inner - t->outer < 144 || t->page_h - t->top - t->bottom < 144)
		ac_error(d, path, 1, "the margins leave less than 2 inches for the text");
	yaml_document_delete(&doc);
	ac_buf_free(&text);
	return d->errors > before ? -1 : 0;
}

void ac_theme_free(ac_theme *t)
{
	free(t->page_size);
	for (int i = 0; i < AC_FACE_COUNT; i++)
		free(t->faces[i]);
	for (int i = 0; i < t->nfallbacks; i++)
		free(t->fallbacks[i]);
	memset(t, 0, sizeof *t);
}
