# 2012 R2 order: Orchestrator, Service Manager, DPM, Operations Manager, Configuration Manager, VMM, App Controller, SPF
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
all(.steps[]; .to == "2012 R2")
# the first upgrade step of each component comes in that order
["orch","sm","dpm","om","cm","vmm","ac","spf"] as $o | [$o[] as $c | [.steps[] | select(.component == $c and .action == "upgrade") | .wave] | min] | . == sort and (unique | length) == ($o | length)
# and each component finishes its hop before the next one starts
["orch","sm","dpm","om","cm","vmm","ac","spf"] as $o | [range(0; ($o | length) - 1) as $i | ([.steps[] | select(.component == $o[$i]) | .wave] | max) < ([.steps[] | select(.component == $o[$i + 1]) | .wave] | min)] | all
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
