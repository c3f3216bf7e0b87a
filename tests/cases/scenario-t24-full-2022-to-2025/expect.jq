.verdict == "ok"
[.findings[] | select(.severity != "info")] | length == 0
.findings[] | select(.id == "spf.discontinued") | .component == "spf" and (.detail | contains("2025"))
[.findings[] | select(.id == "path.none")] | length == 0
