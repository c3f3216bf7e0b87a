.verdict == "blocked"
[.findings[] | select(.id == "path.none")] | length == 1
.findings[] | select(.id == "path.none") | .severity == "blocker" and .waivable == false and .component == "orch"
.findings[] | select(.id == "path.none") | .hop == {"from": "2012", "to": "2012 R2"}
.findings[] | select(.id == "path.none") | .waived == null
.findings[] | select(.id == "path.none") | (.detail | contains("2012 R2"))
[.findings[] | select(.id == "path.intermediate" or .id == "path.update-rollup")] | length == 0
