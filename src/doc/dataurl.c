/* dataurl.c - data: pictures inside SVG figures, decoded with GLib and
 * checked like image files, within one budget per figure. */
#include "dataurl.h"

#include "imgcheck.h"

#include <glib.h>

#include <string.h>
#include <strings.h>

/* The budget of one figure: as many bytes as an image file may have, as
 * many pixels as one picture may have, and no more pictures than a figure
 * sensibly holds (each is decoded by librsvg). */
#define MAX_DATA_PICTURES 1000
#define MAX_DATA_BYTES ((uint64_t)32 << 20)
#define MAX_DATA_PIXELS (40ull * 1000 * 1000)

static const char *skip_space(const char *v)
{
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	return v;
}

bool ac_is_data_url(const char *v)
{
	return !strncasecmp(skip_space(v), "data:", 5);
}

/* dataurl := "data:" mediatype *( ";" parameter ) ";base64" "," base64
 * (RFC 2397); the media type one of the three pictures we check. */
static const char *media_type(const char *h, size_t n)
{
	static const char *const types[] = {"image/png", "image/jpeg", "image/gif"};
	const char *semi = memchr(h, ';', n);
	size_t tn = semi ? (size_t)(semi - h) : n;
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strlen(types[i]) == tn && !strncasecmp(h, types[i], tn))
			return types[i];
	return NULL;
}

const char *ac_data_picture_problem(const char *url, ac_data_budget *spent)
{
	const char *h = skip_space(url) + 5;
	const char *comma = strchr(h, ',');
	if (!comma)
		return "the SVG's data: picture is malformed (no comma)";
	size_t hn = (size_t)(comma - h);
	const char *type = media_type(h, hn);
	if (!type)
		return "the SVG's data: pictures must be PNG, JPEG or GIF";
	if (hn < 7 || strncasecmp(comma - 7, ";base64", 7) != 0)
		return "the SVG's data: pictures must be base64-encoded";
	/* Only the base64 alphabet and white space: a reader would not draw
	 * what GLib's decoder skips over. */
	const char *b = comma + 1;
	size_t bn = strspn(b, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n");
	if (b[bn] != '\0')
		return "the SVG's data: picture is not valid base64";
	if (++spent->pictures > MAX_DATA_PICTURES)
		return "the SVG has more than 1,000 data: pictures";
	/* Bounded before anything is decoded: 4 characters make 3 bytes. */
	if (spent->bytes + bn / 4 * 3 > MAX_DATA_BYTES)
		return "the SVG's data: pictures are larger than 32 MB in all";
	gsize n = 0;
	guchar *d = g_base64_decode(b, &n);
	uint64_t pixels = 0;
	const char *why = ac_raster_check(d ? d : (const guchar *)"", n, type, &pixels);
	g_free(d);
	spent->bytes += n;
	spent->pixels += pixels;
	if (why)
		return why;
	if (spent->pixels > MAX_DATA_PIXELS)
		return "the SVG's data: pictures have more than 40 million pixels in all";
	return NULL;
}
