/* newbook.c - `autochitect new`: a book folder copied from templates/new. */
#include "newbook.h"

#include "base/buf.h"
#include "base/files.h"
#include "pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The template's files are small; anything bigger is not one of them. */
#define MAX_TEMPLATE_FILE (1 << 20)

/* The names in dir but "." and "..", sorted; NULL with errno set when dir
 * cannot be read. *n is their number. Caller frees each and the array. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	*n = 0;
	if (!dp)
		return NULL;
	char **names = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			names = ac_xrealloc(names, cap * sizeof *names);
		}
		names[(*n)++] = ac_xstrdup(e->d_name);
	}
	closedir(dp);
	if (!names)
		names = ac_xmalloc(sizeof *names);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Removes path and, when it is a folder, everything in it; symbolic links
 * are removed, never followed. Only used on what this command created. */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		size_t n;
		char **names = list_dir(path, &n);
		for (size_t i = 0; names && i < n; i++) {
			char *p = ac_path_join(path, names[i]);
			remove_tree(p);
			free(p);
		}
		free_names(names, n);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Writes data to a new file at path (never over an existing one). */
static int write_new(const char *path, const ac_buf *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return -1;
	if (ac_write_all(fd, data->ptr, data->len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Copies the folder src into the existing folder dst: folders and regular
 * files only. Returns 0, or -1 with errno set and *where the path that
 * failed (caller frees). */
static int copy_tree(const char *src, const char *dst, char **where)
{
	size_t n;
	char **names = list_dir(src, &n);
	if (!names) {
		*where = ac_xstrdup(src);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *from = ac_path_join(src, names[i]), *to = ac_path_join(dst, names[i]);
		struct stat st;
		ac_buf data = AC_BUF_INIT;
		if (stat(from, &st) != 0) {
			rc = -1;
			*where = ac_xstrdup(from);
		} else if (S_ISDIR(st.st_mode)) {
			if (mkdir(to, 0777) != 0) {
				rc = -1;
				*where = ac_xstrdup(to);
			} else {
				rc = copy_tree(from, to, where);
			}
		} else if (S_ISREG(st.st_mode)) {
			if (ac_read_file(from, MAX_TEMPLATE_FILE, &data) != 0) {
				rc = -1;
				*where = ac_xstrdup(from);
			} else if (write_new(to, &data) != 0) {
				rc = -1;
				*where = ac_xstrdup(to);
			}
		}
		ac_buf_free(&data);
		free(from);
		free(to);
	}
	free_names(names, n);
	return rc;
}

/* Moves every entry of the folder from into the folder to; on failure moves
 * back what it moved. Returns 0 or -1 with errno set. */
static int move_entries(const char *from, const char *to)
{
	size_t n, moved = 0;
	char **names = list_dir(from, &n);
	if (!names)
		return -1;
	int rc = 0;
	for (; moved < n; moved++) {
		char *a = ac_path_join(from, names[moved]), *b = ac_path_join(to, names[moved]);
		/* RENAME_NOREPLACE is not in every C library: the folder was
		 * found empty, and a name taken since then is refused here. */
		struct stat st;
		if (lstat(b, &st) == 0) {
			errno = EEXIST;
			rc = -1;
		} else if (rename(a, b) != 0) {
			rc = -1;
		}
		free(a);
		free(b);
		if (rc)
			break;
	}
	if (rc) {
		int e = errno;
		for (size_t i = 0; i < moved; i++) {
			char *a = ac_path_join(from, names[i]), *b = ac_path_join(to, names[i]);
			rename(b, a);
			free(a);
			free(b);
		}
		errno = e;
	}
	free_names(names, n);
	return rc;
}

int ac_cmd_new(const char *data_dir, const char *dir, bool quiet, FILE *err)
{
	int status = AC_EXIT_IO;
	char *template = ac_xasprintf("%s/templates/new", data_dir);
	char *copy = ac_xstrdup(dir), *parent = ac_xstrdup(dirname(copy));
	char *stage = NULL, *where = NULL;
	free(copy);
	if (!ac_is_dir(template)) {
		fprintf(err, "autochitect: the new book's template is missing (looked in %s)\n",
			template);
		goto done;
	}
	/* A new or empty folder: a book is never mixed into other files. */
	struct stat st;
	bool existed = stat(dir, &st) == 0;
	if (existed && !S_ISDIR(st.st_mode)) {
		fprintf(err, "autochitect: %s exists and is not a folder\n", dir);
		status = AC_EXIT_USAGE;
		goto done;
	}
	if (existed) {
		size_t n;
		char **names = list_dir(dir, &n);
		if (!names) {
			fprintf(err, "autochitect: cannot read %s: %s\n", dir, strerror(errno));
			goto done;
		}
		free_names(names, n);
		if (n) {
			fprintf(err, "autochitect: %s is not empty: a new book goes into a new or "
				     "empty folder\n", dir);
			status = AC_EXIT_USAGE;
			goto done;
		}
	} else if (errno == ENOTDIR) {
		fprintf(err, "autochitect: cannot create %s: a folder on its path is a file\n", dir);
		status = AC_EXIT_USAGE;
		goto done;
	} else if (errno != ENOENT) {
		fprintf(err, "autochitect: cannot create %s: %s\n", dir, strerror(errno));
		goto done;
	}
	/* The book is made in a hidden folder beside DIR (inside it when DIR
	 * is "." or the like), then renamed into place: a failed or killed run
	 * leaves no half-made book. Only DIR itself is created, not its
	 * parents (as mkdir without -p). */
	stage = ac_xasprintf("%s/.autochitect-new-XXXXXX", parent);
	if (!mkdtemp(stage)) {
		int e = errno;
		if (e == ENOENT || e == ENOTDIR) {
			fprintf(err, "autochitect: cannot create %s: %s is not an existing folder\n",
				dir, parent);
			status = AC_EXIT_USAGE;
		} else {
			fprintf(err, "autochitect: cannot create %s: %s\n", dir, strerror(e));
		}
		free(stage);
		stage = NULL;
		goto done;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(stage, 0777 & ~mask) != 0 || copy_tree(template, stage, &where) != 0) {
		fprintf(err, "autochitect: cannot write %s: %s\n", where ? where : stage,
			strerror(errno));
		goto done;
	}
	/* rename() replaces an empty folder; "." and mount points it cannot
	 * replace get the entries moved in one by one. */
	if (rename(stage, dir) != 0) {
		int e = errno;
		if (!existed || (e != EBUSY && e != EINVAL && e != ENOTDIR && e != EXDEV &&
				 e != EPERM && e != EACCES) ||
		    move_entries(stage, dir) != 0) {
			fprintf(err, "autochitect: cannot create %s: %s\n", dir, strerror(errno));
			goto done;
		}
	} else {
		free(stage);
		stage = NULL;
	}
	status = AC_EXIT_OK;
	if (!quiet)
		fprintf(err, "autochitect: a new book in %s; build it with: autochitect build %s\n",
			dir, dir);
done:
	if (stage)
		remove_tree(stage);
	free(stage);
	free(where);
	free(parent);
	free(template);
	return status;
}
