/* yaml.h - small helpers over libyaml's document API with line-aware errors. */
#ifndef AC_YAML_H
#define AC_YAML_H

#include "../base/diag.h"

#include <yaml.h>
#include <stdbool.h>

/* Parses text as one YAML document. Lines in diagnostics are offset by
 * line_offset (the file line of the text's first line, minus one).
 * Returns 0 and fills doc (release with yaml_document_delete), or -1 after
 * reporting the syntax error. */
int ac_yaml_load(const char *text, size_t len, const char *path, int line_offset,
		 ac_diags *d, yaml_document_t *doc);

/* The file line (1-based) of a node. */
int ac_yaml_line(const yaml_node_t *n, int line_offset);

/* The text of a scalar node, or NULL if n is not a scalar; borrowed. */
const char *ac_yaml_scalar(const yaml_node_t *n);

/* Reads a scalar node as a boolean (true/false/yes/no); -1 if it is not one. */
int ac_yaml_bool(const yaml_node_t *n);

/* Walks a mapping: calls fn for each key once; reports duplicate and
 * non-scalar keys as errors. */
typedef void (*ac_yaml_pair_fn)(void *ctx, const char *key, yaml_node_t *value);
void ac_yaml_each_pair(yaml_document_t *doc, yaml_node_t *map, const char *path,
		       int line_offset, ac_diags *d, ac_yaml_pair_fn fn, void *ctx);

/* Reads a string list (a sequence of scalars, or one scalar) into a new
 * array of owned strings; reports anything else as an error. */
char **ac_yaml_strings(yaml_document_t *doc, yaml_node_t *n, const char *path,
		       int line_offset, const char *key, ac_diags *d, size_t *count);
/* The same, and when lines is not NULL a new array of each string's line. */
char **ac_yaml_strings_at(yaml_document_t *doc, yaml_node_t *n, const char *path,
			  int line_offset, const char *key, ac_diags *d, size_t *count,
			  int **lines);

#endif
