/* fontsubset.c - HarfBuzz's subsetter over the EPUB's fonts: the same glyphs
 * the text needs, a fraction of the bytes. */
#include "fontsubset.h"

#include <hb-subset.h>

#include <stdbool.h>

void ac_codepoints_add(hb_set_t *set, const char *utf8, size_t len)
{
	/* Most of a page is ASCII: those are noted here and added once. */
	bool ascii[0x80] = {false};
	const unsigned char *p = (const unsigned char *)utf8, *end = p + len;
	while (p < end) {
		unsigned c = *p, cp;
		int n;
		if (c < 0x80) {
			ascii[c] = true;
			p++;
			continue;
		} else if (c < 0xe0) {
			cp = c & 0x1f;
			n = 2;
		} else if (c < 0xf0) {
			cp = c & 0x0f;
			n = 3;
		} else {
			cp = c & 0x07;
			n = 4;
		}
		if (end - p < n)
			break;
		for (int i = 1; i < n; i++)
			cp = (cp << 6) | (p[i] & 0x3f);
		hb_set_add(set, cp);
		p += n;
	}
	for (unsigned c = 0; c < 0x80; c++)
		if (ascii[c])
			hb_set_add(set, c);
}

int ac_font_subset(ac_buf *font, const hb_set_t *set)
{
	int rc = -1;
	hb_blob_t *blob = hb_blob_create(font->ptr, (unsigned)font->len, HB_MEMORY_MODE_READONLY,
					 NULL, NULL);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	if (!in)
		goto done;
	hb_set_union(hb_subset_input_unicode_set(in), set);
	sub = hb_subset_or_fail(face, in);
	if (!sub)
		goto done;
	hb_blob_t *out = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(out, &len);
	if (data && len) {
		ac_buf_reset(font);
		ac_buf_add(font, data, len);
		rc = 0;
	}
	hb_blob_destroy(out);
done:
	if (sub)
		hb_face_destroy(sub);
	if (in)
		hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}
