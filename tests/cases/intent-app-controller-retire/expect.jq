.verdict == "ok"
[.findings[] | select(.severity != "info")] == []
[.findings[] | select(.id == "path.none" or .id == "app_controller.no-later-release")] == []
# the uninstall step, with why and sources from the catalog, resolves path.retired
[.steps[] | select(.component == "ac")] | length == 1
.steps[] | select(.component == "ac") | .action == "uninstall" and .role == "server" and .servers == ["AC01", "AC02"] and .title == "Uninstall App Controller 2012 R2 (server) and remove it from the estate" and (.why | index("ac is retired (upgrade.retire)") != null) and (.sources | length > 0)
. as $p | .findings[] | select(.id == "path.retired") | .resolved_by == [$p.steps[] | select(.component == "ac") | .id]
# the pack for it comes off first, and is not registered again
.steps[] | select(.action == "unregister-ip") | .component == "orch" and .for == "ac"
[.steps[] | select(.action == "register-ip" and .for == "ac")] == []
([.steps[] | select(.action == "unregister-ip") | .id] | first) < ([.steps[] | select(.component == "ac") | .id] | first)
# VMM's first step waits for the uninstall, and says why
([.steps[] | select(.component == "ac") | .wave] | max) < ([.steps[] | select(.component == "vmm") | .wave] | min)
[.steps[] | select(.component == "vmm") | .why[]] | index("after ac is retired: it does not move with vmm") != null
