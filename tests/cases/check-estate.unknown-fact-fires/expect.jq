(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "estate.unknown-fact")] | length == 1
.findings[] | select(.id == "estate.unknown-fact") | .severity == "info" and .component == "vmm"
.findings[] | select(.id == "estate.unknown-fact") | (.detail | startswith("estate.yaml:14:7:") and contains("facts.wsmann"))
[.findings[] | select(.id == "vmm.wsman-limits")] | length == 0
