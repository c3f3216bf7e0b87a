/* SPDX-License-Identifier: MIT */
/*
 * fuzz_journal.c: opening a journal that may be anything.
 *
 * The input is written to a file and opened as a journal, as `ordo
 * status`, `ack` and `run` do. A journal that opens is read the way status
 * reads it (meta values, the plan parsed as JSON and shown as the HTML
 * status page, steps, outputs, transitions), then written the way run and
 * ack write it (lock, a transition, an output, a meta value, a replan)
 * and read again. SQLite itself is not the subject: what ordo does with
 * whatever a damaged or hand-edited journal holds is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "journal.h"
#include "loader.h"
#include "render.h"

static char path[300];
static char side[4][320]; /* -wal, -shm, -journal, .lock */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("ORDO_NOW", FUZZ_NOW, 1);
	snprintf(path, sizeof(path), "%s/journal.db", fuzz_tmpdir());
	static const char *const ext[4] = {"-wal", "-shm", "-journal", ".lock"};
	for (int i = 0; i < 4; i++)
		snprintf(side[i], sizeof(side[i]), "%s%s", path, ext[i]);
	return 0;
}

static void clean(void)
{
	unlink(path);
	for (int i = 0; i < 4; i++)
		unlink(side[i]);
}

static void check_steps(const ordo_jstep *st, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (st[i].state >= ORDO_STATE_N) {
			fprintf(stderr, "fuzz_journal: step %u has state %d\n", st[i].id,
				(int)st[i].state);
			abort();
		}
}

/* What `ordo status` reads. */
static void read_journal(ordo_journal *j)
{
	static const char *const keys[] = {"plan",       "end_state",          "fingerprint",
					   "estate",     "estate_fingerprint", "catalog_fingerprint",
					   "created",    "application"};
	char *plan = NULL;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *v = ordo_journal_meta(j, keys[i]);
		if (i == 0)
			plan = v;
		else
			free(v);
	}
	(void)ordo_journal_has_plan(j);
	(void)ordo_journal_locked_by_other(j);
	ordo_jstep *st = NULL;
	uint32_t n = 0;
	ordo_journal_steps(j, &st, &n);
	check_steps(st, n);
	const char **outputs = calloc(n + 1, sizeof(*outputs));
	char **owned = calloc(n + 1, sizeof(*owned));
	for (uint32_t i = 0; i < n && i < 16; i++) {
		ordo_joutput *o = NULL;
		uint32_t no = 0;
		ordo_journal_outputs(j, st[i].id, &o, &no);
		ordo_buf b = ORDO_BUF_INIT;
		for (uint32_t k = 0; k < no; k++)
			ordo_buf_printf(&b, "%s %d %u %s %s\n", o[k].server ? o[k].server : "",
					o[k].exit_code, o[k].attempt, o[k].output ? o[k].output : "",
					o[k].finished ? o[k].finished : "");
		ordo_journal_outputs_free(o, no);
		outputs[i] = owned[i] = ordo_buf_detach(&b);
	}
	ordo_jtransition *t = NULL;
	uint32_t nt = 0;
	ordo_journal_transitions(j, &t, &nt);
	ordo_journal_transitions_free(t, nt);
	if (plan) {
		ordo_doc *doc = NULL;
		ordo_diag d = ORDO_DIAG_INIT;
		ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
		lo.syntax = ORDO_SYNTAX_JSON;
		if (ordo_load_buffer(&doc, plan, strlen(plan), "journal plan", &lo, &d) == 0 &&
		    doc->root) {
			ordo_html_run run = {"waiting", path, st, n, outputs};
			ordo_buf out = ORDO_BUF_INIT;
			ordo_render_html_doc(&out, doc->root, &run);
			ordo_buf_release(&out);
		}
		ordo_doc_free(doc);
		ordo_diag_release(&d);
	}
	for (uint32_t i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(outputs);
	ordo_journal_steps_free(st, n);
	free(plan);
}

/* What `ordo run` and `ordo ack` write. */
static void write_journal(ordo_journal *j)
{
	char *err = NULL;
	if (ordo_journal_lock(j, &err) != 0) {
		free(err);
		return;
	}
	ordo_jstep *st = NULL;
	uint32_t n = 0;
	ordo_journal_steps(j, &st, &n);
	uint32_t first = n ? st[0].id : 1;
	ordo_journal_steps_free(st, n);
	ordo_journal_transition(j, first, ORDO_STATE_N, ORDO_STATE_RUNNING, NULL, NULL, NULL, &err);
	free(err);
	ordo_joutput o = {first, 1, "VMM01", 0, "ok", NULL};
	ordo_journal_output(j, &o, &err);
	free(err);
	ordo_journal_transition(j, first, ORDO_STATE_RUNNING, ORDO_STATE_DONE, "fuzz", "note",
				NULL, &err);
	free(err);
	ordo_journal_set_meta(j, "end_state", "[]", &err);
	free(err);
	const uint32_t ids[2] = {1, 2};
	const uint32_t map[2] = {first, 0};
	ordo_journal_replan(j, "{\"steps\": []}", "sha256:0", "sha256:1", "sha256:2", ids, map, 2,
			    "fuzz", &err);
	free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clean();
	fuzz_write_file(path, data, size);
	ordo_journal *j = NULL;
	char *err = NULL;
	if (ordo_journal_open(&j, path, false, &err) == 0) {
		read_journal(j);
		write_journal(j);
		read_journal(j);
	}
	ordo_journal_close(j);
	free(err);
	clean();
	return 0;
}
