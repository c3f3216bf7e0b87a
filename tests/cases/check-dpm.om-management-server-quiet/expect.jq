[.findings[] | select(.id == "dpm.om-management-server")] | length == 0
