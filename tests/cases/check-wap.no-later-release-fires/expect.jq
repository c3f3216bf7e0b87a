[.findings[] | select(.id == "wap.no-later-release")] | length == 1
.findings[] | select(.id == "wap.no-later-release") | .severity == "info"
[.findings[] | select(.id == "path.none")] | length == 0
