(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "path.intermediate")] | length == 1
.findings[] | select(.id == "path.intermediate") | .severity == "info" and .component == "vmm"
.findings[] | select(.id == "path.intermediate") | .hop == {"from": "2016 UR9", "to": "2022"}
.findings[] | select(.id == "path.intermediate") | (.detail | contains("2016 UR9 -> 2019 -> 2022"))
[.findings[] | select(.id == "path.none" or .id == "path.update-rollup")] | length == 0
