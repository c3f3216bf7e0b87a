# facts: BLOCK for the direct hop; ordo finds 2019 -> 2022 -> 2025 and reports path.intermediate (info) instead
[.findings[] | select(.id == "path.none")] | length == 0
.findings[] | select(.id == "path.intermediate") | (.detail | contains("2019 -> 2022 -> 2025"))
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
