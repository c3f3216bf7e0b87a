# each member is upgraded from its own version: OM02 (2019 UR3) only on the hop to 2022
[.steps[] | select(.action == "upgrade" and .to == "2019") | .servers[]] | sort == ["OM01","OMGW01"]
[.steps[] | select(.action == "upgrade" and .to == "2022") | .servers[]] | sort == ["OM01","OM02","OMGW01"]
# the initial management server still goes first on the hop to 2022
([.steps[] | select(.action == "upgrade" and .to == "2022" and .servers == ["OM01"]) | .id] | first) < ([.steps[] | select(.action == "upgrade" and .to == "2022" and .servers == ["OM02"]) | .id] | first)
.verdict != "ok"
