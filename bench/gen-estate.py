#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate a large, realistic System Center estate for the scale benchmarks.

    gen-estate.py --members N --format json|yaml [--seed S] -o FILE

The estate is a 2012 R2 suite going to 2019 (two hops for most products, with
update rollups to apply first). Its size is dominated by N named members:
Operations Manager agents spread over several management groups, VMM hosts
and Configuration Manager clients. Every member has one entry in `servers:`
(name, os, pending_restart, domain_joined) and is listed in exactly one role.
A few dozen infrastructure servers, DPM, Service Manager and Orchestrator
(with integration packs) complete the suite.

The JSON is indented the way scripts write it (about 200 bytes per member,
so one million members make a file of a little over 200 MB); the YAML is
block style, as written by hand. The output depends only on the arguments.
"""

import argparse
import json
import random
import sys

# Where the members go: (share of the members, component id, role).
# The shares add up to 1; the last group takes what rounding leaves.
MEMBER_GROUPS = [
    (0.16, "om-emea", "agent"),
    (0.14, "om-amer", "agent"),
    (0.08, "om-apac", "agent"),
    (0.04, "om-dmz", "agent"),
    (0.03, "vmm-emea", "host_agent"),
    (0.02, "vmm-amer", "host_agent"),
    (0.53, "cm", "client"),
]

SITES = {
    "om-emea": ("emea", "srv"),
    "om-amer": ("amer", "srv"),
    "om-apac": ("apac", "srv"),
    "om-dmz": ("dmz", "srv"),
    "vmm-emea": ("emea", "hv"),
    "vmm-amer": ("amer", "hv"),
    "cm": (None, "wks"),
}

CM_SITES = ["emea", "amer", "apac"]

# Operating systems of the members, with weights.
SERVER_OS = [("Windows Server 2012 R2", 15), ("Windows Server 2016", 45),
             ("Windows Server 2019", 35), ("Windows Server 2022", 5)]
HOST_OS = [("Windows Server 2012 R2", 25), ("Windows Server 2016", 75)]
CLIENT_OS = [("Windows 10", 70), ("Windows 11", 25), ("Windows Server 2016", 5)]

DOMAIN = "corp.contoso.com"


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.random() * total
    for value, w in table:
        x -= w
        if x < 0:
            return value
    return table[-1][0]


def member_counts(n):
    counts = []
    left = n
    for i, (share, comp, role) in enumerate(MEMBER_GROUPS):
        # every group gets at least one member, so every role is in use
        c = left if i == len(MEMBER_GROUPS) - 1 else max(1, int(n * share))
        counts.append((comp, role, c))
        left -= c
    return counts


def member_name(comp, cm_site, i):
    site, kind = SITES[comp]
    if site is None:
        site = cm_site
    return "%s-%s%07d.%s.%s" % (site.upper(), kind.upper(), i, site, DOMAIN)


def infra():
    """Infrastructure servers: (name, os)."""
    s = []
    for site in ("emea", "amer", "apac", "dmz"):
        s.append(("OM-%s-MS01" % site.upper(), "Windows Server 2016"))
        s.append(("OM-%s-MS02" % site.upper(), "Windows Server 2016"))
    s.append(("OM-EMEA-GW01", "Windows Server 2012 R2"))
    s.append(("OM-DMZ-GW01", "Windows Server 2016"))
    for site in ("emea", "amer"):
        s.append(("VMM-%s-01" % site.upper(), "Windows Server 2016"))
        s.append(("VMM-%s-LIB01" % site.upper(), "Windows Server 2016"))
    s.append(("CM-CAS01", "Windows Server 2016"))
    for site in CM_SITES:
        s.append(("CM-%s-PRI01" % site.upper(), "Windows Server 2016"))
    s.append(("CM-APAC-SEC01", "Windows Server 2012 R2"))
    s.append(("DPM01", "Windows Server 2016"))
    s.append(("DPM02", "Windows Server 2016"))
    s.append(("SM-DW01", "Windows Server 2016"))
    s.append(("SM01", "Windows Server 2016"))
    s.append(("SM02", "Windows Server 2016"))
    s.append(("ORCH01", "Windows Server 2016"))
    s.append(("ORCH02", "Windows Server 2016"))
    s.append(("ADMIN01", "Windows Server 2016"))
    return s


def components(counts):
    """The components, in a structure json.dumps can write; member lists are
    the strings '@<comp>' and are replaced by the member names on output."""
    db = lambda server, sql, name, **kw: dict(server=server, sql_version=sql, name=name, **kw)
    comps = []
    for site, version in (("emea", "2012 R2 UR14"), ("amer", "2012 R2 UR12"),
                          ("apac", "2012 R2 UR9"), ("dmz", "2012 R2 UR14")):
        cid = "om-" + site
        roles = {"management_server": ["OM-%s-MS01" % site.upper(), "OM-%s-MS02" % site.upper()]}
        if site in ("emea", "dmz"):
            roles["gateway"] = ["OM-%s-GW01" % site.upper()]
        roles["operations_console"] = ["ADMIN01"]
        roles["agent"] = "@" + cid
        comps.append({"id": cid, "product": "operations_manager", "version": version,
                      "roles": roles,
                      "database": db("SQL-%s01" % site.upper(), "2014 SP2", "OperationsManager",
                                     free_space_percent=55),
                      "facts": {"agent_install": "push", "etl_rows": 120000}})
    for site, version in (("emea", "2012 R2 UR14"), ("amer", "2012 R2 UR11")):
        cid = "vmm-" + site
        comps.append({"id": cid, "product": "vmm", "version": version,
                      "roles": {"management_server": ["VMM-%s-01" % site.upper()],
                                "console": ["ADMIN01"],
                                "library_server": ["VMM-%s-LIB01" % site.upper()],
                                "host_agent": "@" + cid},
                      "database": db("SQL-%s01" % site.upper(), "2014 SP2", "VirtualManagerDB"),
                      "integrations": ["om-" + site],
                      "facts": {"service_account": "CONTOSO\\svc-vmm",
                                "key_management": "dkm",
                                "wsman": {"max_concurrent_operations_per_user": 1500,
                                          "max_connections": 300}}})
    comps.append({"id": "cm", "product": "configuration_manager", "version": "2012 R2 SP1",
                  "target": "current_branch",
                  "roles": {"cas": ["CM-CAS01"],
                            "primary_site": ["CM-%s-PRI01" % s.upper() for s in CM_SITES],
                            "secondary_site": ["CM-APAC-SEC01"],
                            "console": ["ADMIN01"],
                            "client": "@cm"},
                  "database": db("SQL-CM01", "2014 SP2", "CM_CAS")})
    comps.append({"id": "dpm", "product": "dpm", "version": "2012 R2 UR11",
                  "roles": {"server": ["DPM01", "DPM02"],
                            "protected_agent": {"count": max(1, sum(c for _, _, c in counts) // 50)},
                            "remote_administrator": ["ADMIN01"]},
                  "database": db("SQL-DPM01", "2014 SP2", "DPMDB_DPM01", shared_with=[])})
    comps.append({"id": "sm", "product": "service_manager", "version": "2012 R2 UR9",
                  "roles": {"data_warehouse_server": ["SM-DW01"],
                            "management_server": ["SM01", "SM02"],
                            "console": ["ADMIN01"]},
                  "database": db("SQL-SM01", "2014 SP2", "ServiceManager"),
                  "integrations": ["om-emea"]})
    comps.append({"id": "orch", "product": "orchestrator", "version": "2012 R2 UR8",
                  "roles": {"management_server": ["ORCH01"],
                            "runbook_server": ["ORCH01", "ORCH02"],
                            "runbook_designer": ["ADMIN01"]},
                  "database": db("SQL-SM01", "2014 SP2", "Orchestrator"),
                  "integration_packs": [{"for": c, "version": "2012 R2"}
                                        for c in ("om-emea", "vmm-emea", "sm", "dpm", "cm")],
                  "integrations": ["om-emea", "vmm-emea", "sm", "dpm", "cm"]})
    return comps


def build(n, seed):
    rng = random.Random(seed)
    counts = member_counts(n)
    members = {}      # comp -> [names]
    servers = []      # (name, os, pending_restart, domain_joined)
    for name, os_ in infra():
        servers.append((name, os_, False, True))
    for comp, role, c in counts:
        names = []
        table = HOST_OS if role == "host_agent" else CLIENT_OS if role == "client" else SERVER_OS
        for i in range(1, c + 1):
            cm_site = CM_SITES[i % len(CM_SITES)]
            name = member_name(comp, cm_site, i)
            names.append(name)
            pending = rng.random() < 0.02
            joined = comp != "om-dmz"
            servers.append((name, weighted(rng, table), pending, joined))
        members[comp] = names
    return counts, members, servers


def write_json(out, n, seed, counts, members, servers):
    # written piece by piece: a million-member estate is never held as one string
    w = out.write
    w('{\n  "ordo": 1,\n  "name": %s,\n  "target": "2019",\n  "servers": [' %
      json.dumps("contoso-%d" % n))
    first = True
    for name, os_, pending, joined in servers:
        w('%s\n    {\n      "name": "%s",\n      "os": "%s",\n'
          '      "pending_restart": %s,\n      "domain_joined": %s\n    }' %
          ("" if first else ",", name, os_, "true" if pending else "false",
           "true" if joined else "false"))
        first = False
    w('\n  ],\n  "components": [')
    for ci, comp in enumerate(components(counts)):
        w(',' if ci else '')
        w('\n    {')
        for ki, (k, v) in enumerate(comp.items()):
            w(',' if ki else '')
            if k != "roles":
                w('\n      "%s": %s' % (k, json.dumps(v)))
                continue
            w('\n      "roles": {')
            for ri, (role, servers_) in enumerate(v.items()):
                w(',' if ri else '')
                if isinstance(servers_, str) and servers_.startswith("@"):
                    names = members[servers_[1:]]
                    w('\n        "%s": [' % role)
                    w(','.join('\n          "%s"' % s for s in names))
                    w('\n        ]')
                else:
                    w('\n        "%s": %s' % (role, json.dumps(servers_)))
            w('\n      }')
        w('\n    }')
    w('\n  ]\n}\n')


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)   # a JSON string is a valid double-quoted YAML scalar
    if isinstance(v, list):
        return "[" + ", ".join(yaml_scalar(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join("%s: %s" % (k, yaml_scalar(x)) for k, x in v.items()) + " }"
    raise TypeError(v)


def write_yaml(out, n, seed, counts, members, servers):
    w = out.write
    w("# Generated estate for the scale benchmarks: %d members, seed %d.\n" % (n, seed))
    w('ordo: 1\nname: contoso-%d\ntarget: "2019"\n\nservers:\n' % n)
    for name, os_, pending, joined in servers:
        w('  - name: %s\n    os: "%s"\n    pending_restart: %s\n    domain_joined: %s\n' %
          (name, os_, "true" if pending else "false", "true" if joined else "false"))
    w("\ncomponents:\n")
    for comp in components(counts):
        lead = "  - "
        for k, v in comp.items():
            if k == "roles":
                w("%sroles:\n" % lead)
                for role, servers_ in v.items():
                    if isinstance(servers_, str) and servers_.startswith("@"):
                        names = members[servers_[1:]]
                        w("      %s:%s\n" % (role, "" if names else " []"))
                        w("".join("        - %s\n" % s for s in names))
                    else:
                        w("      %s: %s\n" % (role, yaml_scalar(servers_)))
            elif k == "integration_packs":
                w("%sintegration_packs:\n" % lead)
                for ip in v:
                    w('      - for: %s\n        version: "%s"\n' % (ip["for"], ip["version"]))
            elif isinstance(v, dict):
                w("%s%s:\n" % (lead, k))
                for kk, vv in v.items():
                    w("      %s: %s\n" % (kk, yaml_scalar(vv)))
            else:
                w("%s%s: %s\n" % (lead, k, yaml_scalar(v)))
            lead = "    "
        w("\n")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, required=True, help="number of named members")
    ap.add_argument("--format", choices=["json", "yaml"], required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True, help="output file ('-' for stdout)")
    args = ap.parse_args(argv)
    if args.members < len(MEMBER_GROUPS):
        ap.error("--members must be at least %d" % len(MEMBER_GROUPS))
    counts, members, servers = build(args.members, args.seed)
    writer = write_json if args.format == "json" else write_yaml
    if args.output == "-":
        writer(sys.stdout, args.members, args.seed, counts, members, servers)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            writer(out, args.members, args.seed, counts, members, servers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
