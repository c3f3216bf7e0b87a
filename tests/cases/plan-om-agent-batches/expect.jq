[.steps[] | select(.component == "om" and .action == "upgrade" and .role == "agent") | .members] == [200,200,1]
[.steps[] | select(.component == "om" and .action == "upgrade" and .role == "agent") | .servers] == [[],[],[]]
# named agents fit one batch
[.steps[] | select(.component == "om-lab" and .action == "upgrade" and .role == "agent") | .servers] == [["LAB01","LAB02","LAB03"]]
[.steps[] | select(.component == "om-lab" and .action == "upgrade" and .role == "agent") | has("members")] == [false]
# each batch waits for the one before it
[.steps[] | select(.component == "om" and .action == "upgrade" and .role == "agent")] as $b | $b[1].after == [$b[0].id] and $b[2].after == [$b[1].id]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
