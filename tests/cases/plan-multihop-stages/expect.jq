# stage 2019 completes across the suite before any step of the 2022 stage (the 2019 UR3 rollup belongs to the 2022 hop)
([.steps[] | select(.to == "2019") | .wave] | max) < ([.steps[] | select(.to == "2022" or (.to | startswith("2019 UR"))) | .wave] | min)
[.steps[] | select(.component == "sm" and .to != "2022")] == []
# inside each stage, the suite order: Operations Manager before VMM; Service Manager first in 2022
([.steps[] | select(.component == "om" and .to == "2019") | .wave] | max) < ([.steps[] | select(.component == "vmm" and .to == "2019") | .wave] | min)
([.steps[] | select(.component == "sm") | .wave] | max) < ([.steps[] | select(.component == "om" and .to != "2019") | .wave] | min)
([.steps[] | select(.component == "om" and .to != "2019") | .wave] | max) < ([.steps[] | select(.component == "vmm" and .to == "2022") | .wave] | min)
[.steps[] | select(.action == "upgrade" and .role == "management_server") | "\(.component) \(.servers[0]) \(.to)"] == ["om OM01 2019","om OM02 2019","vmm VMM01 2019","sm SM01 2022","om OM01 2022","om OM02 2022","vmm VMM01 2022"]
# below the recommended 2019 UR3, Operations Manager gets the rollup at the start of its 2022 hop
[.steps[] | select(.action == "apply-update-rollup") | {component, from, to}] == [{"component":"om","from":"2019","to":"2019 UR3"}]
. as $p | [.findings[] | select(.id == "path.update-rollup-recommended") | .resolved_by[] | $p.steps[. - 1].action] == ["apply-update-rollup"]
# Windows Server 2016 suits VMM 2019 but not VMM 2022: the OS moves in the 2022 hop only
[.steps[] | select(.action == "upgrade-os") | "\(.component) \(.to)"] == ["vmm 2022"]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
