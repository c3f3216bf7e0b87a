# T11 facts: CONDITIONAL PASS. ordo: the blocker vmm.sql-availability-group is resolved by a plan step (exit 1)
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | .id] == ["vmm.sql-availability-group"]
# the resolving step takes the database out of the group (not some other prepare step)
. as $p | [.findings[] | select(.id == "vmm.sql-availability-group") | .resolved_by[] | $p.steps[. - 1] | [.action, (.title | test("availability group"))]] == [["prepare",true]]
# before: the database leaves the group, before VMM is uninstalled
. as $p | ([.findings[] | select(.id == "vmm.sql-availability-group") | .resolved_by[0]] | first) as $r | $r < ([$p.steps[] | select(.action == "uninstall") | .id] | first)
# after: back into the group, logins on the secondaries, fail-over test, once VMM 2022 runs
([.steps[] | select(.action == "configure" and (.title | test("back to its availability group"))) | .wave] | first) as $a | $a != null and $a > ([.steps[] | select(.role == "management_server" and .action == "upgrade") | .wave] | first)
[.steps[] | select(.title | test("back to its availability group")) | .title] | length == 1 and (.[0] | test("login") and test("fail over"))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
