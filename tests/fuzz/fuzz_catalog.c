/* SPDX-License-Identifier: MIT */
/*
 * fuzz_catalog.c: a catalog file, alone and as an extension.
 *
 * The input is loaded twice: as the whole catalog (--catalog-only) and as
 * a file added to the built-in catalog (--catalog), which replaces the
 * built-in entries with the same ids. A catalog that loads alone is also
 * linted. Every catalog that loads then gets an estate made from it (each
 * product from its first release to its last, every role with members)
 * and that estate is checked and planned, so conditions, tasks, orders and
 * procedures written by the input are evaluated, not only parsed. A plan
 * that fails verification is not a bug here: the input may write
 * invariants no plan can keep.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "json_writer.h"
#include "plan.h"

static fuzz_memfile input, estate;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_memfile_init(&input, "catalog");
	fuzz_memfile_init(&estate, "estate");
	return 0;
}

/* At most this many components, so a catalog of many products stays fast. */
#define MAX_COMPONENTS 12

static void write_estate(ordo_buf *out, const ordo_catalog *c)
{
	ordo_jw w;
	ordo_jw_init(&w, out, false);
	ordo_jw_object_begin(&w);
	ordo_jw_key(&w, "ordo");
	ordo_jw_int(&w, 1);
	ordo_jw_key(&w, "name");
	ordo_jw_string(&w, "fuzz");
	ordo_jw_key(&w, "components");
	ordo_jw_array_begin(&w);
	uint32_t n = 0;
	for (uint32_t i = 0; i < c->nproducts && n < MAX_COMPONENTS; i++) {
		const ordo_cat_product *p = &c->products[i];
		if (!p->nreleases)
			continue;
		char id[16];
		snprintf(id, sizeof(id), "c%u", n++);
		ordo_jw_object_begin(&w);
		ordo_jw_key(&w, "id");
		ordo_jw_string(&w, id);
		ordo_jw_key(&w, "product");
		ordo_jw_string(&w, p->id);
		ordo_jw_key(&w, "version");
		ordo_jw_string(&w, c->release.entries[p->releases[0]]);
		ordo_jw_key(&w, "target");
		ordo_jw_string(&w, c->release.entries[p->releases[p->nreleases - 1]]);
		ordo_jw_key(&w, "roles");
		ordo_jw_object_begin(&w);
		for (uint32_t r = 0; r < p->nroles; r++) {
			ordo_jw_key(&w, p->roles[r].id);
			if (p->roles[r].anonymous) {
				ordo_jw_object_begin(&w);
				ordo_jw_key(&w, "count");
				ordo_jw_int(&w, 3);
				ordo_jw_object_end(&w);
				continue;
			}
			/* members shared between neighbouring components and roles */
			char name[32];
			ordo_jw_array_begin(&w);
			snprintf(name, sizeof(name), "H%u", n + r);
			ordo_jw_string(&w, name);
			if (!p->roles[r].moves_to && !p->roles[r].initial) {
				snprintf(name, sizeof(name), "H%u", n + r + 1);
				ordo_jw_string(&w, name);
			}
			ordo_jw_array_end(&w);
		}
		ordo_jw_object_end(&w);
		ordo_jw_object_end(&w);
	}
	ordo_jw_array_end(&w);
	ordo_jw_object_end(&w);
}

static void plan_catalog(const ordo_catalog *c)
{
	ordo_buf text = ORDO_BUF_INIT;
	write_estate(&text, c);
	fuzz_memfile_set(&estate, (const uint8_t *)text.ptr, text.len);
	ordo_buf_release(&text);
	ordo_estate *e = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	if (ordo_estate_load(&e, estate.path, c, &d) == 0) {
		ordo_check_options co = ORDO_CHECK_OPTIONS_INIT;
		co.today = FUZZ_TODAY;
		ordo_report *r = NULL;
		ordo_plan *p = NULL;
		ordo_check_run(&r, e, &co);
		ordo_plan_build(&p, r);
		ordo_plan_free(p);
		ordo_report_free(r);
	}
	ordo_estate_free(e);
	ordo_diag_release(&d);
}

static int load(ordo_catalog **out, bool no_builtin, bool lint)
{
	const char *paths[] = {input.path};
	ordo_catalog_options o = ORDO_CATALOG_OPTIONS_INIT;
	o.paths = paths;
	o.npaths = 1;
	o.no_builtin = no_builtin;
	o.lint = lint;
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_catalog_load(out, &o, &d);
	ordo_diag_release(&d);
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_memfile_set(&input, data, size);
	ordo_catalog *c = NULL;
	if (load(&c, true, false) == 0) {
		plan_catalog(c);
		ordo_catalog_free(c);
		c = NULL;
		load(&c, true, true);
		ordo_catalog_free(c);
		c = NULL;
	}
	if (load(&c, false, false) == 0)
		plan_catalog(c);
	ordo_catalog_free(c);
	return 0;
}
