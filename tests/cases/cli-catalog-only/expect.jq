.catalog == "mini@1"
[.findings[].id] | sort == ["app.low-limit", "path.intermediate"]
.findings[] | select(.id == "path.intermediate") | (.detail | contains("1 UR2 -> 2 -> 3"))
