/* SPDX-License-Identifier: MIT */
/*
 * input.h: the bytes the front ends read, whatever the input was.
 *
 * The front ends read UTF-8 from a FILE*. Two inputs need a stream in
 * between: standard input, which cannot be read twice, so the bytes read
 * to pick the syntax are handed over again first; and UTF-16 (what
 * Windows PowerShell 5.1 writes), which is transcoded to UTF-8 as it is
 * read, a block at a time, never as a whole copy. A character UTF-16
 * cannot encode (an unpaired surrogate, an odd byte at the end) stops the
 * stream with EILSEQ; the loader then reports the message kept here, at
 * the line and column of that character.
 */
#ifndef ORDO_INPUT_H
#define ORDO_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
	ORDO_ENC_UTF8 = 0,
	ORDO_ENC_UTF16LE,
	ORDO_ENC_UTF16BE,
	ORDO_ENC_UNREAD, /* an encoding ordo does not read */
};

/**
 * The encoding the first bytes of an input show (n: up to 4 of them, fewer
 * only when the input is that short). A UTF-16 byte order mark gives
 * UTF-16; a UTF-32 one, or NUL bytes where UTF-16 or UTF-32 without a mark
 * would have them, gives ORDO_ENC_UNREAD with *what naming what was seen;
 * anything else is UTF-8 (whose own checks are the front ends').
 */
int ordo_input_encoding(const unsigned char *p, size_t n, const char **what);

/** The syntax (ORDO_SYNTAX_YAML / _JSON) of an input in encoding enc,
 * from its bytes p[0..n) found at offset (even, for UTF-16) in it:
 * ORDO_SYNTAX_AUTO while they are blank (or a byte order mark). */
int ordo_input_sniff(const unsigned char *p, size_t n, size_t offset, int enc);

typedef struct ordo_input ordo_input;

/**
 * A stream over fd (from its current offset) or, with fd < 0, over
 * mem[0..len), that first gives pre[0..npre) (bytes already read from fd;
 * copied) and decodes enc to UTF-8. Columns of characters in messages
 * count as the syntax does (json: a carriage return is a column).
 * @param[out] fp  the stream to read; close it with fclose() before
 *                 ordo_input_free()
 * The caller frees the input with ordo_input_free(); fd stays open.
 */
ordo_input *ordo_input_new(FILE **fp, int fd, const void *mem, size_t len, const void *pre,
			   size_t npre, int enc, bool json);
void ordo_input_free(ordo_input *in);

/** Once the stream has failed on what it read: the message and where. */
const char *ordo_input_error(const ordo_input *in, uint32_t *line, uint32_t *col);

#endif
