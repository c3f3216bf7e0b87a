.verdict == "blocked"
[.findings[] | select(.id == "vmm.wsman-limits")] | length == 1
.findings[] | select(.id == "vmm.wsman-limits") | .severity == "blocker" and .title == "WinRM limits must be raised before the upgrade" and .sources == ["lab/runbook.md"]
