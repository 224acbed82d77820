#include <stdio.h>
#define MAX_LEN 64

/* Copies at most n bytes. */
static size_t copy(char *dst, const char *src, size_t n)
{
	size_t i = 0;
	while (i < n && src[i] != '\0') {
		dst[i] = src[i];
		i++;
	}
	printf("copied %zu\n", i);
	return i;
}
