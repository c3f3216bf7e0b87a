# T24 (2022) order: SMA -> Orchestrator -> SM -> DPM -> OM -> VMM -> SPF (Configuration Manager is already on current branch)
[.steps[] | select(.action == "upgrade")] | group_by(.component) | map({c: .[0].component, first: (map(.id) | min)}) | sort_by(.first) | map(.c) == ["sma", "orch", "sm", "dpm", "om", "vmm", "spf"]
# VMM is disconnected from Operations Manager before its upgrade and reconnected after
[.steps[] | select(.component == "vmm") | .title] | (map(test("Remove the connection between VMM and Operations Manager")) | index(true)) < (map(test("Connect VMM to Operations Manager again")) | index(true))
# SPF moves after the VMM console
([.steps[] | select(.component == "spf" and .action == "upgrade") | .id] | min) > ([.steps[] | select(.component == "vmm" and .role == "console" and .action == "upgrade") | .id] | max)
