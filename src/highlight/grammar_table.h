/* grammar_table.h - the tree-sitter grammars compiled in, generated from grammars/grammars.lock. */
#ifndef AC_GRAMMAR_TABLE_H
#define AC_GRAMMAR_TABLE_H

#include <stddef.h>
#include <tree_sitter/api.h>

typedef struct {
	const char *name;    /* the grammar's name: "rust", "cpp" */
	const char *aliases; /* other fence names, as ",rs," (commas around each) */
	const TSLanguage *(*language)(void);
} ac_grammar;

extern const ac_grammar ac_grammar_table[];
extern const size_t ac_grammar_count;

#endif
