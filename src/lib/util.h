/* SPDX-License-Identifier: MIT */
/*
 * util.h: the engine's small toolbox: error codes, diagnostics with
 * file:line:col, an arena for everything a parsed file owns, a growable
 * buffer with a hard cap, and a string-keyed hash table.
 *
 * Ownership: everything allocated from an arena lives until
 * ordo_arena_free() on that arena; nothing in it is freed one by one.
 */
#ifndef ORDO_UTIL_H
#define ORDO_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define ORDO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ORDO_PRINTF(f, a)
#endif

/* Error codes returned by library functions (0 is success). */
enum {
	ORDO_OK = 0,
	ORDO_ERROR = -1,     /* generic or out of memory */
	ORDO_ENOTFOUND = -2, /* a file or entry does not exist */
	ORDO_EINVALID = -3,  /* bad input; details in the diagnostics */
	ORDO_ECONFLICT = -4, /* no plan exists */
	ORDO_ELOCKED = -5,   /* journal held by another runner */
	ORDO_ESCHEMA = -6,   /* journal written by a newer ordo */
	ORDO_EIO = -7,       /* a file could not be written (disk full, I/O error) */
};

/* ---- arena ---------------------------------------------------------- */

typedef struct ordo_arena ordo_arena;

/** Create an arena; free it with ordo_arena_free(). NULL when out of memory. */
ordo_arena *ordo_arena_new(void);
/** Free every allocation of the arena at once; NULL is a no-op. */
void ordo_arena_free(ordo_arena *a);
/** Forget every allocation of the arena at once, keeping one block for
 * reuse: a reset arena is like a new one. NULL is a no-op. */
void ordo_arena_reset(ordo_arena *a);
/** Zeroed memory owned by the arena; never NULL (aborts on OOM). */
void *ordo_arena_alloc(ordo_arena *a, size_t size);
/** Like ordo_arena_alloc, but not zeroed: for memory the caller fills. */
void *ordo_arena_alloc_raw(ordo_arena *a, size_t size);
/** Zeroed, aligned for pointers only (not max_align_t): for many small
 * records, which then take their size and no padding. */
void *ordo_arena_alloc_small(ordo_arena *a, size_t size);
/** A NUL-terminated copy of s[0..len) owned by the arena. */
char *ordo_arena_strndup(ordo_arena *a, const char *s, size_t len);
char *ordo_arena_strdup(ordo_arena *a, const char *s);
/** printf into the arena. */
char *ordo_arena_printf(ordo_arena *a, const char *fmt, ...) ORDO_PRINTF(2, 3);
/** Bytes handed out so far (for benchmarks). */
size_t ordo_arena_used(const ordo_arena *a);

/* ---- growable buffer ------------------------------------------------ */

typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
	size_t limit; /* 0: ORDO_BUF_DEFAULT_LIMIT */
	bool oom;     /* set once an append failed or hit the limit */
	void *sink;   /* FILE*: when set, content is written out as it grows */
	bool failed;  /* writing to the sink failed */
} ordo_buf;

#define ORDO_BUF_INIT {NULL, 0, 0, 0, false, NULL, false}
/** Write out what the buffer holds to its sink (if any) and empty it. */
void ordo_buf_flush(ordo_buf *b);
#define ORDO_BUF_DEFAULT_LIMIT ((size_t)1 << 31)

void ordo_buf_put(ordo_buf *b, const char *s, size_t len);
/** Room for n more bytes at the end, to be written and then counted with
 * ordo_buf_commit(); NULL once the buffer failed (nothing to write). */
char *ordo_buf_reserve(ordo_buf *b, size_t n);
/** Count n bytes written into the room ordo_buf_reserve() gave. */
static inline void ordo_buf_commit(ordo_buf *b, size_t n)
{
	b->len += n;
	b->ptr[b->len] = '\0';
}
void ordo_buf_puts(ordo_buf *b, const char *s);
void ordo_buf_putc(ordo_buf *b, char c);
void ordo_buf_printf(ordo_buf *b, const char *fmt, ...) ORDO_PRINTF(2, 3);
void ordo_buf_vprintf(ordo_buf *b, const char *fmt, va_list ap) ORDO_PRINTF(2, 0);
/** The content as a NUL-terminated string ("" when empty); borrowed. */
const char *ordo_buf_cstr(ordo_buf *b);
void ordo_buf_clear(ordo_buf *b);
void ordo_buf_release(ordo_buf *b);
/** Hand the malloc'ed content to the caller (free() it) and reset b. */
char *ordo_buf_detach(ordo_buf *b);

/* ---- generic vector of pointers ------------------------------------- */

typedef struct {
	void **items;
	size_t len;
	size_t cap;
} ordo_vec;

#define ORDO_VEC_INIT {NULL, 0, 0}
void ordo_vec_push(ordo_vec *v, void *item);
void ordo_vec_release(ordo_vec *v);

/* ---- diagnostics ---------------------------------------------------- */

typedef struct {
	const char *file; /* borrowed; NULL when there is no file */
	uint32_t line;    /* 1-based; 0 when unknown */
	uint32_t col;     /* 1-based; 0 when unknown */
} ordo_loc;

typedef struct ordo_diag_entry {
	ordo_loc loc; /* loc.file is a copy owned by the list */
	char *message;
} ordo_diag_entry;

/* A list of problems found in input files; every loader appends all it
 * finds before returning ORDO_EINVALID so one run reports them all. */
typedef struct {
	ordo_diag_entry *items;
	size_t len;
	size_t cap;
	size_t limit; /* stop recording after this many (0: 100) */
	size_t dropped;
} ordo_diag;

#define ORDO_DIAG_INIT {NULL, 0, 0, 0, 0}

void ordo_diag_add(ordo_diag *d, const ordo_loc *loc, const char *fmt, ...) ORDO_PRINTF(3, 4);
void ordo_diag_vadd(ordo_diag *d, const ordo_loc *loc, const char *fmt, va_list ap) ORDO_PRINTF(3, 0);
/** Write "file:line:col: message" lines. */
void ordo_diag_print(const ordo_diag *d, void *file /* FILE* */);
void ordo_diag_release(ordo_diag *d);

/* ---- hash table: string -> pointer ---------------------------------- */

typedef struct {
	const char *key; /* borrowed; must outlive the table; NULL: empty slot */
	uint32_t len;
	uint32_t hash;   /* compared before the key, so a probe rarely touches it */
	void *val;
} ordo_map_slot;

typedef struct {
	ordo_map_slot *slots;
	size_t cap; /* power of two */
	size_t len;
	bool nocase; /* ASCII case-insensitive keys (host names) */
} ordo_map;

#define ORDO_MAP_INIT {NULL, 0, 0, false}
#define ORDO_MAP_INIT_NOCASE {NULL, 0, 0, true}
/** Insert or replace; keys are borrowed. Returns the previous value or NULL. */
void *ordo_map_put(ordo_map *m, const char *key, size_t keylen, void *val);
void *ordo_map_get(const ordo_map *m, const char *key, size_t keylen);
/** Insert unless the key is there: returns the value already stored (and
 * stores nothing), or NULL after storing val. One probe for both. */
void *ordo_map_insert(ordo_map *m, const char *key, size_t keylen, void *val);
void ordo_map_release(ordo_map *m);
/** The hash the maps use for key[0..n): with nocase, ASCII letters hash as their lower case. */
uint64_t ordo_hash(const char *key, size_t n, bool nocase);

/* ---- misc ----------------------------------------------------------- */

/** qsort that accepts an empty (even NULL) array, which qsort does not. */
void ordo_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/** Abort with a message: only for programmer errors and out of memory. */
_Noreturn void ordo_die(const char *fmt, ...) ORDO_PRINTF(1, 2);
void *ordo_xmalloc(size_t n);
void *ordo_xcalloc(size_t n, size_t size);
void *ordo_xrealloc(void *p, size_t n);
/** Zeroed, on cache lines of its own (64 bytes, the size rounded up):
 * for what one thread writes while another works beside it, so that
 * neither slows the other by sharing a line. free() it. */
void *ordo_xcalloc_lines(size_t size);
/** For large tables and blocks (see util.c); free() it. */
void *ordo_xmalloc_large(size_t n);
char *ordo_xstrdup(const char *s);

/** Read a whole regular file (at most limit bytes). 0, ORDO_ENOTFOUND
 * (missing, unreadable, a directory or special file: errno-style reason in
 * *why), or ORDO_EINVALID (larger than limit). Caller frees *out. */
int ordo_read_file(char **out, size_t *len_out, const char *path, size_t limit, const char **why);

bool ordo_streq(const char *a, size_t alen, const char *b);

/* ---- suggestions ---------------------------------------------------- */

/** The edit distance between a[0..alen) and b (insertions, deletions,
 * substitutions and swaps of neighbours; case ignored), or max + 1 once
 * it is known to exceed max. */
size_t ordo_edit_distance(const char *a, size_t alen, const char *b, size_t max);
/** The same for b[0..blen), which need not end in a NUL. */
size_t ordo_edit_distance_n(const char *a, size_t alen, const char *b, size_t blen, size_t max);
/** Of the n candidates (n = SIZE_MAX: up to a NULL), the one closest to
 * s[0..len) when it is close enough to be what was meant (a third of the
 * length at most, at least one edit, at most three, and the same digits
 * in the same order), else NULL. Ties go to the first. */
const char *ordo_closest(const char *s, size_t len, const char *const *cands, size_t n);
/** Append ", did you mean 'x'?" to b when a candidate is close to s. */
void ordo_buf_did_you_mean(ordo_buf *b, const char *s, size_t len, const char *const *cands,
			   size_t n);

#endif
