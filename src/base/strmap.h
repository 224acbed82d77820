/* strmap.h - a string-to-string hash map (open addressing), for ids and anchors. */
#ifndef AC_STRMAP_H
#define AC_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *key;
	char *value;
} ac_strmap_entry;

typedef struct {
	ac_strmap_entry *slots;
	size_t cap, count;
} ac_strmap;

#define AC_STRMAP_INIT {NULL, 0, 0}

/* The value for key (borrowed), or NULL when key is absent. */
const char *ac_strmap_get(const ac_strmap *m, const char *key);
bool ac_strmap_has(const ac_strmap *m, const char *key);
/* Adds key → value (both copied; value may be NULL) unless key is present;
 * returns whether it was added. */
bool ac_strmap_add(ac_strmap *m, const char *key, const char *value);
/* Sets key → value, replacing an existing value. */
void ac_strmap_set(ac_strmap *m, const char *key, const char *value);
void ac_strmap_free(ac_strmap *m);

#endif
