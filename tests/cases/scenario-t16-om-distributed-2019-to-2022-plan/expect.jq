# T16 plan: MS1 alone first, then MS2 with its ACS, then MS3; then gateways, consoles, agents, web console and reporting in parallel
[.steps[] | select(.action == "upgrade")][0] | .servers == ["MS1"] and .role == "management_server"
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .servers] == [["MS1"], ["MS2"], ["MS3"]]
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .wave] | . == (unique) and . == sort
(.steps | map(select(.action == "upgrade" and .role == "management_server")) | map(.wave) | max) as $ms | [.steps[] | select(.action == "upgrade" and (.role == "gateway" or .role == "operations_console" or .role == "web_console" or .role == "reporting_server"))] | all(.wave > $ms)
[.steps[] | select(.action == "upgrade" and (.role == "gateway" or .role == "operations_console" or .role == "web_console" or .role == "reporting_server")) | .wave] | unique | length == 1
([.steps[] | select(.action == "upgrade" and .role == "gateway") | .wave][0]) == ([.steps[] | select(.action == "upgrade" and .role == "agent") | .wave] | min)
# agents in batches of at most 200, 2500 in all
[.steps[] | select(.action == "upgrade" and .role == "agent") | .members] | all(. <= 200) and add == 2500
# every server of every role is upgraded by exactly one step
[.steps[] | select(.action == "upgrade") | .role as $r | .servers[] | "\($r)/\(.)"] | sort == ["acs_collector/MS2", "gateway/GW1", "gateway/GW2", "management_server/MS1", "management_server/MS2", "management_server/MS3", "operations_console/ADMIN01", "reporting_server/REP1", "web_console/WEB1"]
