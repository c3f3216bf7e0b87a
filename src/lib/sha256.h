/* SPDX-License-Identifier: MIT */
/* sha256.h: SHA-256 (FIPS 180-4) for plan and journal fingerprints. */
#ifndef ORDO_SHA256_H
#define ORDO_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t block[64];
	size_t fill;
} ordo_sha256;

void ordo_sha256_init(ordo_sha256 *s);
void ordo_sha256_update(ordo_sha256 *s, const void *data, size_t len);
/** Finish; hex receives 64 lowercase hex digits and a NUL. */
void ordo_sha256_hex(ordo_sha256 *s, char hex[65]);

#endif
