# only the warning about the new computer's name; no OS finding, since VMM 2022 will run on VMM02
[.findings[] | select(.severity != "info" and .id != "estate.unknown") | .id] == ["vmm.dkm-server-name"]
# backup and uninstall where VMM runs today, the ADK and the install where it will run
[.steps[] | select(.role == "management_server" and (.action == "backup" or .action == "uninstall")) | .servers] == [["VMM01"],["VMM01"]]
[.steps[] | select(.role == "management_server" and .phase == "upgrade" and (.action == "prepare" or .action == "upgrade")) | .servers] == [["VMM02"],["VMM02"]]
[.steps[] | select(.action == "upgrade-os")] == []
# after the install, the management server's work is done on the new computer, where VMM now runs
([.steps[] | select(.role == "management_server" and .action == "upgrade") | .id] | first) as $u | [.steps[] | select(.role == "management_server" and .id > $u) | .servers] | length > 0 and all(.[]; . == ["VMM02"])
[.steps[] | select(.title | test("Reassociate")) | .servers] == [["VMM02"]]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
