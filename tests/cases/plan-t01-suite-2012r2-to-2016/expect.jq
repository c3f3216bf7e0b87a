# T01: PASS, in the order SMA, Orchestrator, SM, DPM, OM, VMM, SPF, WAP
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.severity != "info" and .id != "estate.unknown")] == []
# every edge's minimum rollup is met: no rollup step
[.steps[] | select(.action == "apply-update-rollup")] == []
["sma","orch","sm","dpm","om","vmm","spf"] as $o | [$o[] as $c | [.steps[] | select(.component == $c and .action == "upgrade") | .wave] | min] | . == sort and (unique | length) == ($o | length)
["sma","orch","sm","dpm","om","vmm","spf"] as $o | [range(0; ($o | length) - 1) as $i | ([.steps[] | select(.component == $o[$i]) | .wave] | max) < ([.steps[] | select(.component == $o[$i + 1]) | .wave] | min)] | all
# Windows Azure Pack closes the list in the facts; it has no release after 2012 R2, so ordo gives it no step and says so
[.steps[] | select(.component == "wap")] == []
[.findings[] | select(.id == "wap.no-later-release")] | length == 1
# SMA: both features are uninstalled, then the runbook workers are installed before the web service
[.steps[] | select(.component == "sma") | .action] == ["backup","uninstall","uninstall","upgrade","upgrade"]
([.steps[] | select(.component == "sma" and .action == "upgrade" and .role == "runbook_worker") | .id] | first) < ([.steps[] | select(.component == "sma" and .action == "upgrade" and .role == "web_service") | .id] | first)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
