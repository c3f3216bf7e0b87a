(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "estate.waiver-unused")] | length == 1
.findings[] | select(.id == "estate.waiver-unused") | .severity == "info" and .component == "vmm"
.findings[] | select(.id == "estate.waiver-unused") | (.detail | contains("vmm.domain-member"))
