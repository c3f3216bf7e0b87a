[.findings[] | select(.id == "dpm.om-management-server")] | length == 1
.findings[] | select(.id == "dpm.om-management-server") | .severity == "blocker"
.findings[] | select(.id == "dpm.om-management-server") | .component == "dpm"
