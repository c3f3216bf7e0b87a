.verdict == "blocked"
[.findings[] | select(.id == "path.none")] | length == 1
.findings[] | select(.id == "path.none") | .hop == {"from": "2019", "to": "2016"} and .severity == "blocker"
.findings[] | select(.id == "path.none") | (.detail | contains("2019") and contains("2016"))
