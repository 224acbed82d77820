/* strmap.c - string hash map with linear probing; grows at half load. */
#include "strmap.h"

#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static ac_strmap_entry *find(const ac_strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = hash(key) & (m->cap - 1);
	while (m->slots[i].key) {
		if (!strcmp(m->slots[i].key, key))
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
	return &m->slots[i];
}

static void grow(ac_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	ac_strmap_entry *old = m->slots;
	size_t oldcap = m->cap;
	m->slots = ac_xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key) = old[i];
	free(old);
}

const char *ac_strmap_get(const ac_strmap *m, const char *key)
{
	ac_strmap_entry *e = find(m, key);
	return e && e->key ? e->value : NULL;
}

bool ac_strmap_has(const ac_strmap *m, const char *key)
{
	ac_strmap_entry *e = find(m, key);
	return e && e->key;
}

bool ac_strmap_add(ac_strmap *m, const char *key, const char *value)
{
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	ac_strmap_entry *e = find(m, key);
	if (e->key)
		return false;
	e->key = ac_xstrdup(key);
	e->value = value ? ac_xstrdup(value) : NULL;
	m->count++;
	return true;
}

void ac_strmap_set(ac_strmap *m, const char *key, const char *value)
{
	if (!ac_strmap_add(m, key, value)) {
		ac_strmap_entry *e = find(m, key);
		free(e->value);
		e->value = value ? ac_xstrdup(value) : NULL;
	}
}

void ac_strmap_free(ac_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		free(m->slots[i].value);
	}
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
