/* SPDX-License-Identifier: MIT */
/* Bare streaming JSON parse with YAJL: the callbacks only count what they see.
 * The floor for reading a JSON estate: ordo cannot be faster than this.
 *
 *   bare_yajl FILE     prints "<values> values, <keys> keys, <containers> containers"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

struct counts {
	unsigned long values, keys, containers;
};

static int on_null(void *ctx) { ((struct counts *)ctx)->values++; return 1; }
static int on_bool(void *ctx, int b) { (void)b; ((struct counts *)ctx)->values++; return 1; }
static int on_number(void *ctx, const char *s, size_t n)
{
	(void)s; (void)n; ((struct counts *)ctx)->values++; return 1;
}
static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	(void)s; (void)n; ((struct counts *)ctx)->values++; return 1;
}
static int on_key(void *ctx, const unsigned char *s, size_t n)
{
	(void)s; (void)n; ((struct counts *)ctx)->keys++; return 1;
}
static int on_open(void *ctx) { ((struct counts *)ctx)->containers++; return 1; }
static int on_close(void *ctx) { (void)ctx; return 1; }

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_bool,
	.yajl_number = on_number, /* numbers as text: no conversion, like a loader that keeps them */
	.yajl_string = on_string,
	.yajl_start_map = on_open,
	.yajl_map_key = on_key,
	.yajl_end_map = on_close,
	.yajl_start_array = on_open,
	.yajl_end_array = on_close,
};

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bare_yajl FILE\n");
		return 64;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 66;
	}
	struct counts c = {0};
	yajl_handle h = yajl_alloc(&callbacks, NULL, &c);
	static unsigned char buf[1 << 16];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (yajl_parse(h, buf, n) != yajl_status_ok) {
			rc = 65;
			break;
		}
	}
	if (!rc && yajl_complete_parse(h) != yajl_status_ok)
		rc = 65;
	if (rc) {
		unsigned char *err = yajl_get_error(h, 1, buf, n);
		fprintf(stderr, "%s: %s", argv[1], (const char *)err);
		yajl_free_error(h, err);
	} else {
		printf("%lu values, %lu keys, %lu containers\n", c.values, c.keys, c.containers);
	}
	yajl_free(h);
	fclose(f);
	return rc;
}
