/* SPDX-License-Identifier: MIT */
#include "json_writer.h"

#include <stdint.h>
#include <string.h>

void ordo_jw_init(ordo_jw *w, ordo_buf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = true;
}

static void newline(ordo_jw *w)
{
	static const char spaces[] = "\n                                                                "
				     "                                                                ";
	if (!w->pretty)
		return;
	size_t n = 1 + 2 * (size_t)w->depth;
	ordo_buf_put(w->out, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

static void value_prefix(ordo_jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	bool first = w->first[w->depth];
	w->first[w->depth] = false;
	if (w->flat[w->depth]) {
		if (!first)
			ordo_buf_put(w->out, ", ", w->pretty ? 2 : 1);
		return;
	}
	if (!first)
		ordo_buf_putc(w->out, ',');
	newline(w);
}

static void open(ordo_jw *w, char c)
{
	value_prefix(w);
	ordo_buf_putc(w->out, c);
	if (w->depth < 63)
		w->depth++;
	w->first[w->depth] = true;
	w->flat[w->depth] = false;
}

static void close_(ordo_jw *w, char c)
{
	bool empty = w->first[w->depth], flat = w->flat[w->depth];
	w->flat[w->depth] = false;
	if (w->depth > 0)
		w->depth--;
	if (!empty && !flat)
		newline(w);
	ordo_buf_putc(w->out, c);
}

void ordo_jw_object_begin(ordo_jw *w)
{
	open(w, '{');
}
void ordo_jw_object_end(ordo_jw *w)
{
	close_(w, '}');
}
void ordo_jw_array_begin(ordo_jw *w)
{
	open(w, '[');
}
void ordo_jw_array_begin_flat(ordo_jw *w)
{
	open(w, '[');
	w->flat[w->depth] = true;
}
void ordo_jw_array_end(ordo_jw *w)
{
	close_(w, ']');
}

void ordo_jw_key(ordo_jw *w, const char *key)
{
	value_prefix(w);
	ordo_json_escape(w->out, key, strlen(key));
	ordo_buf_puts(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	size_t len;
	uint32_t cp;
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void ordo_json_escape(ordo_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	ordo_buf_putc(out, '"');
	for (size_t i = 0; i < len;) {
		/* the common case: a run of plain ASCII, copied at once; found
		 * eight bytes at a time (none >= 0x80, < 0x20, '"' or '\\') */
		size_t run = i;
		const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
		while (len - run >= 8) {
			uint64_t w, q, b;
			memcpy(&w, p + run, 8);
			q = w ^ (ones * '"');
			b = w ^ (ones * '\\');
			if ((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
				break;
			run += 8;
		}
		while (run < len && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i) {
			ordo_buf_put(out, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			ordo_buf_putc(out, '\\');
			ordo_buf_putc(out, (char)c);
			i++;
		} else if (c < 0x20) {
			switch (c) {
			case '\n':
				ordo_buf_puts(out, "\\n");
				break;
			case '\t':
				ordo_buf_puts(out, "\\t");
				break;
			case '\r':
				ordo_buf_puts(out, "\\r");
				break;
			default:
				ordo_buf_printf(out, "\\u%04x", c);
			}
			i++;
		} else if (c < 0x80) {
			ordo_buf_putc(out, (char)c);
			i++;
		} else {
			size_t n = utf8_len(p + i, len - i);
			if (n == 0) {
				ordo_buf_puts(out, "\\ufffd");
				i++;
			} else {
				ordo_buf_put(out, s + i, n);
				i += n;
			}
		}
	}
	ordo_buf_putc(out, '"');
}

void ordo_jw_string(ordo_jw *w, const char *s)
{
	if (!s) {
		ordo_jw_null(w);
		return;
	}
	ordo_jw_stringn(w, s, strlen(s));
}

void ordo_jw_stringn(ordo_jw *w, const char *s, size_t len)
{
	value_prefix(w);
	ordo_json_escape(w->out, s, len);
}

/* Whether s[0..len) needs no escape: printable ASCII without '"' or '\\'. */
static bool plain(const unsigned char *p, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t i = 0;
	for (; len - i >= 8; i += 8) {
		uint64_t w, q, b;
		memcpy(&w, p + i, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if ((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
			return false;
	}
	for (; i < len; i++)
		if (p[i] < 0x20 || p[i] >= 0x80 || p[i] == '"' || p[i] == '\\')
			return false;
	return true;
}

void ordo_jw_string_list(ordo_jw *w, const char *const *items, size_t n)
{
	ordo_jw_array_begin_flat(w);
	size_t sep = w->pretty ? 2 : 1;
	for (size_t i = 0; i < n; i++) {
		const char *s = items[i];
		size_t len = s ? strlen(s) : 0;
		if (!s || !plain((const unsigned char *)s, len)) {
			if (s)
				ordo_jw_stringn(w, s, len);
			else
				ordo_jw_null(w);
			continue;
		}
		bool first = w->first[w->depth];
		w->first[w->depth] = false;
		char *p = ordo_buf_reserve(w->out, len + 2 + sep);
		if (!p)
			break; /* the buffer failed; its owner reports it */
		size_t k = 0;
		if (!first) {
			p[k++] = ',';
			if (sep == 2)
				p[k++] = ' ';
		}
		p[k++] = '"';
		memcpy(p + k, s, len);
		k += len;
		p[k++] = '"';
		ordo_buf_commit(w->out, k);
	}
	ordo_jw_array_end(w);
}

void ordo_jw_int(ordo_jw *w, long long v)
{
	value_prefix(w);
	ordo_buf_printf(w->out, "%lld", v);
}

void ordo_jw_bool(ordo_jw *w, bool v)
{
	value_prefix(w);
	ordo_buf_puts(w->out, v ? "true" : "false");
}

void ordo_jw_null(ordo_jw *w)
{
	value_prefix(w);
	ordo_buf_puts(w->out, "null");
}
