# the same lines in plan-agree-check and plan-agree-plan: check computes the plan, so both
# report the same findings, the same resolving steps and the same verdict
.verdict == "planned"
[.findings[] | select(.id != "estate.unknown") | {id, severity, component, resolved_by}] == [{"id":"path.update-rollup","severity":"blocker","component":"vmm-a","resolved_by":[1]},{"id":"path.update-rollup","severity":"blocker","component":"vmm-b","resolved_by":[2]},{"id":"vmm.library-share","severity":"warning","component":"vmm-b","resolved_by":[]}]
[.findings[] | select(.id != "estate.unknown") | .hop] == [{"from":"2016 UR2","to":"2019"},{"from":"2016 UR4","to":"2019"},{"from":"2016 UR4","to":"2019"}]
.fingerprint | test("^sha256:[0-9a-f]{64}$")
# the steps the findings name are the rollups, first in their component's hop
.steps[0:2] | map({id, component, action, to}) == [{"id":1,"component":"vmm-a","action":"apply-update-rollup","to":"2016 UR6"},{"id":2,"component":"vmm-b","action":"apply-update-rollup","to":"2016 UR6"}]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
