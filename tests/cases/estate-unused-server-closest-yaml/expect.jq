[.findings[] | select(.id == "estate.unused-server") | {severity, servers}] == [{"severity":"warning","servers":["VMM-01","OLD99"]}]
.findings[] | select(.id == "estate.unused-server") | .detail | contains("VMM-01 (line 5), closest name in the estate: VMM01 (role management_server of vmm)")
.findings[] | select(.id == "estate.unused-server") | .detail | contains("OLD99 (line 6).")
