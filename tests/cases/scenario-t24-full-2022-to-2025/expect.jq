(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.severity != "info" and .id != "estate.unknown")] | length == 0
.findings[] | select(.id == "spf.discontinued") | .component == "spf" and (.detail | contains("2025"))
[.findings[] | select(.id == "path.none")] | length == 0
