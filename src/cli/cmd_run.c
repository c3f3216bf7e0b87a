/* SPDX-License-Identifier: MIT */
/*
 * cmd_run.c: `ordo run`, `ordo ack`, `ordo status` and `ordo verify`.
 */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "json_writer.h"
#include "loader.h"
#include "plan.h"
#include "run.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* `<estate file name>.ordo.db` beside the estate */
static char *default_journal(const char *estate)
{
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_printf(&b, "%s.ordo.db", estate);
	return ordo_buf_detach(&b);
}

/* --journal, else $ORDO_JOURNAL, else the one *.ordo.db in this folder. */
static int find_journal(cli_opts *o, char **out)
{
	*out = NULL;
	if (o->journal) {
		*out = ordo_xstrdup(o->journal);
		return 0;
	}
	const char *env = getenv("ORDO_JOURNAL");
	if (env && *env) {
		*out = ordo_xstrdup(env);
		return 0;
	}
	DIR *d = opendir(".");
	if (!d)
		return cli_usage_error(o, "name the journal with --journal <file>");
	struct dirent *de;
	int found = 0;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n > 8 && !strcmp(de->d_name + n - 8, ".ordo.db")) {
			if (!found++)
				*out = ordo_xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (found == 1)
		return 0;
	free(*out);
	*out = NULL;
	return cli_usage_error(o, found ? "several journals here: name one with --journal <file>"
				       : "no journal (*.ordo.db) here: name one with --journal <file>");
}

static void progress(void *ud, const char *line, bool transient)
{
	const cli_opts *o = ud;
	if (o->quiet)
		return;
	bool tty = isatty(STDERR_FILENO);
	if (transient) {
		if (tty)
			fprintf(stderr, "\r\033[K%.*s", 150, line);
		return;
	}
	if (tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "ordo: %s\n", line);
}

static int journal_error(int err)
{
	switch (err) {
	case ORDO_ELOCKED:
		return CLI_EXIT_TEMPFAIL;
	case ORDO_ENOTFOUND:
		return CLI_EXIT_NOINPUT;
	case ORDO_EINVALID:
	case ORDO_ESCHEMA:
		return CLI_EXIT_DATAERR;
	case ORDO_EIO:
		return CLI_EXIT_IOERR;
	default:
		return CLI_EXIT_SOFTWARE;
	}
}

int cmd_run(cli_opts *o)
{
	ordo_catalog *cat;
	ordo_estate *est;
	/* the journal's default place is beside the estate file */
	if (o->nargs == 1 && !strcmp(o->args[0], "-") && !o->journal)
		return cli_usage_error(o, "an estate read from standard input ('-') has no folder "
					  "for the journal: name it with --journal <file>");
	int rc = cli_load_estate(o, &cat, &est);
	if (rc)
		return rc;
	ordo_runbook *rb = NULL;
	if (o->runbook) {
		ordo_diag d = ORDO_DIAG_INIT;
		int err = ordo_runbook_load(&rb, o->runbook, &d);
		rc = cli_exit_for(err, &d);
		ordo_diag_release(&d);
		if (rc) {
			ordo_estate_free(est);
			ordo_catalog_free(cat);
			return rc;
		}
	}
	ordo_report *r = NULL;
	ordo_plan *plan = NULL;
	ordo_check_run(&r, est, NULL);
	ordo_plan_build(&plan, r);
	if (ordo_plan_nviolations(plan)) {
		fprintf(stderr, "ordo: internal error: the plan failed verification; nothing was run\n");
		rc = CLI_EXIT_SOFTWARE;
		goto done;
	}
	char *journal = o->journal ? ordo_xstrdup(o->journal) : default_journal(o->args[0]);
	uint32_t retry[64];
	for (size_t i = 0; i < o->nretry; i++) {
		char *end;
		unsigned long v = strtoul(o->retry[i], &end, 10);
		if (*end || !v || v > 0xffffffffUL) {
			free(journal);
			rc = cli_usage_error(o, "--retry takes a step number, not '%s'", o->retry[i]);
			goto done;
		}
		retry[i] = (uint32_t)v;
	}
	ordo_run_options ro;
	memset(&ro, 0, sizeof(ro));
	ro.journal = journal;
	ro.estate_path = o->args[0];
	ro.runbook = rb;
	ro.max_parallel = o->max_parallel > 0 ? (uint32_t)o->max_parallel : 1;
	ro.max_fail_percent = o->max_fail_percent;
	ro.dry_run = o->dry_run;
	ro.replan = o->replan;
	ro.retry = retry;
	ro.nretry = (uint32_t)o->nretry;
	const char *user = getenv("USER");
	ro.operator_ = user && *user ? user : "runner";
	ro.progress = progress;
	ro.ud = o;
	ro.stop = &stop_requested;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ordo_buf summary = ORDO_BUF_INIT;
	int err = ordo_run(plan, &ro, &summary);
	if (o->dry_run || err == 0 || err == 3)
		fputs(ordo_buf_cstr(&summary), stdout);
	else
		fputs(ordo_buf_cstr(&summary), stderr);
	ordo_buf_release(&summary);
	free(journal);
	rc = err == 0 ? 0 : err == 3 ? CLI_EXIT_RUN_STOPPED : journal_error(err);
done:
	ordo_plan_free(plan);
	ordo_report_free(r);
	ordo_runbook_free(rb);
	ordo_estate_free(est);
	ordo_catalog_free(cat);
	return rc;
}

int cmd_ack(cli_opts *o)
{
	if (o->nargs != 1)
		return cli_usage_error(o, "ack takes one step number");
	if (!o->by || !*o->by)
		return cli_usage_error(o, "say who did it with --by <name>");
	char *end;
	unsigned long id = strtoul(o->args[0], &end, 10);
	if (*end || !id || id > 0xffffffffUL)
		return cli_usage_error(o, "'%s' is not a step number", o->args[0]);
	char *path;
	int rc = find_journal(o, &path);
	if (rc)
		return rc;
	ordo_journal *j;
	char *err = NULL;
	int e = ordo_journal_open(&j, path, false, &err);
	if (e) {
		fprintf(stderr, "ordo: %s\n", err);
		free(err);
		free(path);
		return journal_error(e);
	}
	ordo_jstep *steps;
	uint32_t n;
	ordo_journal_steps(j, &steps, &n);
	int state = -1;
	for (uint32_t i = 0; i < n; i++)
		if (steps[i].id == id)
			state = (int)steps[i].state;
	ordo_journal_steps_free(steps, n);
	if (state < 0) {
		fprintf(stderr, "ordo: no step %lu in journal '%s'\n", id, path);
		rc = CLI_EXIT_DATAERR;
	} else if (state != ORDO_STATE_WAITING && state != ORDO_STATE_INTERRUPTED &&
		   state != ORDO_STATE_FAILED) {
		fprintf(stderr, "ordo: step %lu is %s; only a waiting, interrupted or failed step can be acknowledged\n",
			id, ordo_state_name((ordo_state)state));
		rc = CLI_EXIT_DATAERR;
	} else {
		e = ordo_journal_transition(j, (uint32_t)id, (ordo_state)state, ORDO_STATE_DONE, o->by,
					    o->note ? o->note : "", NULL, &err);
		if (e) {
			fprintf(stderr, "ordo: %s\n", err);
			rc = e == ORDO_ECONFLICT ? CLI_EXIT_TEMPFAIL : journal_error(e);
		} else if (!o->quiet) {
			printf("step %lu recorded as done by %s; 'ordo run' goes on from here\n", id, o->by);
		}
		free(err);
	}
	ordo_journal_close(j);
	free(path);
	return rc;
}

/* ---- status ---- */

typedef struct {
	uint32_t id, wave;
	const char *title;
	const char *action;
	const char *component;
} pstep;

static const char *text_of(const ordo_node *n)
{
	return n && ordo_node_is_scalar(n) && n->type != ORDO_NODE_NULL ? n->u.str : "";
}

int cmd_status(cli_opts *o)
{
	int rc = cli_format(o, "text,json,html");
	if (rc)
		return rc;
	if (o->nargs)
		return cli_usage_error(o, "status takes no arguments (name the journal with --journal)");
	char *path;
	rc = find_journal(o, &path);
	if (rc)
		return rc;
	ordo_journal *j;
	char *err = NULL;
	int e = ordo_journal_open(&j, path, false, &err);
	if (e) {
		fprintf(stderr, "ordo: %s\n", err);
		free(err);
		free(path);
		return journal_error(e);
	}
	char *plan = ordo_journal_meta(j, "plan");
	char *fp = ordo_journal_meta(j, "fingerprint");
	char *estate = ordo_journal_meta(j, "estate");
	ordo_doc *doc = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	lo.syntax = ORDO_SYNTAX_JSON;
	if (plan)
		ordo_load_buffer(&doc, plan, strlen(plan), "journal plan", &lo, &d);
	ordo_diag_release(&d);
	const ordo_node *psteps = doc ? ordo_node_get(doc->root, "steps") : NULL;
	uint32_t np = psteps && psteps->type == ORDO_NODE_SEQ ? psteps->len : 0;
	pstep *ps = ordo_xcalloc(np + 1, sizeof(*ps));
	uint32_t nwaves = 0;
	for (uint32_t i = 0; i < np; i++) {
		const ordo_node *s = &psteps->u.items[i];
		ps[i].id = (uint32_t)strtoul(text_of(ordo_node_get(s, "id")), NULL, 10);
		ps[i].wave = (uint32_t)strtoul(text_of(ordo_node_get(s, "wave")), NULL, 10);
		ps[i].title = text_of(ordo_node_get(s, "title"));
		ps[i].action = text_of(ordo_node_get(s, "action"));
		ps[i].component = text_of(ordo_node_get(s, "component"));
		if (ps[i].wave > nwaves)
			nwaves = ps[i].wave;
	}
	ordo_jstep *st = NULL;
	uint32_t n = 0;
	ordo_journal_steps(j, &st, &n);
	uint32_t counts[ORDO_STATE_N] = {0};
	for (uint32_t i = 0; i < n; i++)
		counts[st[i].state]++;
	bool live = ordo_journal_locked_by_other(j);
	const char *state = live ? "running"
			    : counts[ORDO_STATE_FAILED] ? "failed"
			    : counts[ORDO_STATE_DONE] + counts[ORDO_STATE_SKIPPED] == n ? "done"
											: "waiting";
	uint32_t cur_wave = 0;
	for (uint32_t i = 0; i < n && !cur_wave; i++)
		if (st[i].state != ORDO_STATE_DONE && st[i].state != ORDO_STATE_SKIPPED)
			for (uint32_t k = 0; k < np; k++)
				if (ps[k].id == st[i].id)
					cur_wave = ps[k].wave;
	ordo_buf out = ORDO_BUF_INIT;
	if (!strcmp(o->format, "html")) {
		if (!doc || !doc->root) {
			fprintf(stderr, "ordo: journal '%s' holds no plan to show\n", path);
			rc = CLI_EXIT_DATAERR;
			goto status_done;
		}
		/* what failed or interrupted steps printed last, as the text shows it */
		char **outputs = ordo_xcalloc(n + 1, sizeof(*outputs));
		for (uint32_t i = 0; i < n; i++) {
			if (st[i].state != ORDO_STATE_FAILED && st[i].state != ORDO_STATE_INTERRUPTED)
				continue;
			ordo_joutput *outs;
			uint32_t no;
			ordo_journal_outputs(j, st[i].id, &outs, &no);
			ordo_buf b = ORDO_BUF_INIT;
			for (uint32_t k = 0; k < no; k++)
				ordo_buf_printf(&b, "%s%s%s (exit %d, attempt %u):\n%s\n", k ? "\n" : "",
						outs[k].server && *outs[k].server ? "on " : "",
						outs[k].server ? outs[k].server : "", outs[k].exit_code,
						outs[k].attempt, outs[k].output ? outs[k].output : "");
			ordo_journal_outputs_free(outs, no);
			outputs[i] = ordo_buf_detach(&b);
		}
		ordo_html_run hr = {state, path, st, n, (const char *const *)outputs};
		ordo_render_html_doc(&out, doc->root, &hr);
		for (uint32_t i = 0; i < n; i++)
			free(outputs[i]);
		free(outputs);
	} else if (!strcmp(o->format, "json")) {
		ordo_jw w;
		ordo_jw_init(&w, &out, true);
		ordo_jw_object_begin(&w);
		ordo_jw_key(&w, "ordo");
		ordo_jw_int(&w, 1);
		ordo_jw_key(&w, "estate");
		ordo_jw_string(&w, estate);
		ordo_jw_key(&w, "fingerprint");
		ordo_jw_string(&w, fp);
		ordo_jw_key(&w, "state");
		ordo_jw_string(&w, state);
		ordo_jw_key(&w, "counts");
		ordo_jw_object_begin(&w);
		for (int s = 0; s < ORDO_STATE_N; s++) {
			ordo_jw_key(&w, ordo_state_name((ordo_state)s));
			ordo_jw_int(&w, counts[s]);
		}
		ordo_jw_object_end(&w);
		ordo_jw_key(&w, "wave");
		ordo_jw_int(&w, cur_wave);
		ordo_jw_key(&w, "steps");
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; i < n; i++) {
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "id");
			ordo_jw_int(&w, st[i].id);
			ordo_jw_key(&w, "state");
			ordo_jw_string(&w, ordo_state_name(st[i].state));
			ordo_jw_key(&w, "attempts");
			ordo_jw_int(&w, st[i].attempts);
			ordo_jw_key(&w, "started");
			ordo_jw_string(&w, st[i].started);
			ordo_jw_key(&w, "finished");
			ordo_jw_string(&w, st[i].finished);
			ordo_jw_key(&w, "by");
			ordo_jw_string(&w, st[i].by);
			ordo_jw_key(&w, "note");
			ordo_jw_string(&w, st[i].note && *st[i].note ? st[i].note : NULL);
			for (uint32_t k = 0; k < np; k++)
				if (ps[k].id == st[i].id) {
					ordo_jw_key(&w, "wave");
					ordo_jw_int(&w, ps[k].wave);
					ordo_jw_key(&w, "title");
					ordo_jw_string(&w, ps[k].title);
				}
			if (st[i].reason) {
				ordo_jw_key(&w, "reason");
				ordo_jw_string(&w, st[i].reason);
			}
			if (st[i].state == ORDO_STATE_FAILED || st[i].state == ORDO_STATE_INTERRUPTED) {
				ordo_joutput *outs;
				uint32_t no;
				ordo_journal_outputs(j, st[i].id, &outs, &no);
				ordo_jw_key(&w, "outputs");
				ordo_jw_array_begin(&w);
				for (uint32_t k = 0; k < no; k++) {
					ordo_jw_object_begin(&w);
					ordo_jw_key(&w, "server");
					ordo_jw_string(&w, outs[k].server && *outs[k].server ? outs[k].server : NULL);
					ordo_jw_key(&w, "exit_code");
					ordo_jw_int(&w, outs[k].exit_code);
					ordo_jw_key(&w, "output");
					ordo_jw_string(&w, outs[k].output);
					ordo_jw_object_end(&w);
				}
				ordo_jw_array_end(&w);
				ordo_journal_outputs_free(outs, no);
			}
			ordo_jw_object_end(&w);
		}
		ordo_jw_array_end(&w);
		ordo_jw_object_end(&w);
		ordo_buf_putc(&out, '\n');
	} else {
		ordo_buf_printf(&out, "%s: %s, %u of %u steps done", estate ? estate : path, state,
				counts[ORDO_STATE_DONE] + counts[ORDO_STATE_SKIPPED], n);
		if (cur_wave)
			ordo_buf_printf(&out, ", at wave %u of %u", cur_wave, nwaves);
		ordo_buf_putc(&out, '\n');
		for (int s = 0; s < ORDO_STATE_N; s++)
			if (counts[s])
				ordo_buf_printf(&out, "  %-12s %u\n", ordo_state_name((ordo_state)s), counts[s]);
		for (uint32_t i = 0; i < n; i++) {
			if (st[i].state != ORDO_STATE_WAITING && st[i].state != ORDO_STATE_FAILED &&
			    st[i].state != ORDO_STATE_INTERRUPTED && st[i].state != ORDO_STATE_RUNNING)
				continue;
			const char *title = "";
			for (uint32_t k = 0; k < np; k++)
				if (ps[k].id == st[i].id)
					title = ps[k].title;
			ordo_buf_printf(&out, "\nstep %u %s: %s\n", st[i].id, ordo_state_name(st[i].state), title);
			if (st[i].reason)
				ordo_buf_printf(&out, "  %s\n", st[i].reason);
			if (st[i].state == ORDO_STATE_WAITING)
				ordo_buf_printf(&out, "  when it is done: ordo ack %u --by <name>\n", st[i].id);
			if (st[i].state == ORDO_STATE_FAILED || st[i].state == ORDO_STATE_INTERRUPTED) {
				ordo_joutput *outs;
				uint32_t no;
				ordo_journal_outputs(j, st[i].id, &outs, &no);
				for (uint32_t k = 0; k < no; k++) {
					ordo_buf_printf(&out, "  output%s%s (exit %d, attempt %u):\n",
							outs[k].server && *outs[k].server ? " on " : "",
							outs[k].server ? outs[k].server : "", outs[k].exit_code,
							outs[k].attempt);
					/* the last lines say most about a failure */
					const char *text = outs[k].output ? outs[k].output : "";
					const char *p = text + strlen(text);
					int lines = 0;
					while (p > text && lines <= 20)
						if (*--p == '\n' && p[1])
							lines++;
					if (p != text)
						p++;
					for (const char *line = p; *line;) {
						const char *nl = strchr(line, '\n');
						size_t len = nl ? (size_t)(nl - line) : strlen(line);
						ordo_buf_printf(&out, "    | %.*s\n", (int)len, line);
						line += len + (nl ? 1 : 0);
					}
				}
				ordo_journal_outputs_free(outs, no);
			}
		}
	}
	rc = cli_emit(o, &out);
status_done:
	ordo_buf_release(&out);
	ordo_journal_steps_free(st, n);
	free(ps);
	ordo_doc_free(doc);
	free(plan);
	free(fp);
	free(estate);
	ordo_journal_close(j);
	free(path);
	return rc;
}

/* ---- verify ---- */

int cmd_verify(cli_opts *o)
{
	int rc = cli_format(o, "text,json");
	if (rc)
		return rc;
	ordo_catalog *cat;
	ordo_estate *est;
	rc = cli_load_estate(o, &cat, &est);
	if (rc)
		return rc;
	char *path = NULL;
	rc = find_journal(o, &path);
	if (rc)
		goto done;
	ordo_journal *j;
	char *err = NULL;
	int e = ordo_journal_open(&j, path, false, &err);
	if (e) {
		fprintf(stderr, "ordo: %s\n", err);
		free(err);
		rc = journal_error(e);
		goto done;
	}
	char *plan = ordo_journal_meta(j, "end_state");
	ordo_journal_close(j);
	ordo_doc *doc = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	lo.syntax = ORDO_SYNTAX_JSON;
	if (!plan || ordo_load_buffer(&doc, plan, strlen(plan), "journal end state", &lo, &d) < 0) {
		fprintf(stderr, "ordo: journal '%s' holds no plan to verify against\n", path);
		ordo_diag_release(&d);
		free(plan);
		rc = CLI_EXIT_DATAERR;
		goto done;
	}
	ordo_diag_release(&d);
	free(plan);
	const ordo_node *end = doc->root;
	uint32_t bad = 0, n = end && end->type == ORDO_NODE_SEQ ? end->len : 0;
	ordo_buf out = ORDO_BUF_INIT;
	ordo_jw w;
	bool json = !strcmp(o->format, "json");
	if (json) {
		ordo_jw_init(&w, &out, true);
		ordo_jw_object_begin(&w);
		ordo_jw_key(&w, "ordo");
		ordo_jw_int(&w, 1);
		ordo_jw_key(&w, "estate");
		ordo_jw_string(&w, est->name);
		ordo_jw_key(&w, "components");
		ordo_jw_array_begin(&w);
	}
	for (uint32_t i = 0; i < n; i++) {
		const ordo_node *x = &end->u.items[i];
		const char *id = text_of(ordo_node_get(x, "component"));
		const char *want = text_of(ordo_node_get(x, "version"));
		const ordo_component *c = ordo_estate_component(est, id);
		ordo_version wv;
		const char *why;
		char have[64] = "";
		bool ok = false;
		if (c && ordo_version_parse(&wv, &cat->release, want, strlen(want), &why) == 0) {
			ordo_version_str(&c->version, have, sizeof(have));
			ok = ordo_version_cmp_release(&c->version, &wv) == 0;
		}
		if (!ok)
			bad++;
		if (json) {
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "component");
			ordo_jw_string(&w, id);
			ordo_jw_key(&w, "expected");
			ordo_jw_string(&w, want);
			ordo_jw_key(&w, "actual");
			ordo_jw_string(&w, c ? have : NULL);
			ordo_jw_key(&w, "ok");
			ordo_jw_bool(&w, ok);
			ordo_jw_object_end(&w);
		} else {
			ordo_buf_printf(&out, "  %s %-20s expected %s, ", ok ? "ok  " : "DIFF", id, want);
			if (c)
				ordo_buf_printf(&out, "found %s\n", have);
			else
				ordo_buf_puts(&out, "missing from the estate\n");
		}
	}
	if (json) {
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "verdict");
		ordo_jw_string(&w, bad ? "different" : "as planned");
		ordo_jw_object_end(&w);
		ordo_buf_putc(&out, '\n');
	} else {
		ordo_buf b = ORDO_BUF_INIT;
		ordo_buf_printf(&b, "%s: %s (%u of %u components where the plan puts them)\n", est->name,
				bad ? "DIFFERENT FROM THE PLAN" : "as planned", n - bad, n);
		ordo_buf_put(&b, out.ptr ? out.ptr : "", out.len);
		ordo_buf_release(&out);
		out = b;
	}
	rc = cli_emit(o, &out);
	if (!rc && bad)
		rc = CLI_EXIT_BLOCKED;
	ordo_buf_release(&out);
	ordo_doc_free(doc);
done:
	free(path);
	ordo_estate_free(est);
	ordo_catalog_free(cat);
	return rc;
}
