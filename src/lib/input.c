/* SPDX-License-Identifier: MIT */
/*
 * input.c: encodings, and the stream that hands standard input and UTF-16
 * to the front ends as UTF-8 (see input.h).
 *
 * The stream is a stdio cookie: glibc calls in_read() for the bytes the
 * front end asks for, and it decodes that many from a buffer of the raw
 * input, so memory stays one buffer whatever the file's size.
 */
#define _GNU_SOURCE /* fopencookie */
#include "input.h"
#include "loader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RAW_BUF ((size_t)64 * 1024)

struct ordo_input {
	int fd;
	const unsigned char *mem;
	size_t len, pos;
	unsigned char *pre;
	size_t npre, prepos;
	int enc;
	bool json;

	unsigned char *raw; /* undecoded bytes raw[rpos..rlen) */
	size_t rpos, rlen;
	bool eof, started;
	int read_err;
	unsigned char pend[4]; /* the rest of a character that did not fit */
	size_t npend, pendpos;

	uint32_t line, col; /* of the next character */
	bool cr;
	bool failed;
	uint32_t eline, ecol;
	char msg[128];
};

int ordo_input_encoding(const unsigned char *p, size_t n, const char **what)
{
	*what = NULL;
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) {
		*what = "UTF-32 (a little-endian byte order mark)";
		return ORDO_ENC_UNREAD;
	}
	if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
		*what = "UTF-32 (a big-endian byte order mark)";
		return ORDO_ENC_UNREAD;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return ORDO_ENC_UTF16LE;
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return ORDO_ENC_UTF16BE;
	if (n >= 4 && p[0] && !p[1] && !p[2] && !p[3]) {
		*what = "UTF-32 little-endian without a byte order mark";
		return ORDO_ENC_UNREAD;
	}
	if (n >= 4 && !p[0] && !p[1] && !p[2] && p[3]) {
		*what = "UTF-32 big-endian without a byte order mark";
		return ORDO_ENC_UNREAD;
	}
	if (n >= 2 && p[0] && !p[1]) {
		*what = "UTF-16 little-endian without a byte order mark";
		return ORDO_ENC_UNREAD;
	}
	if (n >= 2 && !p[0] && p[1]) {
		*what = "UTF-16 big-endian without a byte order mark";
		return ORDO_ENC_UNREAD;
	}
	return ORDO_ENC_UTF8;
}

static int syntax_of_char(uint32_t c)
{
	switch (c) {
	case ' ':
	case '\t':
	case '\r':
	case '\n':
	case 0xFEFF:
		return ORDO_SYNTAX_AUTO;
	case '{':
	case '[':
		return ORDO_SYNTAX_JSON;
	default:
		return ORDO_SYNTAX_YAML;
	}
}

int ordo_input_sniff(const unsigned char *p, size_t n, size_t offset, int enc)
{
	static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
	if (enc == ORDO_ENC_UTF16LE || enc == ORDO_ENC_UTF16BE) {
		for (size_t i = 0; i + 1 < n; i += 2) {
			uint32_t u = enc == ORDO_ENC_UTF16BE ? (uint32_t)p[i] << 8 | p[i + 1]
							     : (uint32_t)p[i + 1] << 8 | p[i];
			int s = syntax_of_char(u);
			if (s != ORDO_SYNTAX_AUTO)
				return s;
		}
		return ORDO_SYNTAX_AUTO;
	}
	for (size_t i = 0; i < n; i++) {
		if (offset + i < 3 && p[i] == bom[offset + i])
			continue;
		int s = syntax_of_char(p[i]);
		if (s != ORDO_SYNTAX_AUTO)
			return s;
	}
	return ORDO_SYNTAX_AUTO;
}

/* Up to n bytes of the input as it is: 0 at its end, -1 with errno. */
static ssize_t raw_read(ordo_input *in, unsigned char *buf, size_t n)
{
	if (in->prepos < in->npre) {
		size_t k = in->npre - in->prepos < n ? in->npre - in->prepos : n;
		memcpy(buf, in->pre + in->prepos, k);
		in->prepos += k;
		return (ssize_t)k;
	}
	if (in->fd < 0) {
		size_t k = in->len - in->pos < n ? in->len - in->pos : n;
		if (k)
			memcpy(buf, in->mem + in->pos, k);
		in->pos += k;
		return (ssize_t)k;
	}
	for (;;) {
		ssize_t k = read(in->fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		return k;
	}
}

/* At least need undecoded bytes, unless the input ends first. */
static void fill(ordo_input *in, size_t need)
{
	if (in->rlen - in->rpos >= need || in->eof || in->read_err)
		return;
	memmove(in->raw, in->raw + in->rpos, in->rlen - in->rpos);
	in->rlen -= in->rpos;
	in->rpos = 0;
	while (in->rlen < need) {
		ssize_t k = raw_read(in, in->raw + in->rlen, RAW_BUF - in->rlen);
		if (k < 0) {
			in->read_err = errno ? errno : EIO;
			return;
		}
		if (k == 0) {
			in->eof = true;
			return;
		}
		in->rlen += (size_t)k;
	}
}

static uint32_t unit_at(const ordo_input *in, size_t at)
{
	const unsigned char *p = in->raw + at;
	return in->enc == ORDO_ENC_UTF16BE ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

/* The input stops at the next character; msg says why. */
static void fail(ordo_input *in, const char *msg, uint32_t surrogate)
{
	in->failed = true;
	in->eline = in->line;
	in->ecol = in->col;
	if (surrogate)
		snprintf(in->msg, sizeof(in->msg), "%s U+%04X", msg, (unsigned)surrogate);
	else
		snprintf(in->msg, sizeof(in->msg), "%s", msg);
}

/* The next character: 1, 0 at the end, -1 when the input stops here. */
static int next_char(ordo_input *in, uint32_t *out)
{
	fill(in, 4); /* a surrogate pair at most */
	size_t avail = in->rlen - in->rpos;
	if (avail < 2) {
		if (in->read_err)
			return -1;
		if (avail == 1) {
			fail(in, "invalid UTF-16: the input ends inside a character (an odd number of bytes)", 0);
			return -1;
		}
		return 0;
	}
	uint32_t u = unit_at(in, in->rpos);
	if (u >= 0xDC00 && u <= 0xDFFF) {
		fail(in, "invalid UTF-16: unpaired surrogate", u);
		return -1;
	}
	if (u >= 0xD800 && u <= 0xDBFF) {
		uint32_t v = avail >= 4 ? unit_at(in, in->rpos + 2) : 0;
		if (avail < 4 && in->read_err)
			return -1;
		if (v < 0xDC00 || v > 0xDFFF) {
			fail(in, "invalid UTF-16: unpaired surrogate", u);
			return -1;
		}
		in->rpos += 4;
		*out = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
		return 1;
	}
	in->rpos += 2;
	*out = u;
	return 1;
}

/* Count the character just decoded the way the front ends count them. */
static void advance(ordo_input *in, uint32_t c)
{
	if (c == '\n' || (c == '\r' && !in->json)) {
		if (!(c == '\n' && in->cr)) {
			in->line++;
			in->col = 1;
		}
		in->cr = c == '\r';
		return;
	}
	in->cr = false;
	in->col++;
}

static size_t utf8(uint32_t c, unsigned char *p)
{
	if (c < 0x80) {
		p[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (unsigned char)(0xC0 | c >> 6);
		p[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		p[0] = (unsigned char)(0xE0 | c >> 12);
		p[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		p[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	p[0] = (unsigned char)(0xF0 | c >> 18);
	p[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
	p[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
	p[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

static ssize_t in_read(void *cookie, char *buf, size_t size)
{
	ordo_input *in = cookie;
	if (in->enc == ORDO_ENC_UTF8)
		return raw_read(in, (unsigned char *)buf, size);
	size_t out = 0;
	while (out < size) {
		if (in->pendpos < in->npend) {
			buf[out++] = (char)in->pend[in->pendpos++];
			continue;
		}
		uint32_t c;
		int r = next_char(in, &c);
		if (r <= 0)
			break;
		if (!in->started) {
			in->started = true;
			if (c == 0xFEFF)
				continue; /* the byte order mark is no character */
		}
		size_t k = utf8(c, in->pend);
		advance(in, c);
		if (size - out >= k) {
			memcpy(buf + out, in->pend, k);
			out += k;
		} else {
			in->npend = k;
			in->pendpos = 0;
		}
	}
	if (out == 0 && in->failed) {
		errno = EILSEQ;
		return -1;
	}
	if (out == 0 && in->read_err) {
		errno = in->read_err;
		return -1;
	}
	return (ssize_t)out;
}

ordo_input *ordo_input_new(FILE **fp, int fd, const void *mem, size_t len, const void *pre,
			   size_t npre, int enc, bool json)
{
	ordo_input *in = ordo_xcalloc(1, sizeof(*in));
	in->fd = fd;
	in->mem = mem;
	in->len = len;
	if (npre) {
		in->pre = ordo_xmalloc(npre);
		memcpy(in->pre, pre, npre);
		in->npre = npre;
	}
	in->enc = enc;
	in->json = json;
	in->line = in->col = 1;
	if (enc != ORDO_ENC_UTF8)
		in->raw = ordo_xmalloc(RAW_BUF);
	cookie_io_functions_t io = {in_read, NULL, NULL, NULL};
	*fp = fopencookie(in, "rb", io);
	if (!*fp)
		ordo_die("out of memory");
	return in;
}

void ordo_input_free(ordo_input *in)
{
	if (!in)
		return;
	free(in->pre);
	free(in->raw);
	free(in);
}

const char *ordo_input_error(const ordo_input *in, uint32_t *line, uint32_t *col)
{
	if (!in || !in->failed)
		return NULL;
	*line = in->eline;
	*col = in->ecol;
	return in->msg;
}
