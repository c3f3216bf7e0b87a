# T23 facts: BLOCK (WS2016, DPMDB name, shared instance). ordo resolves each blocker with a plan
# step (rename the database, upgrade the OS), so the verdict is warnings and the exit code 1
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | [.id, .component]] | sort == [["dpm.database-rename","dpm1"],["dpm.database-rename","dpm2"],["os.unsupported","dpm1"]]
all(.findings[] | select(.severity == "blocker"); (.resolved_by | length) > 0)
# the two DPM servers sharing the SQL instance go one after the other: dpm1's hop is over before dpm2's starts
([.steps[] | select(.component == "dpm1") | .wave] | max) < ([.steps[] | select(.component == "dpm2") | .wave] | min)
[.steps[] | select(.component == "dpm2")][0] | any(.why[]; test("shared SQL instance"))
# before each DPM upgrade: its database is renamed; DPM01 also gets a supported OS
. as $p | all(["dpm1","dpm2"][]; . as $c | ([$p.steps[] | select(.component == $c and .action == "prepare" and (.title | test("Rename the DPM database"))) | .id] | first) as $r | $r != null and $r < ([$p.steps[] | select(.component == $c and .action == "upgrade") | .id] | min))
([.steps[] | select(.component == "dpm1" and .action == "upgrade-os") | .id] | first) as $o | $o != null and $o < ([.steps[] | select(.component == "dpm1" and .action == "upgrade" and .role == "server") | .id] | first)
[.steps[] | select(.action == "upgrade-os") | .servers] == [["DPM01"]]
# the renames happen after the database backups
. as $p | all(["dpm1","dpm2"][]; . as $c | ([$p.steps[] | select(.component == $c and .action == "backup") | .id] | first) < ([$p.steps[] | select(.component == $c and (.title | test("Rename"))) | .id] | first))
# DPM server first, then the protected servers' agents
. as $p | all(["dpm1","dpm2"][]; . as $c | ([$p.steps[] | select(.component == $c and .action == "upgrade" and .role == "server") | .wave] | first) < ([$p.steps[] | select(.component == $c and .action == "upgrade" and .role == "protected_agent") | .wave] | first))
[.steps[] | select(.action == "upgrade" and .role == "protected_agent") | .members] == [30,20]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
