/* epub.c - assembles the EPUB: collects every entry, then writes the zip. */
#include "epub.h"

#include "../base/files.h"
#include "../base/parallel.h"
#include "../doc/svgcheck.h"
#include "fontsubset.h"
#include "internal.h"

#include <libdeflate.h>
#include <zip.h>

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FONT_BYTES ((size_t)16 << 20)
#define MAX_CSS_BYTES ((size_t)1 << 20)

epub_entry *epub_add(epub_entries *e, const char *path, const char *id,
		     const char *media_type)
{
	if (e->count == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->items = ac_xrealloc(e->items, e->cap * sizeof *e->items);
	}
	epub_entry *it = &e->items[e->count++];
	memset(it, 0, sizeof *it);
	it->path = ac_xstrdup(path);
	it->id = id ? ac_xstrdup(id) : NULL;
	it->media_type = media_type;
	return it;
}

static void entries_free(epub_entries *e)
{
	for (size_t i = 0; i < e->count; i++) {
		free(e->items[i].path);
		free(e->items[i].id);
		ac_buf_free(&e->items[i].data);
	}
	free(e->items);
}

static bool has_entry(const epub_entries *e, const char *path)
{
	for (size_t i = 0; i < e->count; i++)
		if (!strcmp(e->items[i].path, path))
			return true;
	return false;
}

static const char *font_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && !strcmp(dot, ".otf"))
		return "font/otf";
	if (dot && !strcmp(dot, ".woff"))
		return "font/woff";
	if (dot && !strcmp(dot, ".woff2"))
		return "font/woff2";
	return "font/ttf";
}

/* Adds the stylesheet and every font it names as url(../fonts/NAME). */
static int add_style(epub_entries *e, const ac_epub_resources *r, ac_diags *d)
{
	epub_entry *css = epub_add(e, "EPUB/css/book.css", "css", "text/css");
	if (ac_read_file(r->css_path, MAX_CSS_BYTES, &css->data) != 0) {
		ac_error(d, r->css_path, 0, "cannot read the theme stylesheet: %s", strerror(errno));
		return -1;
	}
	int rc = 0, n = 0;
	const char *p = ac_buf_str(&css->data);
	char *names = NULL;
	while ((p = strstr(p, "url("))) {
		p += 4;
		while (*p == '"' || *p == '\'')
			p++;
		const char *end = strpbrk(p, "\"')");
		if (!end)
			break;
		if (strncmp(p, "../fonts/", 9) != 0) {
			p = end;
			continue;
		}
		char *file = ac_xstrndup(p + 9, (size_t)(end - p - 9));
		p = end;
		if (strchr(file, '/') || file[0] == '.') {
			ac_error(d, r->css_path, 0, "font '%s' must be a file of fonts/", file);
			free(file);
			rc = -1;
			continue;
		}
		char *zpath = ac_xasprintf("EPUB/fonts/%s", file);
		if (!has_entry(e, zpath)) {
			char *id = ac_xasprintf("font%d", ++n);
			epub_entry *f = epub_add(e, zpath, id, font_type(file));
			char *src = ac_path_join(r->fonts_dir, file);
			if (ac_read_file(src, MAX_FONT_BYTES, &f->data) != 0) {
				ac_error(d, r->css_path, 0, "cannot read font %s: %s", src,
					 strerror(errno));
				rc = -1;
			}
			free(src);
			free(id);
		}
		free(zpath);
		free(file);
	}
	free(names);
	return rc;
}

/* An SVG figure goes in as ac_svg_clean writes it: no DOCTYPE, no editor
 * data; checked again on the bytes that are copied. */
static int svg_clean(ac_buf *data, const ac_article *a, const ac_image *im, ac_diags *d)
{
	if (strcmp(im->media_type, "image/svg+xml") != 0)
		return 0;
	ac_buf clean = AC_BUF_INIT;
	const char *why = ac_svg_clean(data->ptr ? data->ptr : "", data->len, &clean);
	ac_buf_free(data);
	*data = clean;
	if (why)
		ac_error(d, a->path, im->line, "image '%s': %s", im->book_path, why);
	return why ? -1 : 0;
}

static int add_images(epub_entries *e, const ac_book *b, ac_diags *d, bool *has_images)
{
	int n = 0;
	*has_images = false;
	for (size_t i = 0; i < b->nseq; i++) {
		const ac_article *a = b->seq[i];
		for (size_t k = 0; k < a->nimages; k++) {
			char *media = epub_media_path(a->images[k].book_path);
			char *zpath = ac_xasprintf("EPUB/%s", media);
			free(media);
			*has_images = true;
			if (!has_entry(e, zpath)) {
				char *id = ac_xasprintf("img%d", ++n);
				epub_entry *it = epub_add(e, zpath, id, a->images[k].media_type);
				if (ac_read_file(a->images[k].real_path, (size_t)64 << 20, &it->data) != 0) {
					ac_error(d, a->path, 0, "cannot read image %s: %s",
						 a->images[k].book_path, strerror(errno));
					free(id);
					free(zpath);
					return -1;
				}
				free(id);
				if (svg_clean(&it->data, a, &a->images[k], d) != 0) {
					free(zpath);
					return -1;
				}
			}
			free(zpath);
		}
	}
	return 0;
}

/* Fonts carry only the characters of the book's pages and stylesheet. */
static void subset_fonts(epub_entries *e)
{
	hb_set_t *used = hb_set_create();
	for (size_t i = 0; i < e->count; i++) {
		const epub_entry *it = &e->items[i];
		if (it->media_type && (!strcmp(it->media_type, "application/xhtml+xml") ||
				       !strcmp(it->media_type, "text/css") ||
				       !strcmp(it->media_type, "application/x-dtbncx+xml")))
			ac_codepoints_add(used, ac_buf_str(&it->data), it->data.len);
	}
	for (hb_codepoint_t c = 0x20; c < 0x7f; c++)
		hb_set_add(used, c); /* what a reader's own notes may need */
	for (size_t i = 0; i < e->count; i++) {
		epub_entry *it = &e->items[i];
		if (it->media_type && !strncmp(it->media_type, "font/", 5))
			ac_font_subset(&it->data, used);
	}
	hb_set_destroy(used);
}

/* Whether a file is already compressed (a PNG or JPEG picture). */
static bool is_packed(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (!strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
}

/* An entry deflated before zip_close, so that two threads can share the
 * work: libzip copies data whose stat says it is deflated as it is. */
typedef struct {
	unsigned char *packed; /* a raw deflate stream */
	size_t packed_len;
	size_t size;   /* the bytes it stands for */
	uint32_t crc;
	size_t pos;    /* read position while libzip copies it */
	zip_error_t error;
} packed_entry;

static zip_int64_t packed_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	packed_entry *p = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		p->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t n = p->packed_len - p->pos;
		if (n > len)
			n = (size_t)len;
		memcpy(data, p->packed + p->pos, n);
		p->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
			    ZIP_STAT_ENCRYPTION_METHOD;
		st->size = p->size;
		st->comp_size = p->packed_len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->encryption_method = ZIP_EM_NONE;
		st->crc = p->crc;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&p->error, data, len);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&p->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Deflates data into p with libdeflate (a third of zlib's time for the same
 * size) at level 6. Returns 0, or -1 when the compressor fails. */
static int pack(const ac_buf *data, packed_entry *p)
{
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
	if (!z)
		return -1;
	const char *in = data->ptr ? data->ptr : "";
	size_t bound = libdeflate_deflate_compress_bound(z, data->len);
	p->packed = ac_xmalloc(bound);
	p->packed_len = libdeflate_deflate_compress(z, in, data->len, p->packed, bound);
	p->size = data->len;
	p->crc = libdeflate_crc32(0, in, data->len);
	libdeflate_free_compressor(z);
	return p->packed_len ? 0 : -1;
}

/* The mimetype is stored, as the OCF demands, and so are PNG and JPEG
 * pictures, which deflate cannot shrink. */
static bool stored(const char *path)
{
	return !strcmp(path, "mimetype") || is_packed(path);
}

typedef struct {
	const epub_entries *e;
	packed_entry *packed;
	atomic_bool failed;
} pack_job;

static void pack_one(void *ctx, size_t i)
{
	pack_job *j = ctx;
	if (!stored(j->e->items[i].path) && pack(&j->e->items[i].data, &j->packed[i]) != 0)
		atomic_store(&j->failed, true);
}

static int zip_entries(const epub_entries *e, long long epoch, ac_buf *out, ac_diags *d)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
	int rc = -1;
	if (!za) {
		ac_error(d, "EPUB", 0, "cannot create the zip: %s", zip_error_strerror(&err));
		if (src)
			zip_source_free(src);
		zip_error_fini(&err);
		return -1;
	}
	zip_source_keep(src);
	/* Deflate on all processors, then let libzip copy. */
	packed_entry *packed = ac_xcalloc(e->count ? e->count : 1, sizeof *packed);
	for (size_t i = 0; i < e->count; i++)
		zip_error_init(&packed[i].error);
	pack_job job = {e, packed, false};
	ac_parallel_for(e->count, 8, pack_one, &job);
	if (atomic_load(&job.failed)) {
		ac_error(d, "EPUB", 0, "cannot compress the EPUB's files");
		zip_discard(za);
		goto fail;
	}
	for (size_t i = 0; i < e->count; i++) {
		const epub_entry *it = &e->items[i];
		bool store = stored(it->path);
		zip_source_t *s = store ? zip_source_buffer(za, it->data.ptr ? it->data.ptr : "",
							    it->data.len, 0)
					: zip_source_function(za, packed_source, &packed[i]);
		zip_int64_t idx = s ? zip_file_add(za, it->path, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			if (s)
				zip_source_free(s);
			ac_error(d, "EPUB", 0, "cannot add %s: %s", it->path, zip_strerror(za));
			zip_discard(za);
			goto fail;
		}
		if (store)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		zip_file_set_mtime(za, (zip_uint64_t)idx, (time_t)epoch, 0);
		zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
						 (zip_uint32_t)0100644 << 16);
	}
	if (zip_close(za) != 0) {
		ac_error(d, "EPUB", 0, "cannot write the zip: %s", zip_strerror(za));
		zip_discard(za);
		goto fail;
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) {
		ac_error(d, "EPUB", 0, "cannot read the zip back");
		goto fail;
	}
	ac_buf_reset(out);
	char chunk[65536];
	zip_int64_t n;
	while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
		ac_buf_add(out, chunk, (size_t)n);
	zip_source_close(src);
	rc = n < 0 ? -1 : 0;
fail:
	zip_source_free(src);
	zip_error_fini(&err);
	for (size_t i = 0; i < e->count; i++) {
		free(packed[i].packed);
		zip_error_fini(&packed[i].error);
	}
	free(packed);
	return rc;
}

/* The chapters are written on all processors: each reads only its own
 * article's tree and writes only its own entry. */
int ac_epub_write(const ac_book *b, const ac_epub_resources *r, ac_buf *out, ac_diags *d)
{
	epub_entries e = {0};
	ac_tag_index *tags = ac_tags_new(b);
	int rc = -1;
	bool has_images = false;

	ac_buf_adds(&epub_add(&e, "mimetype", NULL, NULL)->data, "application/epub+zip");
	ac_buf_adds(&epub_add(&e, "META-INF/container.xml", NULL, NULL)->data,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<container version=\"1.0\" "
		    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
		    "  <rootfiles>\n"
		    "    <rootfile full-path=\"EPUB/package.opf\" "
		    "media-type=\"application/oebps-package+xml\"/>\n"
		    "  </rootfiles>\n"
		    "</container>\n");
	size_t opf_at = e.count;
	epub_add(&e, "EPUB/package.opf", NULL, NULL);

	epub_entry *cover = epub_add(&e, "EPUB/cover.xhtml", "cover", "application/xhtml+xml");
	cover->spine = true;
	epub_cover_page(b, &cover->data);
	epub_entry *title = epub_add(&e, "EPUB/title.xhtml", "titlepage", "application/xhtml+xml");
	title->spine = true;
	epub_title_page(b, &title->data);
	epub_entry *nav = epub_add(&e, "EPUB/nav.xhtml", "nav", "application/xhtml+xml");
	nav->properties = "nav";
	nav->spine = true;
	epub_nav(b, r->breaks, r->terms != NULL, &nav->data);

	size_t next_part = 0;
	size_t *chapter_at = ac_xcalloc(b->nseq ? b->nseq : 1, sizeof *chapter_at);
	for (size_t i = 0; i < b->nseq; i++) {
		const ac_article *a = b->seq[i];
		if (next_part < b->nparts && b->parts[next_part].articles[0] == a) {
			const ac_part *p = &b->parts[next_part++];
			char *path = ac_xasprintf("EPUB/%s.xhtml", p->slug);
			epub_entry *pe = epub_add(&e, path, p->slug, "application/xhtml+xml");
			pe->spine = true;
			epub_part_page(b, next_part - 1, r->breaks, &pe->data);
			free(path);
		}
		char *path = ac_xasprintf("EPUB/text/%s.xhtml", a->slug);
		char *id = ac_xasprintf("ch-%s", a->slug);
		chapter_at[i] = e.count;
		epub_add(&e, path, id, "application/xhtml+xml")->spine = true;
		free(path);
		free(id);
	}
	epub_entry *ti = epub_add(&e, "EPUB/tags.xhtml", "tags", "application/xhtml+xml");
	ti->spine = true;
	epub_tags_page(b, tags, &ti->data);
	if (r->terms) {
		epub_entry *ix = epub_add(&e, "EPUB/index.xhtml", "index", "application/xhtml+xml");
		ix->spine = true;
		epub_terms_page(b, r->terms, &ix->data);
	}

	epub_entry *ncx = epub_add(&e, "EPUB/toc.ncx", "ncx", "application/x-dtbncx+xml");
	epub_ncx(b, r->terms != NULL, &ncx->data);
	epub_entry *png = epub_add(&e, "EPUB/cover.png", "cover-image", "image/png");
	png->properties = "cover-image";
	ac_buf_add(&png->data, r->cover_png->ptr, r->cover_png->len);
	if (add_style(&e, r, d) != 0 || add_images(&e, b, d, &has_images) != 0)
		goto fail;
	/* Every entry is in place (the array moves no more): the chapters. */
	for (size_t i = 0; i < b->nseq; i++)
		epub_chapters_take(r->chapters, i, &e.items[chapter_at[i]].data);

	subset_fonts(&e);
	epub_opf(b, tags, &e, has_images, r->breaks && r->breaks->count,
		 &e.items[opf_at].data);
	rc = zip_entries(&e, b->epoch, out, d);
fail:
	free(chapter_at);
	ac_tags_free(tags);
	entries_free(&e);
	return rc;
}
