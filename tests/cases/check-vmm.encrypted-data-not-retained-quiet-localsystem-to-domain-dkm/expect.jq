(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 0
