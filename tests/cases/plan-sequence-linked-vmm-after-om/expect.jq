# connected to Operations Manager, VMM waits for the whole Operations Manager hop (sequence om-integrations)
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
([.steps[] | select(.component == "om") | .wave] | max) < ([.steps[] | select(.component == "vmm") | .wave] | min)
[.steps[] | select(.component == "vmm")][0] | .after != [] and any(.why[]; test("om-integrations") and test("operations_manager before vmm"))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
