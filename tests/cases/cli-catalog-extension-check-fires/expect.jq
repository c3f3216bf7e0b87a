.verdict == "warnings"
[.findings[] | select(.id == "lab.many-consoles")] | length == 1
.findings[] | select(.id == "lab.many-consoles") | .severity == "warning" and .component == "vmm" and .sources == ["lab/runbook.md"]
.findings[] | select(.id == "lab.many-consoles") | (.detail | startswith("vmm has 3 consoles to replace"))
.findings[] | select(.id == "lab.many-consoles") | .remediation == [{"type": "hint", "text": "Stage the new console on the administrators' workstations in advance."}]
