# T10 facts: BLOCK. ordo: os.unsupported is resolved by the procedure's own upgrade-os step (exit 1)
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | .id] == ["os.unsupported"]
. as $p | [.findings[] | select(.id == "os.unsupported") | .resolved_by[] | $p.steps[. - 1] | [.action, .servers]] == [["upgrade-os",["VMM01"]]]
# the management server procedure: back up -> uninstall keeping the database -> OS -> ADK -> install on the existing database
[.steps[] | select(.role == "management_server" and (.action == "backup" or .phase == "upgrade")) | .action] == ["backup","uninstall","upgrade-os","prepare","upgrade"]
[.steps[] | select(.role == "management_server" and .phase == "upgrade" and .action == "prepare") | .title] | length == 1 and (.[0] | test("ADK") and test("Windows Server 2022"))
[.steps[] | select(.role == "management_server" and .phase == "upgrade")] as $s | all(range(1; $s | length); $s[.].after == [$s[. - 1].id])
# then consoles, library servers and host agents, only once the management server runs 2022
([.steps[] | select(.role == "management_server" and .action == "upgrade") | .wave] | first) as $m | all(.steps[] | select(.action == "upgrade" and (.role == "console" or .role == "library_server" or .role == "host_agent")); .wave > $m)
[.steps[] | select(.action == "upgrade") | .role] == ["management_server","console","library_server","host_agent"]
# post-tasks after the host agents: re-add the PXE servers
([.steps[] | select(.role == "host_agent" and .action == "upgrade") | .wave] | first) < ([.steps[] | select(.title | test("PXE")) | .wave] | first)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
