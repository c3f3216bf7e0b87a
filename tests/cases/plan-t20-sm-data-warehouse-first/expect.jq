# T20 facts: BLOCK for the operator's intended order (initial management server first); the estate
# cannot state an intended order, so ordo simply plans the documented one: data warehouse server first
[.steps[] | select(.action == "upgrade") | .role][0] == "data_warehouse_server"
# the data warehouse server alone in its wave, then the initial management server alone in its wave
. as $p | [.steps[] | select(.action == "upgrade" and (.servers == ["SMDW1"] or .servers == ["SM1"]))] | map(.servers[0]) == ["SMDW1","SM1"] and all(.[]; . as $s | [$p.steps[] | select(.wave == $s.wave)] | length == 1)
([.steps[] | select(.action == "upgrade" and .servers == ["SMDW1"]) | .wave] | first) < ([.steps[] | select(.action == "upgrade" and .servers == ["SM1"]) | .wave] | first)
# additional management servers, consoles and the portal only after the initial management server
([.steps[] | select(.action == "upgrade" and .servers == ["SM1"]) | .wave] | first) as $w | all(.steps[] | select(.action == "upgrade" and .servers != ["SM1"] and .servers != ["SMDW1"]); .wave > $w)
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .servers] == [["SM1"],["SM2","SM3"]]
# the data warehouse jobs are stopped before the data warehouse server is upgraded
([.steps[] | select(.phase == "pre" and (.title | test("Disable the data warehouse job schedules"))) | .wave] | first) as $d | $d != null and $d < ([.steps[] | select(.action == "upgrade") | .wave] | min)
# facts order: DW -> initial MS -> DW jobs off / SSAS script / jobs on / restart DW -> consoles and secondary MSs.
# ordo runs the SSAS data-type fix-up after every role of the hop (where the 2025 guidance puts it; documented in its catalog)
([.steps[] | select(.action == "upgrade") | .wave] | max) as $u | [.steps[] | select(.title | test("SSAS data-type script")) | .wave] | length == 1 and .[0] > $u
[.steps[] | select(.phase == "post") | .title] | (map(test("SSAS")) | index(true)) < (map(test("KB5021792")) | index(true)) and (map(test("Deploy the new Self-Service Portal")) | index(true)) < (map(test("KB5021792")) | index(true))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
