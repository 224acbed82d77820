/* imgcheck.h - checks pixel images from their bytes before anything decodes them. */
#ifndef AC_IMGCHECK_H
#define AC_IMGCHECK_H

#include <stddef.h>

/* For PNG, JPEG and GIF: a static description of why the image is refused
 * (truncated, malformed, no size, more pixels than the budget), or NULL. */
const char *ac_raster_problem(const unsigned char *d, size_t n, const char *media_type);

#endif
