[.findings[] | select(.id == "dpm.legacy-os-modern-storage")] | length == 1
.findings[] | select(.id == "dpm.legacy-os-modern-storage") | .severity == "info"
.findings[] | select(.id == "dpm.legacy-os-modern-storage") | .servers == ["DPM01"]
[.findings[] | select(.id == "os.unsupported")] | length == 0
