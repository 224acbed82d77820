/* vlist.c - the vertical list: push boxes, glue and penalties; free them. */
#include "vlist.h"

#include "../base/buf.h"

#include <stdlib.h>
#include <string.h>

ac_vitem *ac_vlist_push(ac_vlist *v, ac_vkind kind, double height)
{
	if (v->count == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->items = ac_xrealloc(v->items, v->cap * sizeof *v->items);
	}
	ac_vitem *it = &v->items[v->count++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->height = height;
	it->chapter = -1;
	return it;
}

ac_op *ac_vitem_op(ac_vitem *it, ac_op_kind kind)
{
	if (it->nops == it->capops) {
		it->capops = it->capops ? it->capops * 2 : 8;
		it->ops = ac_xrealloc(it->ops, it->capops * sizeof *it->ops);
	}
	ac_op *op = &it->ops[it->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

void ac_vlist_trim(ac_vlist *v, size_t from)
{
	for (size_t i = from; i < v->count; i++) {
		ac_vitem *it = &v->items[i];
		if (it->capops == it->nops)
			continue;
		if (it->nops) {
			it->ops = ac_xrealloc(it->ops, it->nops * sizeof *it->ops);
		} else {
			free(it->ops);
			it->ops = NULL;
		}
		it->capops = it->nops;
	}
}

static void free_ops(ac_vitem *it)
{
	for (size_t k = 0; k < it->nops; k++)
		if (it->ops[k].kind == AC_OP_LINK || it->ops[k].kind == AC_OP_DEST)
			free(it->ops[k].target);
	free(it->ops);
	it->ops = NULL;
	it->nops = it->capops = 0;
}

void ac_vlist_drop_ops(ac_vlist *v, size_t from)
{
	for (size_t i = from; i < v->count; i++)
		free_ops(&v->items[i]);
}

void ac_vlist_free(ac_vlist *v)
{
	for (size_t i = 0; i < v->count; i++) {
		for (size_t k = 0; k < v->items[i].nops; k++)
			if (v->items[i].ops[k].kind == AC_OP_LINK || v->items[i].ops[k].kind == AC_OP_DEST)
				free(v->items[i].ops[k].target);
		free(v->items[i].ops);
	}
	free(v->items);
	memset(v, 0, sizeof *v);
}
