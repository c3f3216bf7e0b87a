.id == "vmm.wsman-limits"
.severity == "warning" and .waivable == true
.title == "WinRM limits on the VMM server are below the Windows defaults"
.sources | index("SystemCenterDocs/Upgrading-to-VMM-in-System-Center-2016.md") != null
[.remediation[].type] | all(. == "command" or . == "hint" or . == "step")
.condition | contains("facts.wsman.max_connections < 300")
