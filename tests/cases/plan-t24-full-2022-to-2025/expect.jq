# T24 (2025): SMA, Orchestrator, SM, DPM, OM, ConfigMgr, VMM; SPF stays at 2022
# VMM 2022 runs on Windows Server 2022, which VMM 2025 does not support: a step of the plan upgrades the OS.
# DPM 2025 runs on Windows Server 2022 and 2025 (its requirements page), so DPM01 keeps its system.
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | .id] == ["os.unsupported"]
[.steps[] | select(.component == "dpm" and .action == "upgrade-os")] == []
all(.findings[] | select(.id == "os.unsupported"); (.resolved_by | length) == 1)
. as $p | all(.findings[] | select(.id == "os.unsupported"); . as $f | $p.steps[.resolved_by[0] - 1] | .action == "upgrade-os" and .component == $f.component)
[.steps[] | select(.component == "vmm" and .role == "management_server" and .phase == "upgrade") | .action] | index("uninstall") < index("upgrade-os") and index("upgrade-os") < index("upgrade")
["sma","orch","sm","dpm","om","cm","vmm"] as $o | [$o[] as $c | [.steps[] | select(.component == $c and .action == "upgrade") | .wave] | min] | . == sort and (unique | length) == ($o | length)
["sma","orch","sm","dpm","om","cm","vmm"] as $o | [range(0; ($o | length) - 1) as $i | ([.steps[] | select(.component == $o[$i]) | .wave] | max) < ([.steps[] | select(.component == $o[$i + 1]) | .wave] | min)] | all
[.steps[] | select(.component == "spf" or .component == "wap")] == []
[.findings[] | select(.id == "path.kept" and .component == "spf")] | length == 1
[.findings[] | select(.id == "spf.kept-beside-newer-vmm" or .id == "spf.discontinued")] == []
all(.steps[] | select(.component != "cm"); .to == "2025")
# the 2025 procedures: the ADK for Windows Server 2025, hosts in maintenance mode before their agent update
[.steps[] | select(.component == "vmm" and .action == "prepare" and (.title | test("Windows Server 2025")))] | length == 1
([.steps[] | select(.component == "vmm" and .role == "host_agent" and .action == "prepare") | .id] | first) as $m | $m != null and $m < ([.steps[] | select(.component == "vmm" and .role == "host_agent" and .action == "upgrade") | .id] | first)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
