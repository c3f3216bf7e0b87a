/* SPDX-License-Identifier: MIT */
#include "sha256.h"

#include <openssl/evp.h>

#include "util.h"

void ordo_sha256_init(ordo_sha256 *s)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		ordo_die("cannot start a SHA-256 digest");
	s->ctx = ctx;
}

void ordo_sha256_update(ordo_sha256 *s, const void *data, size_t len)
{
	if (len && EVP_DigestUpdate(s->ctx, data, len) != 1)
		ordo_die("SHA-256 digest failed");
}

void ordo_sha256_hex(ordo_sha256 *s, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
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
