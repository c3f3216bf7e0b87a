# T20 plan: the data warehouse server first, then the initial management server; then consoles and additional management servers together
[.steps[] | select(.action == "upgrade") | .servers[0]][0:2] == ["SMDW01", "SM01"]
([.steps[] | select(.action == "upgrade" and .servers == ["SM02"]) | .wave][0]) == ([.steps[] | select(.action == "upgrade" and .role == "console") | .wave][0])
([.steps[] | select(.action == "upgrade" and .servers == ["SM02"]) | .wave][0]) > ([.steps[] | select(.action == "upgrade" and .servers == ["SM01"]) | .wave][0])
# after the 2022 upgrade: the hotfix KB5021792
[.steps[] | select(.phase == "post") | .title] | any(contains("KB5021792"))
