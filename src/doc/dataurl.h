/* dataurl.h - pictures embedded in SVG figures as data: URLs. */
#ifndef AC_DATAURL_H
#define AC_DATAURL_H

#include <stdbool.h>
#include <stdint.h>

/* What the data: pictures of one figure have used so far; zero it first. */
typedef struct {
	uint64_t pictures, bytes, pixels;
} ac_data_budget;

/* Whether v (an attribute value) is a data: URL. */
bool ac_is_data_url(const char *v);

/* Checks one data: URL as a picture: base64 PNG, JPEG or GIF, decoded and
 * checked like an image file (ac_raster_check), and adds it to *spent. The
 * pictures of one figure share one budget of count, decoded bytes and
 * pixels. Returns NULL when it fits, else a static description. */
const char *ac_data_picture_problem(const char *url, ac_data_budget *spent);

#endif
