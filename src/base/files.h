/* files.h - bounded file reading, atomic writes, path checks, hashing. */
#ifndef AC_FILES_H
#define AC_FILES_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Reads the whole file at path into out (NUL-terminated). Returns 0, or -1 with
 * errno set; a file larger than max_size fails with EFBIG. */
int ac_read_file(const char *path, size_t max_size, ac_buf *out);

/* Writes data to dir/name atomically: a temporary file in dir, fsync, rename.
 * On failure nothing is left behind and the old file (if any) is untouched.
 * Returns 0, or -1 with errno set. */
int ac_write_atomic(const char *dir, const char *name, const void *data, size_t len);

/* Creates dir (one level) if missing. Returns 0 or -1 with errno set. */
int ac_ensure_dir(const char *dir);

/* Joins two path parts with one '/'; caller frees. */
char *ac_path_join(const char *a, const char *b);

/* Resolves rel against base_dir and checks that the real path (symlinks and
 * "..") lies inside root_real. Returns the real path (caller frees) or NULL. */
char *ac_path_inside(const char *root_real, const char *base_dir, const char *rel);

bool ac_is_regular_file(const char *path);
bool ac_is_dir(const char *path);

/* SHA-256 of data as 64 lower-case hex digits plus NUL. */
void ac_sha256_hex(const void *data, size_t len, char out[65]);

/* A name-based (version 5) UUID of name in the URL namespace, as text. */
void ac_uuid5(const char *name, char out[37]);

#endif
