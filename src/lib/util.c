/* SPDX-License-Identifier: MIT */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

_Noreturn void ordo_die(const char *fmt, ...)
{
	va_list ap;
	fputs("ordo: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *ordo_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		ordo_die("out of memory");
	return p;
}

void *ordo_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		ordo_die("out of memory");
	return p;
}

void *ordo_xcalloc_lines(size_t size)
{
	size_t n = (size + 63) & ~(size_t)63;
	void *p = aligned_alloc(64, n ? n : 64);
	if (!p)
		ordo_die("out of memory");
	memset(p, 0, n ? n : 64);
	return p;
}

void *ordo_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		ordo_die("out of memory");
	return q;
}

char *ordo_xstrdup(const char *s)
{
	size_t n = strlen(s);
	char *p = ordo_xmalloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

void ordo_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (base && n > 1)
		qsort(base, n, size, cmp);
}

bool ordo_streq(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* ---- arena: a list of blocks, bump allocation ---- */

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct ordo_arena {
	struct block *head;
	struct block *strings; /* text needs no alignment: packed separately */
	size_t total;
};

#define BLOCK_SIZE (64 * 1024 - sizeof(struct block))
#define MAX_BLOCK  ((size_t)8 << 20)

/* Memory for a large table or arena block. A separate function so the
 * policy for them sits in one place: plain malloc (glibc maps such sizes
 * on their own). Transparent huge pages were tried: no faster on average
 * here, and slower now and then when the kernel compacts memory to find
 * one. Freed with free(). */
void *ordo_xmalloc_large(size_t n)
{
	return ordo_xmalloc(n);
}

/* The next block of an arena: 64 KiB while it is small, then an eighth of
 * what it holds (up to 8 MiB), so a large document takes few blocks. */
static struct block *new_block(ordo_arena *a, size_t min)
{
	size_t size = BLOCK_SIZE;
	if (a->total / 8 > size)
		size = a->total / 8 < MAX_BLOCK ? a->total / 8 : MAX_BLOCK;
	if (size < min)
		size = min;
	struct block *b = ordo_xmalloc_large(sizeof(struct block) + size);
	b->used = 0;
	b->size = size;
	return b;
}

ordo_arena *ordo_arena_new(void)
{
	return ordo_xcalloc(1, sizeof(ordo_arena));
}

void ordo_arena_free(ordo_arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	for (struct block *b = a->strings, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

void *ordo_arena_alloc(ordo_arena *a, size_t size)
{
	void *p = ordo_arena_alloc_raw(a, size);
	memset(p, 0, size);
	return p;
}

/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t, which every block's data has) */
static void *take(ordo_arena *a, size_t size, size_t align)
{
	if (size == 0)
		size = 1;
	struct block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->size || b->size - at < size) {
		size_t bsize = BLOCK_SIZE;
		if (size > bsize / 4) {
			/* a large request gets its own block behind the head,
			 * so the head's free space is not wasted */
			struct block *big = ordo_xmalloc_large(sizeof(struct block) + size);
			big->used = big->size = size;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				big->next = NULL;
				a->head = big;
			}
			a->total += size;
			return big->data;
		}
		b = new_block(a, bsize);
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	void *p = (char *)b->data + at;
	a->total += at + size - b->used;
	b->used = at + size;
	return p;
}

void *ordo_arena_alloc_raw(ordo_arena *a, size_t size)
{
	return take(a, size, _Alignof(max_align_t));
}

void *ordo_arena_alloc_small(ordo_arena *a, size_t size)
{
	void *p = take(a, size, sizeof(void *));
	memset(p, 0, size);
	return p;
}

void ordo_arena_reset(ordo_arena *a)
{
	if (!a)
		return;
	/* keep one ordinary block so a reused arena does not go back to malloc */
	struct block *keep = NULL;
	for (struct block *b = a->head, *n; b; b = n) {
		n = b->next;
		if (!keep && b->size >= BLOCK_SIZE) {
			keep = b;
			continue;
		}
		free(b);
	}
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
	}
	a->head = keep;
	/* the same for text */
	struct block *skeep = NULL;
	for (struct block *b = a->strings, *n; b; b = n) {
		n = b->next;
		if (!skeep) {
			skeep = b;
			continue;
		}
		free(b);
	}
	if (skeep) {
		skeep->used = 0;
		skeep->next = NULL;
	}
	a->strings = skeep;
	a->total = 0;
}

size_t ordo_arena_used(const ordo_arena *a)
{
	return a ? a->total : 0;
}

char *ordo_arena_strndup(ordo_arena *a, const char *s, size_t len)
{
	char *p;
	struct block *b = a->strings;
	if (len + 1 > BLOCK_SIZE / 4) {
		p = ordo_arena_alloc_raw(a, len + 1);
	} else {
		if (!b || b->size - b->used < len + 1) {
			b = new_block(a, BLOCK_SIZE);
			b->next = a->strings;
			a->strings = b;
		}
		p = (char *)b->data + b->used;
		b->used += len + 1;
		a->total += len + 1;
	}
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *ordo_arena_strdup(ordo_arena *a, const char *s)
{
	return ordo_arena_strndup(a, s, strlen(s));
}

char *ordo_arena_printf(ordo_arena *a, const char *fmt, ...)
{
	va_list ap;
	ordo_buf b = ORDO_BUF_INIT;
	va_start(ap, fmt);
	ordo_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *p = ordo_arena_strndup(a, b.ptr ? b.ptr : "", b.len);
	ordo_buf_release(&b);
	return p;
}

/* ---- buffer ---- */

void ordo_buf_flush(ordo_buf *b)
{
	if (!b->sink || !b->len)
		return;
	if (!b->failed && fwrite(b->ptr, 1, b->len, b->sink) != b->len)
		b->failed = true;
	b->len = 0;
	b->ptr[0] = '\0';
}

/* A report for a million agents need not sit in memory: with a sink, the
 * buffer is written out once it holds a megabyte. */
#define SINK_CHUNK ((size_t)1 << 20)

static bool buf_grow(ordo_buf *b, size_t extra)
{
	size_t limit = b->limit ? b->limit : ORDO_BUF_DEFAULT_LIMIT;
	if (b->oom)
		return false;
	if (b->sink && b->len >= SINK_CHUNK)
		ordo_buf_flush(b);
	if (extra > limit || b->len > limit - extra) {
		b->oom = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->ptr = ordo_xrealloc(b->ptr, cap);
	b->cap = cap;
	return true;
}

void ordo_buf_put(ordo_buf *b, const char *s, size_t len)
{
	if (!buf_grow(b, len))
		return;
	if (len)
		memcpy(b->ptr + b->len, s, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

char *ordo_buf_reserve(ordo_buf *b, size_t n)
{
	return buf_grow(b, n) ? b->ptr + b->len : NULL;
}

void ordo_buf_puts(ordo_buf *b, const char *s)
{
	ordo_buf_put(b, s, strlen(s));
}

void ordo_buf_putc(ordo_buf *b, char c)
{
	ordo_buf_put(b, &c, 1);
}

void ordo_buf_vprintf(ordo_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ordo_buf_printf(ordo_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ordo_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *ordo_buf_cstr(ordo_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void ordo_buf_clear(ordo_buf *b)
{
	b->len = 0;
	b->oom = false;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void ordo_buf_release(ordo_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

char *ordo_buf_detach(ordo_buf *b)
{
	char *p = b->ptr ? b->ptr : ordo_xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- vector ---- */

void ordo_vec_push(ordo_vec *v, void *item)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = ordo_xrealloc(v->items, v->cap * sizeof(void *));
	}
	v->items[v->len++] = item;
}

void ordo_vec_release(ordo_vec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

/* ---- diagnostics ---- */

void ordo_diag_vadd(ordo_diag *d, const ordo_loc *loc, const char *fmt, va_list ap)
{
	size_t limit = d->limit ? d->limit : 100;
	if (d->len >= limit) {
		d->dropped++;
		return;
	}
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = ordo_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	ordo_buf b = ORDO_BUF_INIT;
	b.limit = 4096;
	ordo_buf_vprintf(&b, fmt, ap);
	ordo_diag_entry *e = &d->items[d->len++];
	if (loc)
		e->loc = *loc;
	else
		memset(&e->loc, 0, sizeof(e->loc));
	/* the file name may live in a document freed before the list is printed */
	if (e->loc.file)
		e->loc.file = ordo_xstrdup(e->loc.file);
	e->message = ordo_buf_detach(&b);
}

void ordo_diag_add(ordo_diag *d, const ordo_loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ordo_diag_vadd(d, loc, fmt, ap);
	va_end(ap);
}

static int diag_cmp(const void *x, const void *y)
{
	const ordo_diag_entry *a = *(ordo_diag_entry *const *)x, *b = *(ordo_diag_entry *const *)y;
	int f = strcmp(a->loc.file ? a->loc.file : "", b->loc.file ? b->loc.file : "");
	if (f)
		return f;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return a < b ? -1 : a > b; /* stable: the order they were found in */
}

void ordo_diag_print(const ordo_diag *d, void *fp)
{
	FILE *f = fp;
	/* in the order of the file, whatever order the checks ran in */
	const ordo_diag_entry **order = ordo_xmalloc(sizeof(*order) * (d->len + 1));
	for (size_t i = 0; i < d->len; i++)
		order[i] = &d->items[i];
	ordo_sort(order, d->len, sizeof(*order), diag_cmp);
	for (size_t i = 0; i < d->len; i++) {
		const ordo_diag_entry *e = order[i];
		if (e->loc.file && e->loc.line)
			fprintf(f, "%s:%u:%u: %s\n", e->loc.file, e->loc.line, e->loc.col,
				e->message);
		else if (e->loc.file)
			fprintf(f, "%s: %s\n", e->loc.file, e->message);
		else
			fprintf(f, "%s\n", e->message);
	}
	free(order);
	if (d->dropped)
		fprintf(f, "ordo: %zu more problems not shown\n", d->dropped);
}

void ordo_diag_release(ordo_diag *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->items[i].message);
		free((char *)d->items[i].loc.file);
	}
	free(d->items);
	d->items = NULL;
	d->len = d->cap = d->dropped = 0;
}

/* ---- hash map (open addressing) ---- */

/* Eight bytes at a time: a million host names of 30 to 40 bytes are hashed
 * while a large estate is read. Case-insensitive keys are hashed with bit
 * 0x20 set in every byte, which makes 'A'..'Z' their lower case (and maps
 * a few other ASCII pairs together, which only costs a comparison). */
static uint64_t hash(const char *s, size_t n, bool nocase)
{
	const uint64_t fold = nocase ? 0x2020202020202020ULL : 0;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
	uint64_t w;
	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ (w | fold)) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	if (n) {
		/* the last 1 to 7 bytes, read without a partial copy (which
		 * would stall the load that follows it) */
		if (n >= 4) {
			uint32_t a, b;
			memcpy(&a, s, 4);
			memcpy(&b, s + n - 4, 4);
			w = (uint64_t)a | (uint64_t)b << 32;
		} else {
			w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
			    (uint64_t)(unsigned char)s[n - 1] << 16;
		}
		h = (h ^ (w | fold)) * 0xff51afd7ed558ccdULL;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t ordo_hash(const char *s, size_t n, bool nocase)
{
	return hash(s, n, nocase);
}

static inline unsigned char lower(unsigned char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static bool key_eq(const ordo_map *m, const ordo_map_slot *sl, const char *key, size_t keylen)
{
	if (sl->len != keylen)
		return false;
	if (memcmp(sl->key, key, keylen) == 0)
		return true;
	if (!m->nocase)
		return false;
	for (size_t k = 0; k < keylen; k++)
		if (lower((unsigned char)sl->key[k]) != lower((unsigned char)key[k]))
			return false;
	return true;
}

static void map_grow(ordo_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	ordo_map_slot *ns = ordo_xmalloc_large(ncap * sizeof(*ns));
	memset(ns, 0, ncap * sizeof(*ns));
	for (size_t i = 0; i < m->cap; i++) {
		ordo_map_slot *sl = &m->slots[i];
		if (!sl->key)
			continue;
		size_t j = sl->hash & (ncap - 1);
		while (ns[j].key)
			j = (j + 1) & (ncap - 1);
		ns[j] = *sl;
	}
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

void *ordo_map_put(ordo_map *m, const char *key, size_t keylen, void *val)
{
	if ((m->len + 1) * 4 >= m->cap * 3)
		map_grow(m);
	uint32_t h = (uint32_t)hash(key, keylen, m->nocase);
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key) {
		ordo_map_slot *sl = &m->slots[i];
		if (sl->hash == h && key_eq(m, sl, key, keylen)) {
			void *old = sl->val;
			sl->val = val;
			return old;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->slots[i] = (ordo_map_slot){key, (uint32_t)keylen, h, val};
	m->len++;
	return NULL;
}

void *ordo_map_insert(ordo_map *m, const char *key, size_t keylen, void *val)
{
	if ((m->len + 1) * 4 >= m->cap * 3)
		map_grow(m);
	uint32_t h = (uint32_t)hash(key, keylen, m->nocase);
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key) {
		ordo_map_slot *sl = &m->slots[i];
		if (sl->hash == h && key_eq(m, sl, key, keylen))
			return sl->val;
		i = (i + 1) & (m->cap - 1);
	}
	m->slots[i] = (ordo_map_slot){key, (uint32_t)keylen, h, val};
	m->len++;
	return NULL;
}

void *ordo_map_get(const ordo_map *m, const char *key, size_t keylen)
{
	if (!m->cap)
		return NULL;
	uint32_t h = (uint32_t)hash(key, keylen, m->nocase);
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key) {
		const ordo_map_slot *sl = &m->slots[i];
		if (sl->hash == h && key_eq(m, sl, key, keylen))
			return sl->val;
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

void ordo_map_release(ordo_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
	/* nocase stays: the map can be used again the same way */
}

/* ---- files ---- */

int ordo_read_file(char **out, size_t *len_out, const char *path, size_t limit, const char **why)
{
	*out = NULL;
	*len_out = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return ORDO_ENOTFOUND;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
		close(fd);
		return ORDO_ENOTFOUND;
	}
	if ((uint64_t)st.st_size > limit) {
		*why = "file too large";
		close(fd);
		return ORDO_EINVALID;
	}
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = ordo_xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > limit) {
				free(buf);
				close(fd);
				*why = "file too large";
				return ORDO_EINVALID;
			}
			cap *= 2;
			buf = ordo_xrealloc(buf, cap);
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			free(buf);
			close(fd);
			return ORDO_ENOTFOUND;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*len_out = len;
	return 0;
}

/* ---- suggestions ---- */

static char fold_case(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t ordo_edit_distance(const char *a, size_t alen, const char *b, size_t max)
{
	return ordo_edit_distance_n(a, alen, b, strlen(b), max);
}

size_t ordo_edit_distance_n(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	if ((alen > blen ? alen - blen : blen - alen) > max)
		return max + 1;
	if (blen > 256 || alen > 256)
		return max + 1; /* names, not texts */
	/* three rows of the optimal string alignment table */
	size_t rows[3][257];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t best = cur[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = fold_case(a[i - 1]) != fold_case(b[j - 1]);
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && fold_case(a[i - 1]) == fold_case(b[j - 2]) &&
			    fold_case(a[i - 2]) == fold_case(b[j - 1]) && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen] > max ? max + 1 : prev[blen];
}

/* Whether a and b hold the same digits in the same order: a release
 * ("2019") is not a misspelling of another one ("2016"). */
static bool same_digits(const char *a, size_t alen, const char *b)
{
	size_t i = 0;
	for (;; b++) {
		while (i < alen && (a[i] < '0' || a[i] > '9'))
			i++;
		while (*b && (*b < '0' || *b > '9'))
			b++;
		if (i == alen || !*b)
			return i == alen && !*b;
		if (a[i++] != *b)
			return false;
	}
}

const char *ordo_closest(const char *s, size_t len, const char *const *cands, size_t n)
{
	size_t max = len / 3 ? len / 3 : 1;
	if (max > 3)
		max = 3;
	const char *best = NULL;
	size_t bd = max + 1;
	for (size_t i = 0; i < n && cands[i]; i++) {
		size_t d = ordo_edit_distance(s, len, cands[i], max);
		if (d < bd && same_digits(s, len, cands[i])) {
			bd = d;
			best = cands[i];
		}
	}
	return best;
}

void ordo_buf_did_you_mean(ordo_buf *b, const char *s, size_t len, const char *const *cands,
			   size_t n)
{
	const char *c = ordo_closest(s, len, cands, n);
	if (c)
		ordo_buf_printf(b, ", did you mean '%s'?", c);
}
