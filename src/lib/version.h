/* SPDX-License-Identifier: MIT */
/*
 * version.h: ordered vocabularies ("scales") and versions on them.
 *
 * The engine does not know what a release is called: the catalog declares
 * each scale (product releases, SQL Server versions, operating systems) as
 * an ordered list of names, optionally followed by a numbered suffix such
 * as " UR9" or " CU8". A version is a position on a scale plus that number;
 * versions compare by position, then by number (absent counts as 0).
 */
#ifndef ORDO_VERSION_H
#define ORDO_VERSION_H

#include "util.h"

typedef struct ordo_scale {
	const char *name;      /* "release", "sql", "os", ... */
	const char **entries;  /* oldest first */
	uint32_t n;
	const char *suffix;    /* "UR", "CU"; NULL when the scale has none */
	/* for a scale of shared infrastructure (a database server's versions,
	 * an operating system): what reports call it, and how the plan names
	 * the step that upgrades it (all NULL when the catalog says nothing) */
	const char *title;            /* "SQL Server" */
	const char *step_product;     /* the step's "product": "sql_server" */
	const char *step_role;        /* the step's "role": "sql_instance" */
	const char *default_instance; /* the instance a database names by default */
	/* How names are written where they come from (an operating system
	 * as Windows reports it): words dropped before an entry, and words
	 * that may follow it; both compared without case. */
	const char **prefixes;
	uint32_t nprefixes;
	const char **editions;
	uint32_t neditions;
} ordo_scale;

typedef struct {
	const ordo_scale *scale; /* NULL: not a version */
	int32_t idx;             /* index into scale->entries */
	int32_t sub;             /* the suffix number; -1 when not given */
} ordo_version;

#define ORDO_VERSION_SUB_MAX 99999

/**
 * Parse "<entry>[ <suffix><n>]" on scale s. The longest matching entry
 * wins, so "2012 R2 UR9" is "2012 R2" + UR9 and not "2012" + junk. The
 * suffix follows exactly one space; n is decimal digits only, at most
 * ORDO_VERSION_SUB_MAX. On a scale with prefixes and editions, one prefix
 * and a space may come first, and editions may follow the entry, each
 * after a space (or a colon and a space): "Microsoft Windows Server 2019
 * Standard", "Windows Server 2022 Datacenter: Azure Edition"; they are
 * not part of the version ("unknown edition" when a word is none).
 * @return 0, or ORDO_EINVALID with *why (may be NULL) set to a static
 *         explanation: "empty version", "unknown release" (also when what
 *         follows an entry does not start like the suffix: "2012 R3"),
 *         "unexpected text after the release" (on a scale without a suffix),
 *         "malformed suffix" or "number too large".
 */
int ordo_version_parse(ordo_version *out, const ordo_scale *s, const char *text, size_t len,
		       const char **why);
/** <0, 0, >0; versions on different scales compare by scale name. */
int ordo_version_cmp(const ordo_version *a, const ordo_version *b);
/** Only the entries: "2016 UR3" and "2016" are the same release. */
int ordo_version_cmp_release(const ordo_version *a, const ordo_version *b);
/** "2012 R2 UR9" into buf (always NUL-terminated, "" for a non-version;
 * nothing is written when size is 0). Returns buf. */
const char *ordo_version_str(const ordo_version *v, char *buf, size_t size);
/** Index of an entry by exact name, or -1. */
int ordo_scale_find(const ordo_scale *s, const char *name, size_t len);

#endif
