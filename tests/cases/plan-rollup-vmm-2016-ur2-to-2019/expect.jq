# UR6 goes on before anything of the 2019 hop; the finding names that step; exit 1, not 2
.verdict == "planned"
.steps[0] | .action == "apply-update-rollup" and .from == "2016 UR2" and .to == "2016 UR6"
[.findings[] | select(.id == "path.update-rollup") | .resolved_by] == [[1]]
[.findings[] | select(.severity == "blocker" and .resolved_by == [])] == []
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .from] == ["2016 UR6"]
all(.steps[1:][]; .wave > 1)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
