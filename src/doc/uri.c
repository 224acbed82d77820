/* uri.c - URLs: schemes, percent-decoding, and web addresses repaired into
 * valid URIs (RFC 3986), host names in punycode with libidn2. */
#include "uri.h"

#include "../base/buf.h"

#include <idn2.h>
#include <libxml/uri.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *ac_percent_decode(const char *s)
{
	ac_buf b = AC_BUF_INIT;
	ac_buf_add(&b, "", 0);
	for (; *s; s++) {
		if (*s != '%') {
			ac_buf_addc(&b, *s);
			continue;
		}
		int h = hexval((unsigned char)s[1]), l = h < 0 ? -1 : hexval((unsigned char)s[2]);
		if (h < 0 || l < 0 || (h == 0 && l == 0)) {
			ac_buf_free(&b);
			return NULL;
		}
		ac_buf_addc(&b, (char)(h * 16 + l));
		s += 2;
	}
	return ac_buf_detach(&b);
}

/* The scheme of url in lower case ("" if none); caller frees. */
static char *scheme_of(const char *url)
{
	const char *p = url;
	while (*p && (unsigned char)*p <= ' ')
		p++;
	const char *start = p;
	if (!isalpha((unsigned char)*p))
		return ac_xstrdup("");
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.' ||
	       *p == '\t' || *p == '\n')
		p++;
	if (*p != ':')
		return ac_xstrdup("");
	ac_buf b = AC_BUF_INIT;
	for (const char *q = start; q < p; q++)
		if (*q != '\t' && *q != '\n')
			ac_buf_addc(&b, (char)tolower((unsigned char)*q));
	return ac_buf_detach(&b);
}

int ac_url_is_external(const char *url)
{
	char *s = scheme_of(url);
	int r = !strcmp(s, "http") || !strcmp(s, "https") || !strcmp(s, "mailto") ||
		!strcmp(s, "ftp");
	free(s);
	return r;
}

int ac_url_is_dangerous(const char *url)
{
	char *s = scheme_of(url);
	int r = s[0] && !(!strcmp(s, "http") || !strcmp(s, "https") || !strcmp(s, "mailto") ||
			  !strcmp(s, "ftp"));
	free(s);
	return r || !strncmp(url, "//", 2);
}

/* The characters each part of a URI holds as they are (RFC 3986 §3), besides
 * unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" and
 * sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=". */
#define USERINFO_CHARS ":"
#define PATH_CHARS ":@/"   /* pchar and "/" */
#define QUERY_CHARS ":@/?" /* also the fragment's */

static bool uri_char(unsigned char ch, const char *extra)
{
	return ch && ch < 0x80 && (isalnum(ch) || strchr("-._~!$&'()*+,;=", ch) || strchr(extra, ch));
}

/* Appends s[0..n) to out with every byte the part may not hold as a
 * percent-escape (non-ASCII letters as their UTF-8 bytes); escapes already
 * there are kept, a '%' that starts none becomes "%25". */
static void encode(ac_buf *out, const char *s, size_t n, const char *extra)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			ac_buf_addc(out, '%');
		} else if (ch != '%' && uri_char(ch, extra)) {
			ac_buf_addc(out, (char)ch);
		} else {
			ac_buf_addc(out, '%');
			ac_buf_addc(out, hex[ch >> 4]);
			ac_buf_addc(out, hex[ch & 15]);
		}
	}
}

/* Why an ASCII name cannot be a host name (NULL when it can): labels of 1 to
 * 63 letters, digits, '-' or '_' between dots, a dot at the end allowed. */
static const char *name_problem(const char *name)
{
	size_t len = strlen(name);
	if (len && name[len - 1] == '.')
		len--;
	if (!len)
		return "it has no host";
	if (len > 253)
		return "its host name is too long";
	size_t label = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || name[i] == '.') {
			if (label == 0 || label > 63)
				return "its host is not a host name";
			label = 0;
		} else if (isalnum((unsigned char)name[i]) || name[i] == '-' || name[i] == '_') {
			label++;
		} else {
			return "its host is not a host name";
		}
	}
	return NULL;
}

/* The host name s (percent-escapes decoded) in ASCII: as it is when it is
 * ASCII, else in punycode as browsers write it (UTS #46: nontransitional
 * processing, then transitional, which also takes the symbols IDNA2008
 * leaves out, like "❤"). NULL when it has a bad escape or IDNA refuses it;
 * caller frees. */
static char *ascii_host(const char *s)
{
	char *dec = ac_percent_decode(s);
	if (!dec)
		return NULL;
	bool ascii = true;
	for (const char *p = dec; *p; p++)
		if ((unsigned char)*p >= 0x80)
			ascii = false;
	if (ascii)
		return dec;
	char *idn = NULL, *res = NULL;
	if (idn2_to_ascii_8z(dec, &idn, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) == IDN2_OK ||
	    idn2_to_ascii_8z(dec, &idn, IDN2_NFC_INPUT | IDN2_TRANSITIONAL) == IDN2_OK)
		res = ac_xstrdup(idn);
	idn2_free(idn);
	free(dec);
	return res;
}

/* Appends host[0..n) as a URI writes it; returns why it cannot be a host, or
 * NULL. An ASCII name without escapes stays as it is. */
static const char *add_host(ac_buf *out, const char *host, size_t n)
{
	if (n && host[0] == '[') {
		/* IP-literal = "[" IPv6address "]", checked loosely. */
		if (n < 4 || host[n - 1] != ']' || !memchr(host, ':', n))
			return "its host is not an IPv6 address";
		for (size_t i = 1; i + 1 < n; i++)
			if (!isxdigit((unsigned char)host[i]) && host[i] != ':' && host[i] != '.')
				return "its host is not an IPv6 address";
		ac_buf_add(out, host, n);
		return NULL;
	}
	char *name = ac_xstrndup(host, n);
	const char *why = NULL;
	char *ascii = ascii_host(name);
	if (!ascii)
		why = "its host name cannot be written in ASCII (IDNA)";
	else if (!(why = name_problem(ascii)))
		ac_buf_adds(out, ascii);
	free(ascii);
	free(name);
	return why;
}

/* authority = [ userinfo "@" ] host [ ":" port ]: appends it; returns why
 * it cannot be a web address's, or NULL. */
static const char *add_authority(ac_buf *out, const char *s)
{
	const char *host = s, *end = s + strlen(s);
	for (const char *p = s; p < end; p++)
		if (*p == '@')
			host = p + 1;
	if (host > s) {
		encode(out, s, (size_t)(host - 1 - s), USERINFO_CHARS);
		ac_buf_addc(out, '@');
	}
	const char *port = NULL;
	if (*host == '[') {
		const char *close = strchr(host, ']');
		if (close && close[1] == ':')
			port = close + 1;
		else if (close && close[1])
			return "its host is not an IPv6 address";
	} else {
		port = strrchr(host, ':');
	}
	const char *why = add_host(out, host, (size_t)((port ? port : end) - host));
	if (why)
		return why;
	if (port) {
		if (port[strspn(port + 1, "0123456789") + 1])
			return "its port is not a number";
		/* An empty port is the scheme's: libxml2 wants none then. */
		if (port[1])
			ac_buf_adds(out, port);
	}
	return NULL;
}

/* Where the fragment starts: at the first '#' that stands alone. A run of
 * them is text ("?channels=##rust" names an IRC channel). */
static const char *fragment_start(const char *s)
{
	for (const char *p = s; (p = strchr(p, '#'));) {
		size_t run = strspn(p, "#");
		if (run == 1)
			return p;
		p += run;
	}
	return NULL;
}

/* "//" authority path-abempty [ "?" query ] [ "#" fragment ]; returns why
 * it cannot be a web address, or NULL. */
static const char *add_hierarchical(ac_buf *out, const char *s)
{
	if (strncmp(s, "//", 2) != 0)
		return "it has no host";
	s += 2;
	ac_buf_adds(out, "//");
	const char *frag = fragment_start(s);
	size_t alen = strcspn(s, "/?");
	if (frag && (size_t)(frag - s) < alen)
		alen = (size_t)(frag - s);
	/* The brackets of an IPv6 address as they are: cmark escapes them in
	 * Markdown links. */
	ac_buf auth = AC_BUF_INIT;
	ac_buf_add(&auth, "", 0);
	for (size_t i = 0; i < alen; i++) {
		if (s[i] == '%' && i + 2 < alen && s[i + 1] == '5' && strchr("BbDd", s[i + 2])) {
			ac_buf_addc(&auth, toupper((unsigned char)s[i + 2]) == 'B' ? '[' : ']');
			i += 2;
		} else {
			ac_buf_addc(&auth, s[i]);
		}
	}
	const char *why = add_authority(out, ac_buf_str(&auth));
	ac_buf_free(&auth);
	if (why)
		return why;
	s += alen;
	size_t rest = frag ? (size_t)(frag - s) : strlen(s);
	size_t plen = strcspn(s, "?");
	if (plen > rest)
		plen = rest;
	encode(out, s, plen, PATH_CHARS);
	encode(out, s + plen, rest - plen, QUERY_CHARS);
	if (frag) {
		ac_buf_addc(out, '#');
		encode(out, frag + 1, strlen(frag + 1), QUERY_CHARS);
	}
	return NULL;
}

/* mailto: addresses "," … [ "?" hfields ] (RFC 6068): each domain in
 * punycode where it can be, everything else encoded. */
static void add_mailto(ac_buf *out, const char *s)
{
	size_t to = strcspn(s, "?");
	const char *end = s + to;
	if (!strncmp(s, "//", 2)) {
		/* Not an authority: a mailto: URI has none. */
		ac_buf_adds(out, "%2F");
		s++;
	}
	for (const char *a = s; a < end;) {
		const char *comma = memchr(a, ',', (size_t)(end - a));
		const char *aend = comma ? comma : end;
		const char *at = NULL;
		for (const char *p = a; p < aend; p++)
			if (*p == '@')
				at = p;
		char *domain = at ? ac_xstrndup(at + 1, (size_t)(aend - at - 1)) : NULL;
		char *ascii = domain ? ascii_host(domain) : NULL;
		if (ascii && !name_problem(ascii)) {
			encode(out, a, (size_t)(at - a), PATH_CHARS);
			ac_buf_addc(out, '@');
			ac_buf_adds(out, ascii);
		} else {
			encode(out, a, (size_t)(aend - a), PATH_CHARS);
		}
		free(ascii);
		free(domain);
		if (comma)
			ac_buf_addc(out, ',');
		a = comma ? comma + 1 : end;
	}
	encode(out, end, strlen(end), QUERY_CHARS);
}

char *ac_url_repair(const char *url, const char **why)
{
	/* As browsers read an address: no white space or control characters
	 * around it, tabs and line breaks inside it ignored. */
	ac_buf clean = AC_BUF_INIT;
	ac_buf_add(&clean, "", 0);
	while (*url && (unsigned char)*url <= ' ')
		url++;
	size_t n = strlen(url);
	while (n && (unsigned char)url[n - 1] <= ' ')
		n--;
	for (size_t i = 0; i < n; i++)
		if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r')
			ac_buf_addc(&clean, url[i]);
	const char *s = ac_buf_str(&clean);
	const char *colon = strchr(s, ':');
	const char *problem = NULL;
	ac_buf out = AC_BUF_INIT;
	if (!colon) {
		problem = "it has no scheme";
		goto done;
	}
	ac_buf_add(&out, s, (size_t)(colon + 1 - s));
	if ((size_t)(colon - s) == 6 && !strncasecmp(s, "mailto", 6))
		add_mailto(&out, colon + 1);
	else
		problem = add_hierarchical(&out, colon + 1);
	if (!problem) {
		/* What comes out must be a URI; libxml2's RFC 3986 parser checks. */
		xmlURIPtr u = xmlParseURI(ac_buf_str(&out));
		if (!u)
			problem = "it is not a valid address";
		xmlFreeURI(u);
	}
done:
	ac_buf_free(&clean);
	if (problem) {
		ac_buf_free(&out);
		if (why)
			*why = problem;
		return NULL;
	}
	return ac_buf_detach(&out);
}
