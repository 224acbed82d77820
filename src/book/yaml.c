/* yaml.c - libyaml document helpers: loading, scalars, mappings, string lists. */
#include "yaml.h"

#include "../base/buf.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_YAML_BYTES (64 * 1024)
#define MAX_YAML_NESTING 64

/* libyaml 0.2.5 takes quadratic time on deeply nested flow collections:
 * refuse them, and oversized documents, before it runs. Returns the 1-based
 * line of the problem, or 0. */
static int too_deep(const char *text, size_t len)
{
	int depth = 0, line = 1;
	char quote = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = text[i];
		if (ch == '\n') {
			line++;
			quote = 0;
		} else if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
			while (i + 1 < len && text[i + 1] != '\n')
				i++;
		} else if (ch == '[' || ch == '{') {
			if (++depth > MAX_YAML_NESTING)
				return line;
		} else if ((ch == ']' || ch == '}') && depth > 0) {
			depth--;
		}
	}
	return 0;
}

/* Aliases (*name) repeat a whole anchored value wherever they stand, which
 * lets a few lines stand for billions of values: they are refused, at the
 * first one. Returns its 1-based line (its name in name), or 0; a syntax
 * error ends the scan and is left to the loader to report. */
static int first_alias(const char *text, size_t len, char *name, size_t name_size)
{
	yaml_parser_t parser;
	int line = 0;
	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			break;
		yaml_event_type_t type = ev.type;
		if (type == YAML_ALIAS_EVENT) {
			line = (int)ev.start_mark.line + 1;
			snprintf(name, name_size, "%s", (const char *)ev.data.alias.anchor);
		}
		yaml_event_delete(&ev);
		if (line || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return line;
}

int ac_yaml_load(const char *text, size_t len, const char *path, int line_offset,
		 ac_diags *d, yaml_document_t *doc)
{
	if (len > MAX_YAML_BYTES) {
		ac_error(d, path, line_offset + 1, "YAML larger than %d KiB", MAX_YAML_BYTES / 1024);
		return -1;
	}
	int deep = too_deep(text, len);
	if (deep) {
		ac_error(d, path, line_offset + deep, "YAML nested deeper than %d levels",
			 MAX_YAML_NESTING);
		return -1;
	}
	char alias[64];
	/* An alias needs a '*': most front matter is not parsed twice. */
	int at = memchr(text, '*', len) ? first_alias(text, len, alias, sizeof alias) : 0;
	if (at) {
		ac_error(d, path, line_offset + at,
			 "YAML aliases ('*%s') are not supported: write the value out in full", alias);
		return -1;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		ac_error(d, path, line_offset + 1, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	int rc = 0;
	if (!yaml_parser_load(&parser, doc)) {
		int line = (int)parser.problem_mark.line + 1 + line_offset;
		/* "while parsing X" points at where X began: the line to fix. */
		if (parser.context)
			line = (int)parser.context_mark.line + 1 + line_offset;
		if (parser.context)
			ac_error(d, path, line, "YAML: %s %s", parser.context,
				 parser.problem ? parser.problem : "");
		else
			ac_error(d, path, line, "YAML: %s",
				 parser.problem ? parser.problem : "syntax error");
		rc = -1;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int ac_yaml_line(const yaml_node_t *n, int line_offset)
{
	return (int)n->start_mark.line + 1 + line_offset;
}

const char *ac_yaml_scalar(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

int ac_yaml_bool(const yaml_node_t *n)
{
	const char *s = ac_yaml_scalar(n);
	if (!s)
		return -1;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcasecmp(s, "on"))
		return 1;
	if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcasecmp(s, "off"))
		return 0;
	return -1;
}

void ac_yaml_each_pair(yaml_document_t *doc, yaml_node_t *map, const char *path,
		       int line_offset, ac_diags *d, ac_yaml_pair_fn fn, void *ctx)
{
	yaml_node_pair_t *start = map->data.mapping.pairs.start;
	yaml_node_pair_t *top = map->data.mapping.pairs.top;
	for (yaml_node_pair_t *p = start; p < top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const char *key = ac_yaml_scalar(k);
		if (!key || !v) {
			ac_error(d, path, k ? ac_yaml_line(k, line_offset) : line_offset + 1,
				 "keys must be plain words");
			continue;
		}
		bool dup = false;
		for (yaml_node_pair_t *q = start; q < p; q++) {
			const char *other = ac_yaml_scalar(yaml_document_get_node(doc, q->key));
			if (other && !strcmp(other, key))
				dup = true;
		}
		if (dup) {
			ac_error(d, path, ac_yaml_line(k, line_offset), "duplicate key '%s'", key);
			continue;
		}
		fn(ctx, key, v);
	}
}

char **ac_yaml_strings(yaml_document_t *doc, yaml_node_t *n, const char *path,
		       int line_offset, const char *key, ac_diags *d, size_t *count)
{
	return ac_yaml_strings_at(doc, n, path, line_offset, key, d, count, NULL);
}

char **ac_yaml_strings_at(yaml_document_t *doc, yaml_node_t *n, const char *path,
			  int line_offset, const char *key, ac_diags *d, size_t *count,
			  int **lines)
{
	*count = 0;
	if (lines)
		*lines = NULL;
	if (n->type == YAML_SCALAR_NODE) {
		char **out = ac_xmalloc(sizeof *out);
		out[0] = ac_xstrdup(ac_yaml_scalar(n));
		*count = 1;
		if (lines) {
			*lines = ac_xmalloc(sizeof **lines);
			(*lines)[0] = ac_yaml_line(n, line_offset);
		}
		return out;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		ac_error(d, path, ac_yaml_line(n, line_offset),
			 "'%s' must be a list of strings", key);
		return NULL;
	}
	size_t max = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	char **out = ac_xcalloc(max + 1, sizeof *out);
	if (lines)
		*lines = ac_xcalloc(max + 1, sizeof **lines);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(doc, *it);
		const char *s = ac_yaml_scalar(item);
		if (!s) {
			ac_error(d, path, ac_yaml_line(item ? item : n, line_offset),
				 "'%s' must be a list of strings", key);
			continue;
		}
		if (lines)
			(*lines)[*count] = ac_yaml_line(item, line_offset);
		out[(*count)++] = ac_xstrdup(s);
	}
	return out;
}
