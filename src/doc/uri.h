/* uri.h - URLs: schemes, percent-decoding, and web addresses repaired into
 * valid URIs (RFC 3986) with internationalised host names in punycode. */
#ifndef AC_URI_H
#define AC_URI_H

/* Percent-decodes s; returns NULL when it holds %00 or a bad escape. Caller
 * frees. */
char *ac_percent_decode(const char *s);

/* True for http:, https:, mailto: and ftp: URLs. */
int ac_url_is_external(const char *url);

/* A URL scheme the allowlist refuses (javascript:, file:, data:, vbscript:),
 * or a scheme-relative "//host" address. */
int ac_url_is_dangerous(const char *url);

/* Rewrites an external URL (ac_url_is_external) as a valid URI, as a browser
 * reads it: characters a URI does not allow (spaces, <>"{}|\^`, non-ASCII as
 * UTF-8) percent-encoded, a '%' not starting an escape as "%25", a run of
 * '#' ("##rust", an IRC channel) and every '#' after the fragment's encoded,
 * a non-ASCII host name in punycode. A valid URI comes back unchanged.
 * Returns a new string the caller frees, or NULL when the address has no
 * possible host ("https://../", "http://", "https://a b/"); then *why, if
 * why is not NULL, says why in a static string. */
char *ac_url_repair(const char *url, const char **why);

#endif
