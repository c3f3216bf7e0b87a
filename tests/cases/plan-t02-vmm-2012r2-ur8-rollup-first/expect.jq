# T02 facts: BLOCK, needs UR9; plan: apply UR9, then upgrade.
# ordo: the blocker path.update-rollup is resolved by the plan's first step, so the verdict is planned and the exit code 1
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | .id] == ["path.update-rollup"]
.findings[] | select(.id == "path.update-rollup") | .resolved_by == [1] and .hop == {"from":"2012 R2 UR8","to":"2016"}
.steps[0] | .action == "apply-update-rollup" and .from == "2012 R2 UR8" and .to == "2012 R2 UR9" and .after == [] and .component == "vmm"
# the hop starts from the rollup
all(.steps[1:][]; .from == "2012 R2 UR9" and .to == "2016")
all(.steps[1:][]; .after != [])
([.steps[] | select(.action == "upgrade") | .id] | min) > 1
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
