/* files.c - file helpers: bounded reads, write-to-temp-and-rename, safe joins. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "files.h"
#include "strmap.h"

#include <glib.h>
#include <openssl/evp.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ac_read_file(const char *path, size_t max_size, ac_buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = errno ? errno : EINVAL;
		if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
			e = EISDIR;
		close(fd);
		errno = e;
		return -1;
	}
	if ((unsigned long long)st.st_size > max_size) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	ac_buf_reset(out);
	/* Read straight into a buffer of the file's size (one more read sees
	 * the end, or a file that grew meanwhile). */
	ac_buf_reserve(out, (size_t)st.st_size + 1);
	ac_buf_add(out, "", 0);
	for (;;) {
		if (out->cap - out->len < 2)
			ac_buf_reserve(out, 65536);
		ssize_t n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > max_size) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
	}
	close(fd);
	return 0;
}

int ac_write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Temporary files are "DIR/.NAME.tmp-PID-SUFFIX". This removes those for
 * name that no running process owns, which a run killed before its rename
 * left behind. */
static void remove_stale(const char *dir, const char *name)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	char *prefix = ac_xasprintf(".%s.tmp-", name);
	size_t n = strlen(prefix);
	struct dirent *ent;
	while ((ent = readdir(dp))) {
		/* No suffix holds a dot: ".a.tmp-b.tmp-1-0" is not one of a's. */
		if (strncmp(ent->d_name, prefix, n) != 0 || strchr(ent->d_name + n, '.'))
			continue;
		/* Older versions named them ".NAME.tmp-XXXXXX", without a pid. */
		char *end;
		long pid = strtol(ent->d_name + n, &end, 10);
		bool has_pid = end != ent->d_name + n && *end == '-' && pid > 0;
		if (has_pid && pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
			continue;
		unlinkat(dirfd(dp), ent->d_name, 0);
	}
	closedir(dp);
	free(prefix);
}

/* Writes data to a file without a name (O_TMPFILE), so that a run killed
 * while writing leaves nothing, then links it under a temporary name once it
 * is complete and on disk. Returns that name (caller frees), or NULL with
 * errno set and *unsupported when the file system or a missing /proc cannot
 * do this. */
static char *write_unnamed(const char *dir, const char *name, const void *data, size_t len,
			   bool *unsupported)
{
	char *tmp = NULL;
	*unsupported = false;
	/* The mode is filtered by the umask, like any file the user creates. */
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	if (fd < 0) {
		*unsupported = errno == EISDIR || errno == EOPNOTSUPP || errno == EINVAL;
		return NULL;
	}
	if (ac_write_all(fd, data, len) != 0 || fsync(fd) != 0)
		goto fail;
	char proc[32];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (unsigned i = 0; !tmp && i < 1000; i++) {
		tmp = ac_xasprintf("%s/.%s.tmp-%ld-%u", dir, name, (long)getpid(), i);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) != 0) {
			free(tmp);
			tmp = NULL;
			if (errno != EEXIST) {
				*unsupported = errno == ENOENT;
				goto fail;
			}
		}
	}
	if (!tmp) {
		errno = EEXIST;
		goto fail;
	}
	close(fd);
	return tmp;
fail:;
	int e = errno;
	close(fd);
	errno = e;
	return NULL;
}

/* The same through a named temporary file (mkstemp). */
static char *write_named(const char *dir, const char *name, const void *data, size_t len)
{
	char *tmp = ac_xasprintf("%s/.%s.tmp-%ld-XXXXXX", dir, name, (long)getpid());
	int fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	/* Readable like any file the user creates: honour the umask. */
	mode_t mask = umask(0);
	umask(mask);
	bool ok = fchmod(fd, 0666 & ~mask) == 0 && ac_write_all(fd, data, len) == 0 && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(tmp);
		errno = e;
		goto fail;
	}
	return tmp;
fail:
	free(tmp);
	return NULL;
}

int ac_write_atomic(const char *dir, const char *name, const void *data, size_t len)
{
	char *final = ac_path_join(dir, name);
	int rc = -1, e = 0;
	bool unsupported = false;
	remove_stale(dir, name);
	char *tmp = write_unnamed(dir, name, data, len, &unsupported);
	if (!tmp && unsupported)
		tmp = write_named(dir, name, data, len);
	if (!tmp) {
		e = errno;
		goto done;
	}
	if (rename(tmp, final) != 0) {
		e = errno;
		unlink(tmp);
		goto done;
	}
	/* Make the rename itself durable. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
done:
	free(tmp);
	free(final);
	if (rc)
		errno = e;
	return rc;
}

int ac_ensure_dir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	return mkdir(dir, 0777);
}

char *ac_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	while (la > 1 && a[la - 1] == '/')
		la--;
	if (!la)
		return ac_xstrdup(b);
	return ac_xasprintf("%.*s/%s", (int)la, a, b);
}

char *ac_path_inside(const char *root_real, const char *base_dir, const char *rel)
{
	if (!rel[0] || rel[0] == '/')
		return NULL;
	char *joined = ac_path_join(base_dir, rel);
	char *real = realpath(joined, NULL);
	free(joined);
	if (!real)
		return NULL;
	size_t n = strlen(root_real);
	if (strncmp(real, root_real, n) != 0 || (real[n] != '/' && real[n] != '\0')) {
		free(real);
		return NULL;
	}
	return real;
}

char *ac_name_key(const char *name)
{
	gchar *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_NFC);
	if (!nfc)
		return ac_xstrdup(name);
	gchar *folded = g_utf8_casefold(nfc, -1);
	gchar *key = g_utf8_normalize(folded, -1, G_NORMALIZE_NFC);
	char *out = ac_xstrdup(key ? key : folded);
	g_free(key);
	g_free(folded);
	g_free(nfc);
	return out;
}

const char *ac_name_clash(ac_strmap *seen, const char *name, const char *holder)
{
	char *key = ac_name_key(name);
	const char *earlier = ac_strmap_get(seen, key);
	if (!earlier)
		ac_strmap_add(seen, key, holder);
	free(key);
	return earlier;
}

bool ac_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool ac_is_regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void digest(const EVP_MD *md, const void *parts[], const size_t lens[], int n,
		   unsigned char *out)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx)
		abort();
	unsigned int olen = 0;
	EVP_DigestInit_ex(ctx, md, NULL);
	for (int i = 0; i < n; i++)
		EVP_DigestUpdate(ctx, parts[i], lens[i]);
	EVP_DigestFinal_ex(ctx, out, &olen);
	EVP_MD_CTX_free(ctx);
}

void ac_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[32];
	const void *parts[] = {data};
	size_t lens[] = {len};
	digest(EVP_sha256(), parts, lens, 1, h);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

void ac_uuid5(const char *name, char out[37])
{
	/* RFC 4122 namespace for URLs: 6ba7b811-9dad-11d1-80b4-00c04fd430c8 */
	static const unsigned char ns[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad,
					     0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
					     0x4f, 0xd4, 0x30, 0xc8};
	unsigned char h[20];
	const void *parts[] = {ns, name};
	size_t lens[] = {16, strlen(name)};
	digest(EVP_sha1(), parts, lens, 2, h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11],
		 h[12], h[13], h[14], h[15]);
}
