/* newbook.h - `autochitect new`: scaffold a book folder that builds clean. */
#ifndef AC_NEWBOOK_H
#define AC_NEWBOOK_H

#include <stdbool.h>
#include <stdio.h>

/* Copies data_dir/templates/new into dir, which must not exist (its parent
 * must) or be an empty folder; all or nothing. Messages go to err (the
 * closing one only unless quiet). Returns an exit status: 0, 2 when dir is
 * not empty, is not a folder or has no parent folder, 3 on I/O failure. */
int ac_cmd_new(const char *data_dir, const char *dir, bool quiet, FILE *err);

#endif
