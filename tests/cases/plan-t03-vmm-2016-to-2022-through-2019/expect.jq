# T03 facts: "BLOCK: upgrade from 2016 isn't supported", plan 2016 (UR6+) -> 2019 -> 2022.
# ordo plans the two documented hops instead of refusing: the target is reachable, so the verdict is ok
# with the info finding path.intermediate (UR9 already meets the UR6 minimum of the first hop).
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "path.intermediate" and .component == "vmm")] | length == 1
[.findings[] | select(.id == "path.none")] == []
[.steps[] | select(.action == "apply-update-rollup")] == []
[.steps[] | select(.role == "management_server" and .action == "upgrade") | [.from, .to]] == [["2016 UR9","2019"],["2019","2022"]]
# the whole 2019 hop, host agents included, is done before anything of the 2022 hop
([.steps[] | select(.to == "2019") | .wave] | max) < ([.steps[] | select(.to == "2022") | .wave] | min)
[.steps[] | select(.role == "host_agent" and .action == "upgrade") | {to, members}] == [{"to":"2019","members":12},{"to":"2022","members":12}]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
