# vmm.pending-restart is resolved by a step that restarts the server (the catalog's resolving step),
# not by another prepare step of the procedure such as the ADK install
.verdict == "planned"
. as $p | [.findings[] | select(.id == "vmm.pending-restart") | .resolved_by[] | $p.steps[. - 1] | [.action, .servers, (.title | test("Restart"))]] == [["prepare",["VMM01"],true]]
# the restart comes before VMM is uninstalled and set up again
. as $p | ([.findings[] | select(.id == "vmm.pending-restart") | .resolved_by[0]] | first) as $r | $r != null and $r < ([$p.steps[] | select(.component == "vmm" and .phase == "upgrade") | .id] | min)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
