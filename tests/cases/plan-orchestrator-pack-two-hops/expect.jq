# per hop: the pack comes off before VMM is upgraded and goes back on, at VMM's new release, after it
[.steps[] | select(.role == "integration_pack") | [.action, .to]] == [["unregister-ip","2019"],["register-ip","2019"],["unregister-ip","2022"],["register-ip","2022"]]
. as $p | all(["2019","2022"][]; . as $h | ([$p.steps[] | select(.action == "unregister-ip" and .to == $h) | .wave] | first) < ([$p.steps[] | select(.component == "vmm" and .action == "upgrade" and .to == $h) | .wave] | first) and ([$p.steps[] | select(.action == "register-ip" and .to == $h) | .wave] | first) > ([$p.steps[] | select(.component == "vmm" and .action == "upgrade" and .to == $h) | .wave] | first))
[.steps[] | select(.action == "register-ip") | .pack_version] == ["2019","2022"]
# Orchestrator reaches each release before the pack of that release is registered
. as $p | all(["2019","2022"][]; . as $h | ([$p.steps[] | select(.component == "orch" and .role == "management_server" and .action == "upgrade" and .to == $h) | .wave] | first) < ([$p.steps[] | select(.action == "register-ip" and .to == $h) | .wave] | first))
# the pack taken off in the 2022 hop is the 2019 pack registered in the 2019 hop, not the 2016 one the estate started with
[.steps[] | select(.action == "unregister-ip") | .pack_version] == ["2016","2019"]
[.steps[] | select(.action == "unregister-ip" and .to == "2022") | .title] | length == 1 and (.[0] | test("2019 integration pack"))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# Orchestrator 2022 does not run the 2019 packs: the 2019 pack comes off before Orchestrator moves to 2022
([.steps[] | select(.action == "unregister-ip" and .pack_version == "2019") | .wave] | first) < ([.steps[] | select(.component == "orch" and .action == "upgrade" and .to == "2022") | .wave] | min)
