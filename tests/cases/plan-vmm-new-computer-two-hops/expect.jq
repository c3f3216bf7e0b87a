# each hop uninstalls VMM where the previous step left it installed: a hop never uninstalls
# from a computer VMM has already left
[.steps[] | select(.role == "management_server" and .action == "upgrade") | [.to, .servers]] as $u | ($u | length) == 2 and $u[1][1] == ["VMM02"]
[.steps[] | select(.role == "management_server" and .action == "upgrade" and .to == "2019") | .servers[0]] as $first | [.steps[] | select(.role == "management_server" and .action == "uninstall" and .to == "2022") | .servers] == [$first]
# the whole 2019 hop before the 2022 hop
([.steps[] | select(.to == "2019") | .wave] | max) < ([.steps[] | select(.to == "2022") | .wave] | min)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
