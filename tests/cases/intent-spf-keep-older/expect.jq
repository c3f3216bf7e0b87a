.verdict == "blocked"
[.findings[] | select(.severity == "blocker") | [.id, .component]] == [["spf.kept-beside-newer-vmm", "spf"]]
# SPF could reach 2022: the intention takes precedence, and the finding says so
.findings[] | select(.id == "path.kept") | (.detail | contains("It could reach 2022; the intention takes precedence."))
