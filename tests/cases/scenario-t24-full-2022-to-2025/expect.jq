.verdict == "ok"
[.findings[] | select(.severity != "info")] | length == 0
.findings[] | select(.id == "path.kept") | .component == "spf" and .severity == "info" and (.detail | contains("no release after 2022"))
[.findings[] | select(.id == "spf.kept-beside-newer-vmm")] | length == 0
[.findings[] | select(.id == "path.none")] | length == 0
