# the two groups run side by side...
[.steps[] | select(.after == []) | .component] == ["om1","om2"]
# ...but each initial management server is alone in its wave
. as $p | [.steps[] | select(.action == "upgrade" and .role == "management_server" and (.servers == ["A1"] or .servers == ["B1"]))] | length == 2 and all(.[]; . as $s | [$p.steps[] | select(.wave == $s.wave)] | length == 1)
# each group's other management server follows its own initial one
. as $p | ([$p.steps[] | select(.servers == ["A1"] and .action == "upgrade") | .id] | first) as $a1 | [$p.steps[] | select(.servers == ["A2"] and .action == "upgrade") | .after] == [[$a1]]
. as $p | ([$p.steps[] | select(.servers == ["B1"] and .action == "upgrade") | .id] | first) as $b1 | [$p.steps[] | select(.servers == ["B2"] and .action == "upgrade") | .after] == [[$b1]]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
