# T24 (2022): SMA, Orchestrator, SM, DPM, OM, ConfigMgr, VMM, SPF
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
["sma","orch","sm","dpm","om","cm","vmm","spf"] as $o | [$o[] as $c | [.steps[] | select(.component == $c and .action == "upgrade") | .wave] | min] | . == sort and (unique | length) == ($o | length)
["sma","orch","sm","dpm","om","cm","vmm","spf"] as $o | [range(0; ($o | length) - 1) as $i | ([.steps[] | select(.component == $o[$i]) | .wave] | max) < ([.steps[] | select(.component == $o[$i + 1]) | .wave] | min)] | all
[.steps[] | select(.component == "wap")] == []
# VMM is connected to Operations Manager: the connection is removed before VMM is uninstalled and made again after VMM 2022 is installed
[.steps[] | select(.component == "vmm" and .action == "prepare" and (.title | test("connection between VMM and Operations Manager")))] | length == 1
([.steps[] | select(.component == "vmm" and .action == "prepare" and (.title | test("connection between VMM and Operations Manager"))) | .id] | first) as $d | $d != null and $d < ([.steps[] | select(.component == "vmm" and .action == "uninstall") | .id] | first)
([.steps[] | select(.component == "vmm" and .action == "configure" and (.title | test("Connect VMM to Operations Manager again"))) | .id] | first) as $r | $r != null and $r > ([.steps[] | select(.component == "vmm" and .role == "management_server" and .action == "upgrade") | .id] | first)
# SPF starts once the VMM console runs 2022: a new server takes the old name and the existing database
([.steps[] | select(.component == "spf") | .wave] | min) > ([.steps[] | select(.component == "vmm" and .role == "console" and .action == "upgrade") | .wave] | max)
[.steps[] | select(.component == "spf" and .phase == "upgrade") | .action] == ["prepare","uninstall","prepare","install","upgrade","configure","verify"]
[.steps[] | select(.component == "spf" and .action == "upgrade") | .title] | length == 1 and (.[0] | test("existing database"))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
