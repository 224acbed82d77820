/* files.h - bounded file reading, atomic writes, path checks, hashing. */
#ifndef AC_FILES_H
#define AC_FILES_H

#include "buf.h"
#include "strmap.h"

#include <stdbool.h>
#include <stddef.h>

/* Writes all len bytes of p to fd, through short writes and EINTR. Returns 0,
 * or -1 with errno set. */
int ac_write_all(int fd, const char *p, size_t len);

/* Reads the whole file at path into out (NUL-terminated). Returns 0, or -1 with
 * errno set; a file larger than max_size fails with EFBIG. */
int ac_read_file(const char *path, size_t max_size, ac_buf *out);

/* Writes data to dir/name atomically: an unnamed file in dir (O_TMPFILE, else
 * a named one), fsync, a temporary name ".NAME.tmp-PID-…", rename. On failure
 * nothing is left behind and the old file (if any) is untouched; temporary
 * files for name that a killed run left are removed first. Returns 0, or -1
 * with errno set. */
int ac_write_atomic(const char *dir, const char *name, const void *data, size_t len);

/* Creates dir (one level) if missing. Returns 0 or -1 with errno set. */
int ac_ensure_dir(const char *dir);

/* Joins two path parts with one '/'; caller frees. */
char *ac_path_join(const char *a, const char *b);

/* Resolves rel against base_dir and checks that the real path (symlinks and
 * "..") lies inside root_real. Returns the real path (caller frees) or NULL. */
char *ac_path_inside(const char *root_real, const char *base_dir, const char *rel);

/* The form in which two file names count as one name to readers, to macOS
 * and Windows folders and to the EPUB container (OCF): NFC, case folded, NFC
 * again. A name that is not UTF-8 is its own key. Caller frees. */
char *ac_name_key(const char *name);

/* Notes in seen (keys: ac_name_key) that holder has name. Returns the holder
 * noted earlier for a name that counts as the same, or NULL. */
const char *ac_name_clash(ac_strmap *seen, const char *name, const char *holder);

bool ac_is_regular_file(const char *path);
bool ac_is_dir(const char *path);

/* SHA-256 of data as 64 lower-case hex digits plus NUL. */
void ac_sha256_hex(const void *data, size_t len, char out[65]);

/* A name-based (version 5) UUID of name in the URL namespace, as text. */
void ac_uuid5(const char *name, char out[37]);

#endif
