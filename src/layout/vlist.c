/* vlist.c - the vertical list: push boxes, glue and penalties; free them. */
#include "vlist.h"

#include "../base/buf.h"

#include <stdlib.h>
#include <string.h>

static ac_vitem *push(ac_vitem **items, size_t *count, size_t *cap, ac_vkind kind,
		      double height)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*items = ac_xrealloc(*items, *cap * sizeof **items);
	}
	ac_vitem *it = &(*items)[(*count)++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->height = height;
	it->chapter = -1;
	return it;
}

ac_vitem *ac_vlist_push(ac_vlist *v, ac_vkind kind, double height)
{
	ac_vitem *it = push(&v->items, &v->count, &v->cap, kind, height);
	it->sn = v->node;
	return it;
}

ac_vitem *ac_vlist_push_note_item(ac_vlist *v, ac_vkind kind, double height)
{
	ac_vitem *it = push(&v->note_items, &v->nnote_items, &v->capnote_items, kind, height);
	it->sn = v->node;
	return it;
}

ac_snode *ac_vlist_node(ac_vlist *v, const char *type, const char *alt)
{
	if (v->nnodes == v->capnodes) {
		v->capnodes = v->capnodes ? v->capnodes * 2 : 64;
		v->nodes = ac_xrealloc(v->nodes, v->capnodes * sizeof *v->nodes);
	}
	ac_snode *n = ac_xcalloc(1, sizeof *n);
	n->parent = v->node;
	n->type = type;
	n->alt = alt ? ac_xstrdup(alt) : NULL;
	v->nodes[v->nnodes++] = n;
	return n;
}

void ac_vlist_enter(ac_vlist *v, const ac_snode *node)
{
	v->node = node;
}

void ac_vlist_adopt_nodes(ac_vlist *dst, ac_vlist *src)
{
	for (size_t i = 0; i < src->nnodes; i++) {
		if (dst->nnodes == dst->capnodes) {
			dst->capnodes = dst->capnodes ? dst->capnodes * 2 : 64;
			dst->nodes = ac_xrealloc(dst->nodes, dst->capnodes * sizeof *dst->nodes);
		}
		dst->nodes[dst->nnodes++] = src->nodes[i];
	}
	free(src->nodes);
	src->nodes = NULL;
	src->nnodes = src->capnodes = 0;
}

void ac_vlist_leave(ac_vlist *v)
{
	if (v->node)
		v->node = v->node->parent;
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

static void trim(ac_vitem *items, size_t from, size_t count)
{
	for (size_t i = from; i < count; i++) {
		ac_vitem *it = &items[i];
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

void ac_vlist_trim(ac_vlist *v, size_t from)
{
	trim(v->items, from, v->count);
	trim(v->note_items, 0, v->nnote_items);
}

void ac_vlist_shrink(ac_vlist *v)
{
	if (v->count && v->count < v->cap) {
		v->items = ac_xrealloc(v->items, v->count * sizeof *v->items);
		v->cap = v->count;
	}
	if (v->nnote_items && v->nnote_items < v->capnote_items) {
		v->note_items = ac_xrealloc(v->note_items, v->nnote_items * sizeof *v->note_items);
		v->capnote_items = v->nnote_items;
	}
	if (v->nnotes && v->nnotes < v->capnotes) {
		v->notes = ac_xrealloc(v->notes, v->nnotes * sizeof *v->notes);
		v->capnotes = v->nnotes;
	}
}

void ac_vlist_drop_ops(ac_vlist *v, size_t from)
{
	for (size_t i = from; i < v->count; i++)
		free_ops(&v->items[i]);
	for (size_t i = 0; i < v->nnote_items; i++)
		free_ops(&v->note_items[i]);
}

static void free_items(ac_vitem *items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free_ops(&items[i]);
	free(items);
}

void ac_vlist_free(ac_vlist *v)
{
	free_items(v->items, v->count);
	free_items(v->note_items, v->nnote_items);
	free(v->notes);
	for (size_t i = 0; i < v->nnodes; i++) {
		free(v->nodes[i]->alt);
		free(v->nodes[i]);
	}
	free(v->nodes);
	memset(v, 0, sizeof *v);
}
