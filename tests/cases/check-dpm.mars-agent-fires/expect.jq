[.findings[] | select(.id == "dpm.mars-agent")] | length == 1
.findings[] | select(.id == "dpm.mars-agent") | .severity == "info"
