# T01 PASS: no blocker and no warning; the upgrade order itself is the plan's business
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.severity != "info" and .id != "estate.unknown")] | length == 0
[.findings[] | select(.id | startswith("path.") or startswith("sequence."))] | length == 0
# Windows Azure Pack has no 2016 release: it stays at 2012 R2
[.findings[] | select(.id == "wap.no-later-release")] | length == 1
