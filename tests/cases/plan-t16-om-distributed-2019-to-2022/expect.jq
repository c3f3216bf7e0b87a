# T16 facts: PASS. ordo has no blocker either; it warns about the 150,000-row ETL table
# (om.etl-table-large) and plans its grooming, hence exit 1.
[.findings[] | select(.id != "estate.unknown") | select(.severity == "blocker")] == []
[.findings[] | select(.id != "estate.unknown") | select(.severity == "warning") | .id] == ["om.etl-table-large"]
[.steps[] | select(.action == "prepare" and (.title | test("EntityTransactionLog")))] | length == 1
# the initial management server goes first and alone in its wave
([.steps[] | select(.action == "upgrade" and .role == "management_server")][0]) as $m | $m.servers == ["MS1"] and ([.steps[] | select(.wave == $m.wave)] | length) == 1 and ([.steps[] | select(.action == "upgrade") | .wave] | min) == $m.wave
# then the other management servers, one at a time
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .servers] == [["MS1"],["MS2"],["MS3"]]
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .wave] | . == sort and (unique | length) == 3
# ACS is upgraded with MS2, right after it and before MS3
[.steps[] | select(.action == "upgrade" and .role == "acs_collector")] as $a | ($a | length) == 1 and $a[0].servers == ["MS2"]
([.steps[] | select(.action == "upgrade" and .servers == ["MS2"] and .role == "management_server") | .id] | first) as $ms2 | [.steps[] | select(.action == "upgrade" and .role == "acs_collector") | .after] == [[$ms2]]
([.steps[] | select(.action == "upgrade" and .role == "acs_collector") | .wave] | first) < ([.steps[] | select(.action == "upgrade" and .servers == ["MS3"]) | .wave] | first)
# gateways, consoles, agents, web console and reporting: all after every management server and ACS, starting together
([.steps[] | select(.action == "upgrade" and (.role == "management_server" or .role == "acs_collector")) | .wave] | max) as $ms | . as $p | ["gateway","operations_console","agent","web_console","reporting_server"] | map(. as $r | [$p.steps[] | select(.action == "upgrade" and .role == $r) | .wave] | min) | (unique | length) == 1 and .[0] == $ms + 1
[.steps[] | select(.action == "upgrade" and .role == "gateway") | .servers] == [["GW1","GW2"]]
# agents: batches of at most 200, one after another, 13 of them for 2,500
[.steps[] | select(.action == "upgrade" and .role == "agent") | .members] | length == 13 and add == 2500 and all(. <= 200)
[.steps[] | select(.action == "upgrade" and .role == "agent") | .wave] | . == sort and (unique | length) == 13
# pre-tasks before the first management server, post-tasks after every role
([.steps[] | select(.action == "upgrade") | .wave] | min) as $first | all(.steps[] | select(.phase == "pre"); .wave < $first)
([.steps[] | select(.action == "upgrade") | .wave] | max) as $last | all(.steps[] | select(.phase == "post"); .wave > $last)
[.steps[] | select(.phase == "pre" and (.title | test("76800")))] | length == 1
[.steps[] | select(.phase == "post" and (.title | test("15360")))] | length == 1
[.steps[] | select(.phase == "post" and .role == "agent" and (.title | test("Audit Collection Services")))] | length == 1
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
