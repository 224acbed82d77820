/* fuzz_common.c - the scratch book folder of the libFuzzer harnesses. */
#include "fuzz_common.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef AC_FUZZ_SOURCE_DIR
#define AC_FUZZ_SOURCE_DIR "."
#endif

static char book_dir[4096];
/* Everything made below book_dir, deepest last, so that cleanup can remove it
 * in reverse order without walking the folder. */
static char made[256][4200];
static int nmade;
static pid_t owner;

void ac_fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ac_fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static void remember(const char *path)
{
	for (int i = 0; i < nmade; i++)
		if (!strcmp(made[i], path))
			return;
	if (nmade == (int)(sizeof made / sizeof *made))
		ac_fuzz_fail("too many scratch files");
	snprintf(made[nmade++], sizeof made[0], "%s", path);
}

static void cleanup(void)
{
	if (getpid() != owner)
		return;
	for (int i = nmade - 1; i >= 0; i--)
		if (remove(made[i]) != 0 && errno != ENOENT)
			fprintf(stderr, "ac_fuzz: cannot remove %s: %s\n", made[i], strerror(errno));
	nmade = 0;
}

static void write_file(const char *path, const char *prefix, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		ac_fuzz_fail("cannot write %s: %s", path, strerror(errno));
	remember(path);
	const uint8_t *parts[2] = {(const uint8_t *)prefix, data};
	size_t lens[2] = {prefix ? strlen(prefix) : 0, size};
	for (int k = 0; k < 2; k++) {
		size_t off = 0;
		while (off < lens[k]) {
			ssize_t n = write(fd, parts[k] + off, lens[k] - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				ac_fuzz_fail("cannot write %s: %s", path, strerror(errno));
			off += (size_t)n;
		}
	}
	if (close(fd) != 0)
		ac_fuzz_fail("cannot write %s: %s", path, strerror(errno));
}

static void copy_file(const char *from, const char *to)
{
	FILE *f = fopen(from, "rb");
	if (!f)
		return; /* a missing fixture image only costs coverage */
	static uint8_t buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	write_file(to, NULL, buf, n);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		ac_fuzz_fail("cannot create %s: %s", path, strerror(errno));
	remember(path);
}

/* Removes the files in dir/sub, then dir/sub itself. */
static void remove_files_in(const char *dir, const char *sub)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	DIR *dp = opendir(path);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char f[4500];
		snprintf(f, sizeof f, "%s/%s", path, e->d_name);
		unlink(f);
	}
	if (dp)
		closedir(dp);
	rmdir(path);
}

/* A crash or a timeout ends the process without atexit: the next run clears
 * the scratch folders whose process (named in their "pid" file) is gone. */
static void reap_stale(const char *tmp)
{
	DIR *dp = opendir(tmp);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		if (strncmp(e->d_name, "ac-fuzz-", 8) != 0 || strlen(e->d_name) != 14)
			continue;
		char dir[4200], pidfile[4300];
		snprintf(dir, sizeof dir, "%s/%s", tmp, e->d_name);
		snprintf(pidfile, sizeof pidfile, "%s/pid", dir);
		FILE *f = fopen(pidfile, "r");
		long pid = 0;
		if (!f)
			continue;
		int ok = fscanf(f, "%ld", &pid) == 1;
		fclose(f);
		if (!ok || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		remove_files_in(dir, "articles");
		remove_files_in(dir, "images");
		char yml[4300];
		snprintf(yml, sizeof yml, "%s/book.yml", dir);
		unlink(yml);
		unlink(pidfile);
		rmdir(dir);
	}
	if (dp)
		closedir(dp);
}

const char *ac_fuzz_book(const char *book_yml)
{
	if (book_dir[0])
		return book_dir;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	reap_stale(tmp);
	snprintf(book_dir, sizeof book_dir, "%s/ac-fuzz-XXXXXX", tmp);
	if (!mkdtemp(book_dir))
		ac_fuzz_fail("cannot create a scratch folder in %s: %s", tmp, strerror(errno));
	owner = getpid();
	remember(book_dir);
	atexit(cleanup);

	char path[4200], from[4200], pid[32];
	snprintf(path, sizeof path, "%s/pid", book_dir);
	snprintf(pid, sizeof pid, "%ld\n", (long)owner);
	write_file(path, pid, NULL, 0);
	snprintf(path, sizeof path, "%s/book.yml", book_dir);
	write_file(path, book_yml, NULL, 0);
	snprintf(path, sizeof path, "%s/articles", book_dir);
	make_dir(path);
	snprintf(path, sizeof path, "%s/images", book_dir);
	make_dir(path);
	/* The articles of the fixtures and of the real book point at
	 * ../images/NAME: give the seeds their pictures. */
	static const char *const image_dirs[] = {"tests/fixtures/basic/images",
						  "tests/fixtures/markdown/images", "book/images"};
	for (size_t i = 0; i < sizeof image_dirs / sizeof *image_dirs; i++) {
		snprintf(from, sizeof from, "%s/%s", AC_FUZZ_SOURCE_DIR, image_dirs[i]);
		DIR *dp = opendir(from);
		struct dirent *e;
		while (dp && (e = readdir(dp)) && nmade < 200) {
			if (e->d_name[0] == '.')
				continue;
			char src[4200];
			snprintf(src, sizeof src, "%s/%s", from, e->d_name);
			struct stat st;
			if (lstat(src, &st) != 0 || !S_ISREG(st.st_mode))
				continue;
			snprintf(path, sizeof path, "%s/images/%s", book_dir, e->d_name);
			copy_file(src, path);
		}
		if (dp)
			closedir(dp);
	}
	return book_dir;
}

void ac_fuzz_write_article(const char *name, const char *prefix, const uint8_t *data,
			   size_t size)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/articles/%s", book_dir, name);
	write_file(path, prefix, data, size);
}
