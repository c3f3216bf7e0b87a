/* SPDX-License-Identifier: MIT */
#include "sha256.h"

#include <openssl/evp.h>
#include <string.h>

#include "util.h"

void ordo_sha256_init(ordo_sha256 *s)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		ordo_die("cannot start a SHA-256 digest");
	s->ctx = ctx;
	s->n = 0;
}

static void flush(ordo_sha256 *s)
{
	if (s->n && EVP_DigestUpdate(s->ctx, s->buf, s->n) != 1)
		ordo_die("SHA-256 digest failed");
	s->n = 0;
}

void ordo_sha256_update_slow(ordo_sha256 *s, const void *data, size_t len)
{
	flush(s);
	if (len < sizeof(s->buf)) {
		memcpy(s->buf, data, len);
		s->n = len;
	} else if (EVP_DigestUpdate(s->ctx, data, len) != 1) {
		ordo_die("SHA-256 digest failed");
	}
}

void ordo_sha256_hex(ordo_sha256 *s, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	flush(s);
	if (EVP_DigestFinal_ex(s->ctx, md, &n) != 1 || n != 32)
		ordo_die("SHA-256 digest failed");
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}
