# T01 order: SMA -> Orchestrator -> SM -> DPM -> OM -> VMM -> SPF (Windows Azure Pack has no 2016 release)
[.steps[] | select(.action == "upgrade")] | group_by(.component) | map({c: .[0].component, first: (map(.id) | min)}) | sort_by(.first) | map(.c) == ["sma", "orch", "sm", "dpm", "om", "vmm", "spf"]
# each product finishes its upgrade steps before the next one starts
[.steps[] | select(.action == "upgrade")] | group_by(.component) | map({first: (map(.id) | min), last: (map(.id) | max)}) | sort_by(.first) | [range(1; length) as $i | .[$i - 1].last < .[$i].first] | all
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
