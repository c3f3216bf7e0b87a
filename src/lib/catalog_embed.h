/* SPDX-License-Identifier: MIT */
/* The built-in catalog, embedded at build time by tools/embed.c. */
#ifndef ORDO_CATALOG_EMBED_H
#define ORDO_CATALOG_EMBED_H
#include <stddef.h>

typedef struct {
	const char *path; /* relative to catalog/, e.g. "system-center/suite.yaml" */
	const char *data; /* NUL-terminated */
	size_t len;
} ordo_embedded_file;

/* Sorted by path; ends with an entry whose path is NULL. */
extern const ordo_embedded_file ordo_embedded_catalog[];

#endif
