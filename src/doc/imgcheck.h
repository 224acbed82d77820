/* imgcheck.h - checks pixel images from their bytes before anything decodes them. */
#ifndef AC_IMGCHECK_H
#define AC_IMGCHECK_H

#include <stddef.h>
#include <stdint.h>

/* For PNG, JPEG and GIF: a static description of why the image is refused
 * (truncated, malformed, no size, more pixels than the budget), or NULL. */
const char *ac_raster_problem(const unsigned char *d, size_t n, const char *media_type);

/* The same check; *pixels receives the width times the height the header
 * claims (0 when there is no header). */
const char *ac_raster_check(const unsigned char *d, size_t n, const char *media_type,
			    uint64_t *pixels);

#endif
