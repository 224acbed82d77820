/* yaml.c - libyaml document helpers: loading, scalars, mappings, string lists. */
#include "yaml.h"

#include "../base/buf.h"

#include <string.h>
#include <strings.h>

int ac_yaml_load(const char *text, size_t len, const char *path, int line_offset,
		 ac_diags *d, yaml_document_t *doc)
{
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
	*count = 0;
	if (n->type == YAML_SCALAR_NODE) {
		char **out = ac_xmalloc(sizeof *out);
		out[0] = ac_xstrdup(ac_yaml_scalar(n));
		*count = 1;
		return out;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		ac_error(d, path, ac_yaml_line(n, line_offset),
			 "'%s' must be a list of strings", key);
		return NULL;
	}
	size_t max = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	char **out = ac_xcalloc(max + 1, sizeof *out);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(doc, *it);
		const char *s = ac_yaml_scalar(item);
		if (!s) {
			ac_error(d, path, ac_yaml_line(item ? item : n, line_offset),
				 "'%s' must be a list of strings", key);
			continue;
		}
		out[(*count)++] = ac_xstrdup(s);
	}
	return out;
}
