[.findings[] | select(.id == "spf.discontinued")] | length == 1
.findings[] | select(.id == "spf.discontinued") | .severity == "info"
.findings[] | select(.id == "spf.discontinued") | (.detail | contains("2025"))
# without upgrade.keep or upgrade.retire the component cannot reach the target
[.findings[] | select(.id == "path.none") | .component] == ["spf"]
