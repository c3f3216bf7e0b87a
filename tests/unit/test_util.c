/* SPDX-License-Identifier: MIT */
/*
 * test_util.c: the primitives that large estates lean on, each against a
 * plain reference: JSON string escaping (eight bytes at a time), the maps'
 * case-insensitive hash, packed arena allocations and flat JSON arrays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_writer.h"
#include "util.h"

/* The escaping as the JSON grammar states it, one byte at a time. */
static void reference_escape(ordo_buf *out, const unsigned char *s, size_t n)
{
	ordo_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == '"' || c == '\\') {
			ordo_buf_putc(out, '\\');
			ordo_buf_putc(out, (char)c);
		} else if (c == '\n') {
			ordo_buf_puts(out, "\\n");
		} else if (c == '\t') {
			ordo_buf_puts(out, "\\t");
		} else if (c == '\r') {
			ordo_buf_puts(out, "\\r");
		} else if (c == '\b') {
			ordo_buf_puts(out, "\\b");
		} else if (c == '\f') {
			ordo_buf_puts(out, "\\f");
		} else if (c < 0x20) {
			ordo_buf_printf(out, "\\u%04x", c);
		} else {
			ordo_buf_putc(out, (char)c);
		}
	}
	ordo_buf_putc(out, '"');
}

static void test_escape_matches_reference(void **state)
{
	(void)state;
	/* ASCII only (valid UTF-8 needs no more than copying here); every
	 * special byte at every offset of strings of 0 to 40 bytes */
	static const unsigned char specials[] = {'"', '\\', '\n', '\t', 0x01, 0x1f, '\r', 0x7f, ' '};
	unsigned char s[64];
	for (size_t n = 0; n <= 40; n++) {
		for (size_t at = 0; at < (n ? n : 1); at++) {
			for (size_t k = 0; k < sizeof(specials); k++) {
				for (size_t i = 0; i < n; i++)
					s[i] = (unsigned char)('A' + (i * 7) % 26);
				if (n)
					s[at] = specials[k];
				ordo_buf a = ORDO_BUF_INIT, b = ORDO_BUF_INIT;
				ordo_json_escape(&a, (const char *)s, n);
				reference_escape(&b, s, n);
				assert_string_equal(ordo_buf_cstr(&a), ordo_buf_cstr(&b));
				ordo_buf_release(&a);
				ordo_buf_release(&b);
			}
		}
	}
}

static void test_escape_utf8(void **state)
{
	(void)state;
	ordo_buf a = ORDO_BUF_INIT;
	/* valid UTF-8 passes through, after eight ASCII bytes and before */
	const char *s = "abcdefgh\xc3\xa9\xe2\x82\xac-ijklmnop";
	ordo_json_escape(&a, s, strlen(s));
	assert_string_equal(ordo_buf_cstr(&a), "\"abcdefgh\xc3\xa9\xe2\x82\xac-ijklmnop\"");
	ordo_buf_release(&a);
}

static void test_hash_case_insensitive(void **state)
{
	(void)state;
	char a[80] = "", b[80] = "";
	for (size_t n = 0; n < 70; n++) {
		for (size_t i = 0; i < n; i++) {
			a[i] = (char)("Ab-Cd.Ef_0123456789XYZ"[(i * 5) % 22]);
			b[i] = (char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]);
		}
		assert_true(ordo_hash(a, n, true) == ordo_hash(b, n, true));
		if (n) {
			/* one byte changed changes the hash (for these inputs) */
			char c = b[n / 2];
			b[n / 2] = c == 'z' ? 'y' : 'z';
			assert_true(ordo_hash(a, n, true) != ordo_hash(b, n, true));
			b[n / 2] = c;
		}
	}
	/* a map finds keys in any case, and only those */
	ordo_map m = ORDO_MAP_INIT_NOCASE;
	char keys[200][24];
	for (int i = 0; i < 200; i++) {
		snprintf(keys[i], sizeof(keys[i]), "Host-%03d.Contoso.COM", i);
		assert_null(ordo_map_insert(&m, keys[i], strlen(keys[i]), keys[i]));
	}
	for (int i = 0; i < 200; i++) {
		char low[24];
		snprintf(low, sizeof(low), "host-%03d.contoso.com", i);
		assert_ptr_equal(ordo_map_get(&m, low, strlen(low)), keys[i]);
	}
	assert_null(ordo_map_get(&m, "host-200.contoso.com", 20));
	ordo_map_release(&m);
}

static void test_arena_alignment(void **state)
{
	(void)state;
	ordo_arena *a = ordo_arena_new();
	for (int i = 0; i < 10000; i++) {
		/* packed records and ordinary allocations interleaved */
		char *small = ordo_arena_alloc_small(a, 56);
		assert_int_equal((uintptr_t)small % sizeof(void *), 0);
		assert_int_equal(small[0] | small[55], 0);
		void *raw = ordo_arena_alloc_raw(a, (size_t)(i % 37) + 1);
		assert_int_equal((uintptr_t)raw % _Alignof(max_align_t), 0);
		char *txt = ordo_arena_strndup(a, "abc", 3);
		assert_string_equal(txt, "abc");
	}
	/* a large request, then more small ones */
	char *big = ordo_arena_alloc(a, (size_t)3 << 20);
	big[((size_t)3 << 20) - 1] = 1;
	assert_int_equal((uintptr_t)ordo_arena_alloc_small(a, 24) % sizeof(void *), 0);
	ordo_arena_free(a);
}

static void test_flat_arrays(void **state)
{
	(void)state;
	ordo_buf out = ORDO_BUF_INIT;
	ordo_jw w;
	ordo_jw_init(&w, &out, true);
	ordo_jw_object_begin(&w);
	ordo_jw_key(&w, "servers");
	ordo_jw_array_begin_flat(&w);
	ordo_jw_string(&w, "A");
	ordo_jw_string(&w, "B");
	ordo_jw_array_end(&w);
	ordo_jw_key(&w, "none");
	ordo_jw_array_begin_flat(&w);
	ordo_jw_array_end(&w);
	ordo_jw_key(&w, "why");
	ordo_jw_array_begin(&w);
	ordo_jw_string(&w, "x");
	ordo_jw_array_end(&w);
	ordo_jw_object_end(&w);
	assert_string_equal(ordo_buf_cstr(&out),
			    "{\n  \"servers\": [\"A\", \"B\"],\n  \"none\": [],\n  \"why\": [\n    \"x\"\n  ]\n}");
	ordo_buf_release(&out);
}

/* A list of names written at once is what item by item would write. */
static void test_string_list(void **state)
{
	(void)state;
	static const char *const items[] = {
	    "OM-MS01", "", "a \"quoted\" name", NULL, "back\\slash", "tab\there",
	    "caf\xc3\xa9", "exactly8", "sixteen-chars-ok", "line\nbreak", "x",
	};
	size_t n = sizeof(items) / sizeof(items[0]);
	for (int pretty = 0; pretty < 2; pretty++) {
		for (size_t k = 0; k <= n; k++) {
			ordo_buf a = ORDO_BUF_INIT, b = ORDO_BUF_INIT;
			ordo_jw wa, wb;
			ordo_jw_init(&wa, &a, pretty);
			ordo_jw_init(&wb, &b, pretty);
			ordo_jw_object_begin(&wa);
			ordo_jw_object_begin(&wb);
			ordo_jw_key(&wa, "servers");
			ordo_jw_key(&wb, "servers");
			ordo_jw_string_list(&wa, items + n - k, k);
			ordo_jw_array_begin_flat(&wb);
			for (size_t i = n - k; i < n; i++)
				ordo_jw_string(&wb, items[i]);
			ordo_jw_array_end(&wb);
			ordo_jw_key(&wa, "next");
			ordo_jw_key(&wb, "next");
			ordo_jw_int(&wa, 1);
			ordo_jw_int(&wb, 1);
			ordo_jw_object_end(&wa);
			ordo_jw_object_end(&wb);
			assert_string_equal(ordo_buf_cstr(&a), ordo_buf_cstr(&b));
			ordo_buf_release(&a);
			ordo_buf_release(&b);
		}
	}
	ordo_buf out = ORDO_BUF_INIT;
	ordo_jw w;
	ordo_jw_init(&w, &out, true);
	ordo_jw_string_list(&w, items, 3);
	assert_string_equal(ordo_buf_cstr(&out), "[\"OM-MS01\", \"\", \"a \\\"quoted\\\" name\"]");
	ordo_buf_release(&out);
}

static void closest_names(void **state)
{
	(void)state;
	static const char *const keys[] = {"id", "product", "version", "roles", "integration_packs", NULL};
	assert_int_equal(ordo_edit_distance("verison", 7, "version", 5), 1); /* a swap is one edit */
	assert_int_equal(ordo_edit_distance("ROLES", 5, "roles", 5), 0);
	assert_int_equal(ordo_edit_distance("abcdefgh", 8, "x", 2), 3); /* capped at max + 1 */
	assert_string_equal(ordo_closest("verison", 7, keys, SIZE_MAX), "version");
	assert_string_equal(ordo_closest("rols", 4, keys, SIZE_MAX), "roles");
	assert_string_equal(ordo_closest("integration_pack", 16, keys, SIZE_MAX), "integration_packs");
	assert_null(ordo_closest("colour", 6, keys, SIZE_MAX));
	assert_null(ordo_closest("x", 1, keys, SIZE_MAX));
	static const char *const os[] = {"Windows Server 2012", "Windows Server 2016"};
	assert_string_equal(ordo_closest("Windows Sever 2016", 18, os, 2), "Windows Server 2016");
	assert_null(ordo_closest("Windows Server 2003", 19, os, 2)); /* other digits */
	static const char *const cmds[] = {"check", "plan", "run", "status"};
	assert_string_equal(ordo_closest("pln", 3, cmds, 4), "plan");
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_did_you_mean(&b, "pln", 3, cmds, 4);
	assert_string_equal(ordo_buf_cstr(&b), ", did you mean 'plan'?");
	ordo_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape_matches_reference), cmocka_unit_test(test_escape_utf8),
	    cmocka_unit_test(test_hash_case_insensitive),    cmocka_unit_test(test_arena_alignment),
	    cmocka_unit_test(test_flat_arrays),              cmocka_unit_test(test_string_list),
	    cmocka_unit_test(closest_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
