(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
# pack steps belong to Orchestrator, carry the integration_pack role and name the component they serve
all(.steps[] | select(.action == "unregister-ip" or .action == "register-ip"); .component == "orch" and .role == "integration_pack" and (.for | IN("sm","om","vmm")))
# one unregister and one register per pack
[.steps[] | select(.action == "unregister-ip") | .for] == ["sm","om","vmm"]
[.steps[] | select(.action == "register-ip") | .for] == ["sm","om","vmm"]
# each pack comes off before the component it serves is upgraded, and goes back on after its last upgrade step
. as $p | all(["sm","om","vmm"][]; . as $c | ([$p.steps[] | select(.action == "unregister-ip" and .for == $c) | .wave] | first) < ([$p.steps[] | select(.component == $c and .action == "upgrade") | .wave] | min))
. as $p | all(["sm","om","vmm"][]; . as $c | ([$p.steps[] | select(.action == "register-ip" and .for == $c) | .wave] | first) > ([$p.steps[] | select(.component == $c and .action == "upgrade") | .wave] | max))
# and both happen inside that component's turn, after Orchestrator itself runs 2012 R2
. as $p | ([$p.steps[] | select(.component == "orch" and .role != "integration_pack") | .wave] | max) < ([$p.steps[] | select(.role == "integration_pack") | .wave] | min)
# the releases put back: only VMM has a 2012 R2 pack; the others keep the 2012 SP1 pack
[.steps[] | select(.action == "register-ip") | {for, pack_version}] == [{"for":"sm","pack_version":"2012 SP1"},{"for":"om","pack_version":"2012 SP1"},{"for":"vmm","pack_version":"2012 R2"}]
[.findings[] | select(.id == "orchestrator.ip-unsupported")] == []
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
