# every component makes the two hops, 2016 -> 2019 -> 2022
[.steps[] | select(.action == "upgrade") | .to] | unique == ["2019","2022"]
# per hop, every named server of every role is in exactly one upgrade step of that role (sorted list, no repeats)
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "orch" and .role == "management_server" and .to == $h) | .servers[]] | sort] == [["ORCH01"],["ORCH01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "orch" and .role == "runbook_server" and .to == $h) | .servers[]] | sort] == [["RB01","RB02"],["RB01","RB02"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "orch" and .role == "runbook_designer" and .to == $h) | .servers[]] | sort] == [["ADMIN01","ADMIN02"],["ADMIN01","ADMIN02"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "orch" and .role == "web_service" and .to == $h) | .servers[]] | sort] == [["ORCHWEB01"],["ORCHWEB01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "sm" and .role == "data_warehouse_server" and .to == $h) | .servers[]] | sort] == [["SMDW01"],["SMDW01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "sm" and .role == "management_server" and .to == $h) | .servers[]] | sort] == [["SM01","SM02"],["SM01","SM02"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "sm" and .role == "console" and .to == $h) | .servers[]] | sort] == [["ADMIN01","ADMIN02"],["ADMIN01","ADMIN02"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "dpm" and .role == "server" and .to == $h) | .servers[]] | sort] == [["DPM01"],["DPM01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "dpm" and .role == "remote_administrator" and .to == $h) | .servers[]] | sort] == [["ADMIN01"],["ADMIN01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "management_server" and .to == $h) | .servers[]] | sort] == [["MS1","MS2","MS3"],["MS1","MS2","MS3"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "acs_collector" and .to == $h) | .servers[]] | sort] == [["ACS9","MS2"],["ACS9","MS2"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "gateway" and .to == $h) | .servers[]] | sort] == [["GW1","GW2"],["GW1","GW2"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "operations_console" and .to == $h) | .servers[]] | sort] == [["ADMIN01","ADMIN02"],["ADMIN01","ADMIN02"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "web_console" and .to == $h) | .servers[]] | sort] == [["OMWEB01"],["OMWEB01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "reporting_server" and .to == $h) | .servers[]] | sort] == [["REP01"],["REP01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "vmm" and .role == "management_server" and .to == $h) | .servers[]] | sort] == [["VMM01"],["VMM01"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "vmm" and .role == "console" and .to == $h) | .servers[]] | sort] == [["ADMIN01","ADMIN02"],["ADMIN01","ADMIN02"]]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "vmm" and .role == "library_server" and .to == $h) | .servers[]] | sort] == [["LIB01","LIB02"],["LIB01","LIB02"]]
# per hop, the anonymous members of a role add up to its count
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "dpm" and .role == "protected_agent" and .to == $h) | .members] | add] == [70,70]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "om" and .role == "agent" and .to == $h) | .members] | add] == [450,450]
[["2019","2022"][] as $h | [.steps[] | select(.action == "upgrade" and .component == "vmm" and .role == "host_agent" and .to == $h) | .members] | add] == [25,25]
# no upgrade step outside those roles, and none without servers or members
[.steps[] | select(.action == "upgrade") | "\(.component).\(.role)"] | unique == ["dpm.protected_agent","dpm.remote_administrator","dpm.server","om.acs_collector","om.agent","om.gateway","om.management_server","om.operations_console","om.reporting_server","om.web_console","orch.management_server","orch.runbook_designer","orch.runbook_server","orch.web_service","sm.console","sm.data_warehouse_server","sm.management_server","vmm.console","vmm.host_agent","vmm.library_server","vmm.management_server"]
all(.steps[] | select(.action == "upgrade"); (.servers | length) > 0 or .members > 0)
# anonymous-member steps name no server
all(.steps[] | select(.action == "upgrade" and .members != null); .servers == [])
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))
