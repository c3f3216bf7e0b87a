# the same estate in YAML and JSON gives the same verdict and findings
.verdict == "blocked"
[.findings[] | select(.id != "estate.unknown") | [.id, .component, .severity, (.servers | join(",")), (.hop.from // ""), (.hop.to // "")] | join("|")] == ["vmm.encrypted-data-not-retained|vmm|blocker|VMM01|2012 R2 UR9|2016", "vmm.remote-upgrade-unsupported|vmm|blocker|VMM01|2012 R2 UR9|2016", "vmm.wsman-limits|vmm|warning|VMM01|2012 R2 UR9|2016"]
.findings[] | select(.id == "vmm.wsman-limits") | .detail == "MaxConcurrentOperationsPerUser is 1500 and MaxConnections is 25; the Windows defaults are 1500 and 300. The upgrade keeps the current values, and low ones can limit how much work VMM gets through. Evidence: version = 2012 R2 UR9; target = 2016; facts.wsman.max_connections = 25."
