/* imgcheck.c - PNG, JPEG and GIF headers and trailers read by hand (a few
 * bytes each) so that a hostile size is refused before any decoder runs. */
#include "imgcheck.h"

#include <stdint.h>
#include <string.h>

#define MAX_PIXELS (40ull * 1000 * 1000)

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *size_problem(uint64_t w, uint64_t h, uint64_t *pixels)
{
	*pixels = w * h;
	if (!w || !h)
		return "the image has no size";
	if (w * h > MAX_PIXELS)
		return "the image has more than 40 million pixels";
	return NULL;
}

static const char *png(const unsigned char *d, size_t n, uint64_t *pixels)
{
	if (n < 8 + 25 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || be32(d + 8) != 13 ||
	    memcmp(d + 12, "IHDR", 4) != 0)
		return "the PNG is truncated or malformed (no header)";
	const char *p = size_problem(be32(d + 16), be32(d + 20), pixels);
	if (p)
		return p;
	/* Walk the chunks: each must fit, and the last must be IEND. */
	size_t at = 8;
	while (at + 12 <= n) {
		uint32_t len = be32(d + at);
		if (len > n - at - 12)
			return "the PNG is truncated";
		if (!memcmp(d + at + 4, "IEND", 4))
			return NULL;
		at += 12 + (size_t)len;
	}
	return "the PNG is truncated (no IEND chunk)";
}

static const char *jpeg(const unsigned char *d, size_t n, uint64_t *pixels)
{
	if (n < 4 || d[0] != 0xff || d[1] != 0xd8)
		return "the JPEG is truncated or malformed";
	size_t i = 2;
	while (i + 4 <= n) {
		if (d[i] != 0xff)
			return "the JPEG is malformed";
		unsigned m = d[i + 1];
		size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (i + 9 > n)
				return "the JPEG is truncated";
			const char *p = size_problem((uint64_t)d[i + 7] << 8 | d[i + 8],
						     (uint64_t)d[i + 5] << 8 | d[i + 6], pixels);
			if (p)
				return p;
			/* The image data must end with the EOI marker. */
			for (size_t k = n; k >= 2 && k > n - 64; k--)
				if (d[k - 2] == 0xff && d[k - 1] == 0xd9)
					return NULL;
			return "the JPEG is truncated (no end marker)";
		}
		if (len < 2)
			return "the JPEG is malformed";
		i += 2 + len;
	}
	return "the JPEG is truncated (no frame header)";
}

static const char *gif(const unsigned char *d, size_t n, uint64_t *pixels)
{
	if (n < 14 || (memcmp(d, "GIF87a", 6) && memcmp(d, "GIF89a", 6)))
		return "the GIF is truncated or malformed";
	const char *p = size_problem((uint64_t)d[6] | (uint64_t)d[7] << 8,
				     (uint64_t)d[8] | (uint64_t)d[9] << 8, pixels);
	if (p)
		return p;
	if (d[n - 1] != 0x3b)
		return "the GIF is truncated (no trailer)";
	return NULL;
}

const char *ac_raster_check(const unsigned char *d, size_t n, const char *media_type,
			    uint64_t *pixels)
{
	*pixels = 0;
	if (!strcmp(media_type, "image/png"))
		return png(d, n, pixels);
	if (!strcmp(media_type, "image/jpeg"))
		return jpeg(d, n, pixels);
	if (!strcmp(media_type, "image/gif"))
		return gif(d, n, pixels);
	return NULL;
}

const char *ac_raster_problem(const unsigned char *d, size_t n, const char *media_type)
{
	uint64_t pixels;
	return ac_raster_check(d, n, media_type, &pixels);
}
