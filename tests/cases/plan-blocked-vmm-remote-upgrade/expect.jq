# a blocker no step can remove: exit 2, the plan is still printed
.verdict == "blocked"
[.findings[] | select(.severity == "blocker" and .waived == null) | [.id, .resolved_by, .waivable]] == [["vmm.remote-upgrade-unsupported",[],false]]
# the accepted data loss is a blocker recorded as accepted, and does not count
[.findings[] | select(.id == "vmm.encrypted-data-not-retained") | [.severity, .waived.accepted]] == [["blocker", true]]
# every VMM step waits for the blocker
[.steps[] | select(.component == "vmm")] | length > 0 and all(.[]; (.blocked_by // []) | index("vmm.remote-upgrade-unsupported") != null)
# what comes after VMM waits too; what comes before does not
[.steps[] | select(.component == "spf")] | length > 0 and all(.[]; (.blocked_by // []) | index("vmm.remote-upgrade-unsupported") != null)
[.steps[] | select(.component == "om")] | length > 0 and all(.[]; has("blocked_by") | not)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
