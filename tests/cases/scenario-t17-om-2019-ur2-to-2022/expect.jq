.verdict == "warnings"
.findings[] | select(.id == "path.update-rollup-recommended") | .severity == "warning" and (.detail | contains("2019 UR3"))
.findings[] | select(.id == "om.duplicate-mp-aliases") | .severity == "warning"
[.findings[] | select(.severity == "blocker")] | length == 0
