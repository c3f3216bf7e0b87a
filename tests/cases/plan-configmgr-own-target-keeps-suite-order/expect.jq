# Configuration Manager moves in the stage of the release the estate goes to, whether or not it
# states its target: the 2022 order still holds, Operations Manager -> Configuration Manager -> VMM
[.steps[] | select(.component == "cm" and .action == "upgrade") | .to] == ["current_branch"]
["om","cm","vmm"] as $o | [range(0; ($o | length) - 1) as $i | ([.steps[] | select(.component == $o[$i]) | .wave] | max) < ([.steps[] | select(.component == $o[$i + 1]) | .wave] | min)] | all
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
