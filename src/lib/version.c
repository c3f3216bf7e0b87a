/* SPDX-License-Identifier: MIT */
#include "version.h"

#include <stdio.h>
#include <string.h>

static bool prefix_nocase(const char *s, const char *prefix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char a = s[i], b = prefix[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* Does p[0..n) (what follows an entry) consist of editions, each after a
 * space or ": "? 1 when it does, -1 when it does not, 0 when it is empty. */
static int editions(const ordo_scale *s, const char *p, size_t n)
{
	size_t i = 0;
	if (n == 0)
		return 0;
	while (i < n) {
		if (p[i] == ':' && i > 0)
			i++;
		if (i >= n || p[i] != ' ')
			return -1;
		i++;
		size_t best = 0;
		for (uint32_t k = 0; k < s->neditions; k++) {
			size_t el = strlen(s->editions[k]);
			if (el > best && el <= n - i && prefix_nocase(p + i, s->editions[k], el) &&
			    (i + el == n || p[i + el] == ' ' || p[i + el] == ':'))
				best = el;
		}
		if (!best)
			return -1;
		i += best;
	}
	return 1;
}

int ordo_version_parse(ordo_version *out, const ordo_scale *s, const char *text, size_t len,
                       const char **why)
{
	const char *ignored;
	if (!why)
		why = &ignored;
	out->scale = NULL;
	out->idx = -1;
	out->sub = -1;
	if (!s) {
		*why = "no scale";
		return ORDO_EINVALID;
	}
	if (!text || len == 0) {
		*why = "empty version";
		return ORDO_EINVALID;
	}

	/* a prefix as Windows writes it ("Microsoft Windows Server 2019") */
	for (uint32_t i = 0; i < s->nprefixes; i++) {
		size_t pl = strlen(s->prefixes[i]);
		if (pl && pl + 1 < len && text[pl] == ' ' && prefix_nocase(text, s->prefixes[i], pl)) {
			text += pl + 1;
			len -= pl + 1;
			break;
		}
	}

	/* Entries may be prefixes of one another ("2012", "2012 R2"), so the
	 * longest entry that ends at a word boundary is the release. */
	int best = -1;
	size_t blen = 0;
	for (uint32_t i = 0; i < s->n; i++) {
		size_t el = strlen(s->entries[i]);
		if (el == 0 || el > len || el <= blen)
			continue;
		if (memcmp(text, s->entries[i], el) != 0)
			continue;
		if (el < len && text[el] != ' ')
			continue;
		best = (int)i;
		blen = el;
	}
	if (best < 0) {
		*why = "unknown release";
		return ORDO_EINVALID;
	}

	int32_t sub = -1;
	if (blen < len && s->neditions) {
		int e = editions(s, text + blen, len - blen);
		if (e > 0) {
			out->scale = s;
			out->idx = best;
			out->sub = -1;
			return 0;
		}
		if (e < 0 && (!s->suffix || !*s->suffix)) {
			*why = "unknown edition";
			return ORDO_EINVALID;
		}
	}
	if (blen < len) {
		if (!s->suffix || !*s->suffix) {
			*why = "unexpected text after the release";
			return ORDO_EINVALID;
		}
		/* exactly one space, the suffix, then digits only; text that
		 * does not even start like the suffix ("2012 R3") is more
		 * likely a misspelt release than a bad suffix */
		const char *p = text + blen + 1, *end = text + len;
		size_t sl = strlen(s->suffix);
		if ((size_t)(end - p) < sl || !prefix_nocase(p, s->suffix, sl)) {
			*why = "unknown release";
			return ORDO_EINVALID;
		}
		if ((size_t)(end - p) == sl || memcmp(p, s->suffix, sl) != 0) {
			*why = "malformed suffix";
			return ORDO_EINVALID;
		}
		p += sl;
		for (const char *q = p; q < end; q++) {
			if (*q < '0' || *q > '9') {
				*why = "malformed suffix";
				return ORDO_EINVALID;
			}
		}
		int64_t n = 0;
		for (; p < end; p++) {
			n = n * 10 + (*p - '0');
			if (n > ORDO_VERSION_SUB_MAX) {
				*why = "number too large";
				return ORDO_EINVALID;
			}
		}
		sub = (int32_t)n;
	}
	out->scale = s;
	out->idx = best;
	out->sub = sub;
	return 0;
}

/* Versions on different scales have no meaningful order; ordering them by
 * scale name keeps sorts deterministic. */
static int scale_order(const ordo_version *a, const ordo_version *b)
{
	if (a->scale == b->scale)
		return 0;
	const char *an = a->scale && a->scale->name ? a->scale->name : "";
	const char *bn = b->scale && b->scale->name ? b->scale->name : "";
	int c = strcmp(an, bn);
	return c < 0 ? -1 : c > 0;
}

int ordo_version_cmp_release(const ordo_version *a, const ordo_version *b)
{
	int c = scale_order(a, b);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

int ordo_version_cmp(const ordo_version *a, const ordo_version *b)
{
	int c = ordo_version_cmp_release(a, b);
	if (c)
		return c;
	int32_t as = a->sub < 0 ? 0 : a->sub, bs = b->sub < 0 ? 0 : b->sub;
	return as < bs ? -1 : as > bs;
}

const char *ordo_version_str(const ordo_version *v, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	const ordo_scale *s = v->scale;
	if (!s || v->idx < 0 || (uint32_t)v->idx >= s->n) {
		buf[0] = '\0';
		return buf;
	}
	if (v->sub >= 0 && s->suffix)
		snprintf(buf, size, "%s %s%d", s->entries[v->idx], s->suffix, (int)v->sub);
	else
		snprintf(buf, size, "%s", s->entries[v->idx]);
	return buf;
}

int ordo_scale_find(const ordo_scale *s, const char *name, size_t len)
{
	if (!s || !name)
		return -1;
	for (uint32_t i = 0; i < s->n; i++)
		if (ordo_streq(name, len, s->entries[i]))
			return (int)i;
	return -1;
}
