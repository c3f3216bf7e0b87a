.verdict == "blocked"
[.findings[] | select(.severity == "blocker" and .waived == null) | [.id, .component]] == [["path.none", "spf"]]
.findings[] | select(.id == "path.none") | (.detail | startswith("Service Provider Foundation ends at release 2022: it has no release at 2025"))
.findings[] | select(.id == "path.none") | [.remediation[].text | test("upgrade\\.(keep|retire): true")] == [true, true, false]
.findings[] | select(.id == "spf.discontinued") | .severity == "info"
