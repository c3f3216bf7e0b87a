/* SPDX-License-Identifier: MIT */
/*
 * json_writer.h: write JSON into a buffer with keys in the caller's order.
 * Pretty-printed with two-space indentation; strings are escaped so any
 * bytes from an estate come out as valid JSON (invalid UTF-8 becomes
 * U+FFFD).
 */
#ifndef ORDO_JSON_WRITER_H
#define ORDO_JSON_WRITER_H

#include "util.h"

typedef struct {
	ordo_buf *out;
	int depth;
	bool first[64];
	bool flat[64];    /* the container at this depth keeps its items on one line */
	bool after_key;
	bool pretty;
} ordo_jw;

void ordo_jw_init(ordo_jw *w, ordo_buf *out, bool pretty);
void ordo_jw_object_begin(ordo_jw *w);
void ordo_jw_object_end(ordo_jw *w);
void ordo_jw_array_begin(ordo_jw *w);
/** An array of scalars written on one line, ["a", "b"], however long:
 * a step's million server names are then a line, not a million. */
void ordo_jw_array_begin_flat(ordo_jw *w);
void ordo_jw_array_end(ordo_jw *w);
void ordo_jw_key(ordo_jw *w, const char *key);
void ordo_jw_string(ordo_jw *w, const char *s); /* NULL writes null */
void ordo_jw_stringn(ordo_jw *w, const char *s, size_t len);
/** A list of n strings on one line (ordo_jw_array_begin_flat); NULL items
 * are null. What most lists of names are, plain ASCII, is copied as is. */
void ordo_jw_string_list(ordo_jw *w, const char *const *items, size_t n);
void ordo_jw_int(ordo_jw *w, long long v);
void ordo_jw_bool(ordo_jw *w, bool v);
void ordo_jw_null(ordo_jw *w);
/** Escape s as a JSON string literal (with quotes) into out. */
void ordo_json_escape(ordo_buf *out, const char *s, size_t len);

#endif
