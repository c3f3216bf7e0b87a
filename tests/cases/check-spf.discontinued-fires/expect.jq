[.findings[] | select(.id == "spf.discontinued")] | length == 1
.findings[] | select(.id == "spf.discontinued") | .severity == "info"
.findings[] | select(.id == "spf.discontinued") | (.detail | contains("2025"))
[.findings[] | select(.id == "path.none")] | length == 0
