# T15 facts: BLOCK; plan: uninstall and unregister the old pack everywhere -> upgrade VMM -> register and deploy the new pack.
# ordo: both pack blockers are resolved by pack steps of the plan, so the plan is printed and the exit code is 1
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | .id] | sort == ["orchestrator.ip-old-version-deployed","orchestrator.ip-unsupported"]
all(.findings[] | select(.severity == "blocker"); (.resolved_by | length) > 0)
# the 2012 SP1 pack comes off before VMM is upgraded
([.steps[] | select(.action == "unregister-ip" and .for == "vmm" and .pack_version == "2012 SP1") | .wave] | first) as $u | $u != null and $u < ([.steps[] | select(.component == "vmm" and .action == "upgrade") | .wave] | min)
# the 2012 R2 pack is registered once, after VMM runs 2012 R2, and no pack is registered twice
[.steps[] | select(.action == "register-ip" and .for == "vmm") | .pack_version] == ["2012 R2"]
([.steps[] | select(.action == "register-ip" and .for == "vmm") | .wave] | first) > ([.steps[] | select(.component == "vmm" and .action == "upgrade") | .wave] | max)
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
