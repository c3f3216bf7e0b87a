[.findings[] | select(.id == "dpm.mars-agent")] | length == 0
