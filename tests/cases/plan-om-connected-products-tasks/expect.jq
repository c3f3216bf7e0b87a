# the connection to Operations Manager is known by the component ids in `integrations`;
# the tasks that depend on it must appear whatever the management group's id is
# VMM: remove the connection before the uninstall, apply 2016 UR1, then connect again after VMM 2016 is installed
[.steps[] | select(.component == "vmm" and (.title | test("connection between VMM and Operations Manager")))] | length == 1
([.steps[] | select(.component == "vmm" and (.title | test("connection between VMM and Operations Manager"))) | .id] | first) as $d | $d != null and $d < ([.steps[] | select(.component == "vmm" and .action == "uninstall") | .id] | first)
([.steps[] | select(.component == "vmm" and (.title | test("Connect VMM to Operations Manager again"))) | .id] | first) as $r | $r != null and $r > ([.steps[] | select(.component == "vmm" and .role == "management_server" and .action == "upgrade") | .id] | first)
([.steps[] | select(.component == "vmm" and (.title | test("Update Rollup 1"))) | .id] | first) as $u | $u != null and $u < ([.steps[] | select(.component == "vmm" and (.title | test("Connect VMM to Operations Manager again"))) | .id] | first)
# SMA: into maintenance mode in Operations Manager before its features are uninstalled, out of it after they are installed again
([.steps[] | select(.component == "sma" and (.title | test("into maintenance mode"))) | .id] | first) as $on | $on != null and $on < ([.steps[] | select(.component == "sma" and .action == "uninstall") | .id] | min)
([.steps[] | select(.component == "sma" and (.title | test("out of maintenance mode"))) | .id] | first) as $off | $off != null and $off > ([.steps[] | select(.component == "sma" and .action == "upgrade") | .id] | max)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
