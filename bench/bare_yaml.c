/* SPDX-License-Identifier: MIT */
/* Bare streaming YAML parse with libyaml: the event loop only counts events.
 * The floor for reading a YAML estate: ordo cannot be faster than this.
 *
 *   bare_yaml FILE     prints "<events> events, <scalars> scalars"
 */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bare_yaml FILE\n");
		return 64;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 66;
	}
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		fprintf(stderr, "out of memory\n");
		return 70;
	}
	yaml_parser_set_input_file(&p, f);
	unsigned long events = 0, scalars = 0;
	int rc = 0;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "%s:%lu:%lu: %s\n", argv[1],
				(unsigned long)p.problem_mark.line + 1,
				(unsigned long)p.problem_mark.column + 1,
				p.problem ? p.problem : "parse error");
			rc = 65;
			break;
		}
		events++;
		if (e.type == YAML_SCALAR_EVENT)
			scalars++;
		int done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (done)
			break;
	}
	if (!rc)
		printf("%lu events, %lu scalars\n", events, scalars);
	yaml_parser_delete(&p);
	fclose(f);
	return rc;
}
