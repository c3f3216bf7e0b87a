# not connected, and no upgrade order names them: nothing orders the two, both start in wave 1
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.steps[] | select(.after == []) | .component] | sort == ["om","orch"]
([.steps[] | select(.component == "om") | .wave] | min) == 1 and ([.steps[] | select(.component == "orch") | .wave] | min) == 1
all(.steps[]; all(.why[]; test("om-integrations") | not))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
