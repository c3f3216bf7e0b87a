[.findings[] | select(.id == "wap.no-later-release")] | length == 0
