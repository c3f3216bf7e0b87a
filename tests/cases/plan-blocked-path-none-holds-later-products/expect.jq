# no path for DPM: blocked, exit 2, yet the plan is printed for everything that has a path
.verdict == "blocked"
[.findings[] | select(.severity == "blocker") | [.id, .component, .resolved_by]] == [["path.none","dpm",[]]]
[.steps[] | select(.component == "dpm")] == []
# the products the 2012 R2 order puts after DPM wait for it: every one of their steps carries blocked_by path.none
[.steps[] | select(.component == "vmm" or .component == "spf")] | length > 0 and all(.[]; (.blocked_by // []) | index("path.none") != null)
# Orchestrator comes before DPM and is not held back
[.steps[] | select(.component == "orch")] | length > 0 and all(.[]; has("blocked_by") | not)
[.steps[] | select(.component == "orch" and .action == "upgrade")] | length > 0
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
