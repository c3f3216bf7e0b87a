/* SPDX-License-Identifier: MIT */
/*
 * sha256.h: SHA-256 for plan and journal fingerprints. A thin wrapper over
 * OpenSSL's libcrypto, which uses the processor's SHA instructions where
 * there are some: fingerprinting a 200 MB estate is then a small part of
 * checking it.
 */
#ifndef ORDO_SHA256_H
#define ORDO_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Small updates (a fingerprint feeds a few bytes at a time) are gathered
 * in buf and digested in blocks: each call into libcrypto costs as much as
 * digesting a hundred bytes. */
typedef struct {
	void *ctx; /* EVP_MD_CTX, freed by ordo_sha256_hex() */
	size_t n;  /* bytes waiting in buf */
	unsigned char buf[16384];
} ordo_sha256;

void ordo_sha256_init(ordo_sha256 *s);
void ordo_sha256_update_slow(ordo_sha256 *s, const void *data, size_t len);
static inline void ordo_sha256_update(ordo_sha256 *s, const void *data, size_t len)
{
	if (len <= sizeof(s->buf) - s->n) {
		if (len)
			memcpy(s->buf + s->n, data, len);
		s->n += len;
		return;
	}
	ordo_sha256_update_slow(s, data, len);
}
/** Finish (and free the context); hex receives 64 lowercase hex digits and a NUL. */
void ordo_sha256_hex(ordo_sha256 *s, char hex[65]);

#endif
