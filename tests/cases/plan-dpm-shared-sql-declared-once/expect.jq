# one mention is enough: dpm-a's hop ends before dpm-b's begins
([.steps[] | select(.component == "dpm-a") | .wave] | max) < ([.steps[] | select(.component == "dpm-b") | .wave] | min)
# dpm-c shares nothing and starts at once, beside dpm-a
[.steps[] | select(.after == []) | .component] == ["dpm-a","dpm-c"]
([.steps[] | select(.component == "dpm-c") | .wave] | min) == 1
# both databases on the shared instance are renamed first (dpm.database-rename, resolved by the plan: exit 1)
[.findings[] | select(.id == "dpm.database-rename") | .component] | sort == ["dpm-a","dpm-b"]
[.findings[] | select(.severity == "blocker" and .resolved_by == [])] == []
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
