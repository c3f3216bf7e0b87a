# T22 facts: BLOCK (stricter reading of conflict C1: UR10). ordo applies UR10 as the plan's first step,
# which resolves path.update-rollup, so the exit code is 1
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | {id, resolved_by, hop}] == [{"id":"path.update-rollup","resolved_by":[1],"hop":{"from":"2012 R2 UR9","to":"2016"}}]
.steps[0] | .action == "apply-update-rollup" and .to == "2012 R2 UR10"
# facts: UR10 -> DPM 2016 -> agents -> Windows Server 2016 -> Remote Administrator.
[.steps[] | select(.action == "upgrade") | .role] == ["server","protected_agent","remote_administrator"]
([.steps[] | select(.action == "upgrade" and .role == "server") | .wave] | first) < ([.steps[] | select(.action == "upgrade" and .role == "protected_agent") | .wave] | first)
# ordo moves the server to Windows Server 2016 with a post-upgrade task, after every role, so after the
# Remote Administrator rather than before it (Windows Server 2012 R2 stays supported by DPM 2016)
[.findings[] | select(.id == "os.unsupported")] == []
([.steps[] | select(.phase == "post" and (.title | test("Windows Server 2016"))) | .wave] | first) as $os | $os != null and $os > ([.steps[] | select(.action == "upgrade" and .role == "protected_agent") | .wave] | first)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
